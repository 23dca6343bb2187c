import Foundation
import Testing

/// `feedback`, `sync`, `status` and `lab` as testers run them, against the throwaway PostgreSQL
/// that `scripts/test.sh` starts.
@Suite(.serialized) struct FeedbackCommandTests {
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["INCLUSION_MAP_TEST_PG_URL"] else {
            throw CommandFailure("INCLUSION_MAP_TEST_PG_URL is not set: run ./scripts/test.sh, which starts a throwaway PostgreSQL")
        }
        return url
    }

    /// A new lab database, migrated through the CLI, with a kiosk login; returns (admin URL, kiosk URL).
    static func makeLab() throws -> (admin: String, kiosk: String) {
        let server = try serverURL()
        let name = "cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        try psql(server, "CREATE DATABASE \(name)")
        var components = URLComponents(string: server)!
        components.path = "/\(name)"
        let admin = components.string!
        let migrate = try InclusionMapBinary.run(["lab", "migrate", "--lab-url", admin])
        guard migrate.status == 0 else { throw CommandFailure("lab migrate: \(migrate.stderr)") }
        try psql(admin, "CREATE ROLE k_\(name) LOGIN PASSWORD 'pw' IN ROLE inclusion_kiosk")
        components.user = "k_\(name)"
        components.password = "pw"
        let kiosk = components.string!
        return (admin, kiosk)
    }

    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-XAtqc", sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CommandFailure("psql failed: \(sql)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func add(_ state: URL, _ arguments: [String]) throws -> InclusionMapBinary.Result {
        try InclusionMapBinary.run(["feedback", "add", "--state-dir", state.path] + arguments)
    }

    @Test func addListExportStatus() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let ok = try add(state, ["--place", "france-services-1933", "--answer", "entree_plain_pied=oui", "--answer", "satisfaction=4",
                                 "--comment", "Accueil très patient, merci"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let id = ok.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(UUID(uuidString: id) != nil)

        let unknownKey = try add(state, ["--place", "france-services-1933", "--answer", "rampe=oui"])
        #expect(unknownKey.status != 0 && unknownKey.stderr.contains("entree_marches_rampe") && unknownKey.stderr.contains("valid keys"))
        let badValue = try add(state, ["--place", "france-services-1933", "--answer", "entree_marches_rampe=oui"])
        #expect(badValue.status != 0 && badValue.stderr.contains("aucune, fixe, amovible, ne_sait_pas"))
        let noPlace = try add(state, ["--place", "nowhere", "--answer", "satisfaction=2"])
        #expect(noPlace.status != 0 && noPlace.stderr.contains("nowhere"))
        #expect(try add(state, ["--missing", "Point numérique de la mairie", "--lat", "50.3", "--lon", "2.8"]).status == 0)

        let list = try InclusionMapBinary.run(["feedback", "list", "--state-dir", state.path, "--pending", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2 && rows[0]["id"] as? String == id && rows[0]["status"] as? String == "pending")
        #expect((rows[0]["answers"] as? [String: String]) == ["entree_plain_pied": "oui", "satisfaction": "4"])

        let csv = try InclusionMapBinary.run(["feedback", "export", "--csv", "--state-dir", state.path])
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 3 && lines[0].hasPrefix("id,created_at,kiosk,place,kind,lieu_visite,entree_plain_pied"))
        #expect(lines[1].contains(id) && lines[1].contains("Accueil très patient"))

        let status = try InclusionMapBinary.run(["status", "--json", "--state-dir", state.path])
        let value = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(Set(value.keys) == ["pending", "quarantined", "delivered", "last_sync_at", "last_error", "usage_pending", "places", "data_version"])
        #expect(value["places"] as? Int == 896 && value["data_version"] is NSNull && value["usage_pending"] as? Int == 0)
        #expect(value["pending"] as? Int == 2 && value["delivered"] as? Int == 0 && value["last_sync_at"] is NSNull)
    }

    @Test func syncDeliversAndTheReportShowsIt() throws {
        let lab = try Self.makeLab()
        let state = try InclusionMapBinary.temporaryDirectory()
        for satisfaction in 1...3 {
            #expect(try add(state, ["--place", "france-services-1933", "--answer", "satisfaction=\(satisfaction)"]).status == 0)
        }
        let sync = try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try Self.psql(lab.admin, "SELECT count(*) FROM feedback") == "3")
        let status = try InclusionMapBinary.run(["status", "--json", "--state-dir", state.path])
        #expect(status.stdout.contains("\"delivered\" : 3") && status.stdout.contains("\"pending\" : 0"))
        let report = try InclusionMapBinary.run(["lab", "report", "--lab-url", lab.admin, "--period", "today", "--state-dir", state.path])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("3 answers") && report.stdout.contains("France services Interfaces Lille"))
        #expect(report.stdout.contains("2.00 / 5"))
        // Migrating again changes nothing.
        #expect(try InclusionMapBinary.run(["lab", "migrate", "--lab-url", lab.admin]).stdout.contains("up to date"))
        // A wrong password: the error says so, nothing is lost.
        #expect(try add(state, ["--place", "france-services-1933", "--answer", "satisfaction=5"]).status == 0)
        let refused = try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path,
                                                  "--lab-url", lab.kiosk.replacingOccurrences(of: ":pw@", with: ":wrong@")])
        #expect(refused.status != 0 && refused.stderr.contains("password authentication failed"))
        #expect(try InclusionMapBinary.run(["status", "--json", "--state-dir", state.path]).stdout.contains("\"pending\" : 1"))
    }

    /// SIGKILL after the lab's commit and before the outbox's marking: the next sync re-sends, the
    /// lab keeps exactly one row per answer.
    @Test func killedBetweenCommitAndMarkKeepsOneRowPerAnswer() throws {
        let lab = try Self.makeLab()
        let state = try InclusionMapBinary.temporaryDirectory()
        for n in 0..<7 {
            #expect(try add(state, ["--place", "france-services-1933", "--answer", "satisfaction=\(n % 5 + 1)"]).status == 0)
        }
        let killed = try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk],
                                                environment: ["INCLUSION_MAP_FAULT": "kill-after-lab-commit"])
        #expect(killed.status == SIGKILL || killed.status == 128 + SIGKILL || killed.status == 9, "status \(killed.status)")
        #expect(try Self.psql(lab.admin, "SELECT count(*) FROM feedback") == "7")
        #expect(try InclusionMapBinary.run(["status", "--json", "--state-dir", state.path]).stdout.contains("\"pending\" : 7"))
        let again = try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.psql(lab.admin, "SELECT count(*) FROM feedback") == "7")
        #expect(try Self.psql(lab.admin, "SELECT count(DISTINCT id) FROM feedback") == "7")
        #expect(try InclusionMapBinary.run(["status", "--json", "--state-dir", state.path]).stdout.contains("\"delivered\" : 7"))
    }

    /// SIGTERM while a long sync runs: exit 0, nothing lost, nothing doubled; the next sync finishes.
    @Test func sigtermDuringASyncLosesNothing() throws {
        let lab = try Self.makeLab()
        let state = try InclusionMapBinary.temporaryDirectory()
        #expect(try add(state, ["--place", "france-services-1933", "--answer", "satisfaction=3"]).status == 0)
        // 40,000 more answers, straight into the outbox (queueing them one by one would take minutes).
        let fill = Process()
        fill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        fill.arguments = ["python3", InclusionMapBinary.packageRoot.appendingPathComponent("scripts/fill-outbox.py").path,
                          state.appendingPathComponent("outbox.sqlite").path, "40000"]
        try fill.run()
        fill.waitUntilExit()
        #expect(fill.terminationStatus == 0)

        let sync = Process()
        sync.executableURL = URL(fileURLWithPath: InclusionMapBinary.path)
        sync.arguments = ["sync", "--state-dir", state.path, "--lab-url", lab.kiosk]
        sync.currentDirectoryURL = InclusionMapBinary.packageRoot
        sync.standardError = FileHandle.nullDevice
        try sync.run()
        let deadline = Date().addingTimeInterval(30)
        var seen = 0
        while Date() < deadline {
            seen = Int(try Self.psql(lab.admin, "SELECT count(*) FROM feedback")) ?? 0
            if seen > 0 { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(sync.processIdentifier, SIGTERM)
        sync.waitUntilExit()
        #expect(seen > 0 && sync.terminationStatus == 0)
        let inLab = Int(try Self.psql(lab.admin, "SELECT count(*) FROM feedback")) ?? -1
        let status = try JSONSerialization.jsonObject(with: Data(try InclusionMapBinary.run(["status", "--json", "--state-dir", state.path]).stdout.utf8)) as? [String: Any]
        let delivered = status?["delivered"] as? Int ?? -1, pending = status?["pending"] as? Int ?? -1
        #expect(delivered + pending == 40_001)
        #expect(delivered <= inLab, "marked delivered only once the lab has it")
        let again = try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.psql(lab.admin, "SELECT count(*), count(DISTINCT id) FROM feedback") == "40001|40001")
        #expect(try InclusionMapBinary.run(["status", "--json", "--state-dir", state.path]).stdout.contains("\"delivered\" : 40001"))
    }

    /// `lab report --follow` prints each answer as it arrives.
    @Test func followShowsAnswersAsTheyArrive() throws {
        let lab = try Self.makeLab()
        let state = try InclusionMapBinary.temporaryDirectory()
        let follower = Process()
        follower.executableURL = URL(fileURLWithPath: InclusionMapBinary.path)
        follower.arguments = ["lab", "report", "--follow", "--lab-url", lab.admin, "--state-dir", state.path]
        follower.currentDirectoryURL = InclusionMapBinary.packageRoot
        let out = Pipe()
        follower.standardOutput = out
        follower.standardError = FileHandle.nullDevice
        try follower.run()
        defer { if follower.isRunning { follower.terminate() } }
        let collected = LockedText()
        out.fileHandleForReading.readabilityHandler = { handle in collected.append(String(decoding: handle.availableData, as: UTF8.self)) }
        #expect(collected.wait(for: "waiting for answers", seconds: 20))

        #expect(try add(state, ["--place", "france-services-1933", "--answer", "lieu_ouvert=non", "--comment", "Fermé ce matin"]).status == 0)
        #expect(try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk]).status == 0)
        #expect(collected.wait(for: "Fermé ce matin", seconds: 20), "follow output: \(collected.text)")
        #expect(collected.text.contains("\"lieu_ouvert\": \"non\""))
        follower.terminate()
        follower.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
    }
}

/// Text gathered from a pipe on another thread.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""

    var text: String { lock.lock(); defer { lock.unlock() }; return value }

    func append(_ s: String) { lock.lock(); value += s; lock.unlock() }

    func wait(for needle: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.contains(needle) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return text.contains(needle)
    }
}
