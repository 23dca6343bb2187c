import Foundation
import Testing

/// The visitor's flows, replayed by the real binary from scripted traces (Traces/visitor-*.jsonl)
/// on the bundled data, at a fixed time (Tuesday 1 December 2026, 10:30 in Paris).
@Suite struct VisitorReplayTests {
    static let traces = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces")
    static let at = "2026-12-01T10:30"

    struct Outcome: Decodable {
        var panel: String
        var listed_places: [String]
        var interface_facing: String
        var panel_facing: String
        var language: String
    }

    func replay(_ trace: String, state: URL, _ extra: [String] = []) throws -> Outcome {
        let stats = state.appendingPathComponent("stats.json")
        let result = try InclusionMapBinary.run(["run", "--headless", "--state-dir", state.path, "--at", Self.at,
                                                 "--replay", Self.traces.appendingPathComponent(trace).path, "--stats", stats.path] + extra)
        guard result.status == 0 else { throw CommandFailure(result.stderr) }
        return try JSONDecoder().decode(Outcome.self, from: Data(contentsOf: stats))
    }

    @Test func nearbyListIsTheNearestOpenPlacesForProcedures() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let outcome = try replay("visitor-nearby.jsonl", state: state)
        #expect(outcome.panel == "nearby")
        // The same places, in the same order, as the CLI's answer from the kiosk's configured spot.
        let nearest = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat", "50.6366", "--lon", "3.0635",
                                                  "-k", "\(outcome.listed_places.count)", "--need", "demarches",
                                                  "--open-at", Self.at, "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(nearest.stdout.utf8)) as? [[String: Any]])
        #expect(outcome.listed_places.count >= 4)
        #expect(outcome.listed_places == rows.compactMap { $0["id"] as? String })
    }

    /// The kiosk lists what `places --search` answers, in the same order (nearest first), for a
    /// name's beginning and for everyday words.
    @Test(arguments: [("visitor-search.jsonl", "mediat"), ("visitor-search-words.jsonl", "carte grise")])
    func searchResultsAreListedAsYouType(_ trace: String, _ typed: String) throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let outcome = try replay(trace, state: state)
        #expect(outcome.panel == "search")
        let search = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--search", typed, "--json"])
        let ids = ((try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        #expect(outcome.listed_places.count >= 4)
        #expect(outcome.listed_places == Array(ids.prefix(outcome.listed_places.count)), "\(outcome.listed_places) vs \(ids.prefix(8))")
    }

    @Test func theFormsWholeFlowEndsWithOneRowInTheOutbox() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let outcome = try replay("visitor-feedback.jsonl", state: state)
        #expect(outcome.panel == "thanks:sent")
        let list = try InclusionMapBinary.run(["feedback", "list", "--json", "--state-dir", state.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["place"] as? String == "france-services-1933")
        #expect((rows.first?["answers"] as? [String: String]) == [
            "lieu_visite": "oui", "entree_plain_pied": "oui", "horaires_correctes": "oui", "satisfaction": "5",
            "accueil_cheminement_plain_pied": "oui", "sanitaires_adaptes": "non",
        ])
        #expect(rows.first?["comment"] as? String == "merci")
        #expect(rows.first?["status"] as? String == "pending")
    }

    /// A visitor who reads Arabic picks it, finds the nearest places open now, opens the first,
    /// hears its card (SDL's disk audio driver writes the sound), answers the form and sends it.
    @Test func aVisitorWhoReadsArabicFindsAPlaceHearsItAndAnswers() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let sound = state.appendingPathComponent("sound.raw")
        let stats = state.appendingPathComponent("stats.json")
        let result = try InclusionMapBinary.run(["run", "--headless", "--state-dir", state.path, "--at", Self.at, "--real-time",
                                                 "--replay", Self.traces.appendingPathComponent("visitor-arabic.jsonl").path, "--stats", stats.path],
                                                environment: ["SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": sound.path])
        try #require(result.status == 0, "\(result.stderr)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: stats)) as? [String: Any])
        #expect(outcome["language"] as? String == "ar")
        #expect(outcome["panel"] as? String == "thanks:sent")
        let bytes = try Data(contentsOf: sound)
        let samples = stride(from: 0, to: bytes.count - 1, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
        #expect(samples.count > 22050 && SpeechTests.rms(samples) > 300, "the card was not heard")
        // No chip was touched: the nearest place of all to the kiosk, as the CLI finds it, got the answers.
        let nearest = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat", "50.6366", "--lon", "3.0635", "-k", "1", "--json"])
        let first = try #require((try JSONSerialization.jsonObject(with: Data(nearest.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? String)
        let list = try InclusionMapBinary.run(["feedback", "list", "--json", "--state-dir", state.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows.first?["place"] as? String == first)
        #expect((rows.first?["answers"] as? [String: String])?["lieu_visite"] == "oui")
        #expect((rows.first?["answers"] as? [String: String])?["satisfaction"] == "4")
    }

    /// `run --language` starts the kiosk in another offered language (staff checking it, the
    /// benchmarks): the same places in the same order; a language not offered is refused by name.
    @Test func theKioskStartsInAnotherOfferedLanguage() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let french = try replay("visitor-nearby.jsonl", state: state)
        let arabic = try replay("visitor-nearby.jsonl", state: state, ["--language", "ar"])
        #expect(french.language == "fr" && arabic.language == "ar" && arabic.panel == "nearby")
        #expect(!arabic.listed_places.isEmpty && arabic.listed_places == french.listed_places)
        let refused = try InclusionMapBinary.run(["run", "--headless", "--state-dir", state.path, "--language", "de",
                                                  "--replay", Self.traces.appendingPathComponent("visitor-nearby.jsonl").path])
        #expect(refused.status != 0 && refused.stderr.contains("--language") && refused.stderr.contains("fr, ar, en, nl")
                && refused.stderr.contains("\"de\""), "\(refused.stderr)")
    }

    /// The flows again, with both cores kept busy by two other processes: a replay's outcome
    /// (panel, listed places, outbox) never depends on how fast the machine is.
    @Test func theFlowsEndTheSameWithTheCPULoaded() throws {
        let load = try (0..<2).map { _ in try Self.busyLoop() }
        // SIGKILL: the test process blocks SIGTERM, and its children inherit the mask.
        defer { for process in load { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
        let state = try InclusionMapBinary.temporaryDirectory()
        let form = try replay("visitor-feedback.jsonl", state: state)
        #expect(form.panel == "thanks:sent")
        let list = try InclusionMapBinary.run(["feedback", "list", "--json", "--state-dir", state.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows.first?["place"] as? String == "france-services-1933")
        let quiet = try replay("visitor-nearby.jsonl", state: try InclusionMapBinary.temporaryDirectory())
        #expect(quiet.panel == "nearby" && quiet.listed_places.count >= 4)
        let search = try replay("visitor-search.jsonl", state: state)
        #expect(search.panel == "search" && !search.listed_places.isEmpty)
    }

    /// A process that spins on a core until terminated.
    static func busyLoop() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "while :; do :; done"]
        try process.run()
        return process
    }

    /// On the bundled table: a hand from across the table opens a card turned towards it, and the
    /// form from it stays turned; the turn control turns everything for a group on that side.
    @Test func theTableFacesTheHandThatTouches() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        // The place a little north of the middle of the screen: in the upper half.
        let farSide = try replay("table-far-side.jsonl", state: state, ["--center", "50.6145,3.0446", "--zoom", "14"])
        #expect(farSide.panel == "feedback" && farSide.panel_facing == "top" && farSide.interface_facing == "bottom")
        let turned = try replay("table-turned.jsonl", state: state)
        #expect(turned.panel == "nearby" && turned.interface_facing == "top" && turned.panel_facing == "bottom")
        let nearSide = try replay("visitor-nearby.jsonl", state: state)
        #expect(nearSide.panel_facing == "bottom" && nearSide.interface_facing == "bottom")
    }

    @Test func aTargetThatIsNotOnScreenIsAnError() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let trace = state.appendingPathComponent("bad.jsonl")
        try #"{"t": 100, "type": "tap", "target": "control:send"}"#.write(to: trace, atomically: true, encoding: .utf8)
        let result = try InclusionMapBinary.run(["run", "--headless", "--state-dir", state.path, "--replay", trace.path])
        #expect(result.status != 0 && result.stderr.contains("control:send") && result.stderr.contains("not on screen"))
    }
}
