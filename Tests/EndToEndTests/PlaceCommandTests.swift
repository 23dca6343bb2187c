import Foundation
import Testing

/// `import`, `nearest` and `places` as a user runs them, on the real regional files.
@Suite struct PlaceCommandTests {
    static let placesFolder = InclusionMapBinary.packageRoot.appendingPathComponent("assets/places")
    static let files = ["conseillers-numeriques-hdf-2022-12.json", "france-services-hdf-2022-12-01.csv", "aidants-connect-hdf-2024-02-12.csv"]
        .map { placesFolder.appendingPathComponent($0).path }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func importReportsEveryFileAndItsBadRows() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let report = state.appendingPathComponent("report.json").path
        let result = try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", "--report", report] + Self.files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("the kiosk holds 896 places"))
        let value = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let files = try #require(value["files"] as? [[String: Any]])
        #expect(files.map { $0["places"] as? Int } == [421, 189, 410])
        #expect(files.map { $0["skipped_rows"] as? Int } == [0, 12, 3])
        #expect(value["places_after"] as? Int == 896 && value["rows_imported"] as? Int == 1020)
        let problems = try #require(value["problems"] as? [[String: Any]])
        #expect(problems.allSatisfy { $0["file"] != nil && $0["row"] is Int && $0["field"] != nil && $0["reason"] != nil })
        #expect(problems.contains { ($0["file"] as? String) == "france-services-hdf-2022-12-01.csv" && ($0["field"] as? String) == "adresse" })
    }

    /// `import` leaves the snapshot a start reads; answers are the same from it as from the store,
    /// and a later import is never answered from the older snapshot.
    @Test func importWritesTheSnapshotThatAnswersAsTheStoreDoes() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let snapshot = state.appendingPathComponent("places.snapshot")
        #expect(try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace"] + Self.files).status == 0)
        #expect(FileManager.default.fileExists(atPath: snapshot.path))
        let ask = ["--state-dir", state.path, "--lat", "50.6366", "--lon", "3.0635", "-k", "25", "--open-at", "2026-12-01T10:00:00+01:00", "--json"]
        let fromSnapshot = try InclusionMapBinary.run(["nearest"] + ask)
        let listed = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--service", "smartphone", "--json"])
        try FileManager.default.removeItem(at: snapshot)
        let fromStore = try InclusionMapBinary.run(["nearest"] + ask)
        #expect(fromSnapshot.status == 0 && fromSnapshot.stdout == fromStore.stdout && !fromStore.stdout.isEmpty)
        #expect(try InclusionMapBinary.run(["places", "--state-dir", state.path, "--service", "smartphone", "--json"]).stdout == listed.stdout)
        // Written again by the command that found it missing.
        #expect(FileManager.default.fileExists(atPath: snapshot.path))
        #expect(try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", Self.files[1]]).status == 0)
        let fewer = try #require(try json(try InclusionMapBinary.run(["places", "--state-dir", state.path, "--json"]).stdout) as? [Any])
        #expect(fewer.count == 189)
    }

    @Test func aBrokenFileIsRefusedAndChangesNothing() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        #expect(try InclusionMapBinary.run(["import", "--state-dir", state.path] + Self.files).status == 0)
        let before = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--json"]).stdout

        // Truncated JSON (a copy cut in the middle): refused, named, nothing changed.
        let cut = state.appendingPathComponent("cut.json")
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.files[0]))
        try data.prefix(data.count / 2).write(to: cut)
        let truncated = try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", Self.files[1], cut.path])
        #expect(truncated.status != 0)
        #expect(truncated.stderr.contains("cut.json") && truncated.stderr.contains("nothing changed"))
        // A binary file.
        let binary = state.appendingPathComponent("places.csv")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }).write(to: binary)
        let corrupted = try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", binary.path])
        #expect(corrupted.status != 0 && corrupted.stderr.contains("places.csv"))
        // A readable CSV with no usable row: exit non-zero, nothing changed.
        let empty = state.appendingPathComponent("empty.csv")
        try "id,nom,adresse,commune\n1,,,\n".write(to: empty, atomically: true, encoding: .utf8)
        let nothing = try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", empty.path])
        #expect(nothing.status != 0 && nothing.stderr.contains("no valid place"))
        // A missing file.
        let missing = try InclusionMapBinary.run(["import", "--state-dir", state.path, "/nonexistent/places.csv"])
        #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/places.csv"))

        #expect(try InclusionMapBinary.run(["places", "--state-dir", state.path, "--json"]).stdout == before)
        // --dry-run reports and keeps the data.
        let dry = try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", "--dry-run", Self.files[1]])
        #expect(dry.status == 0 && dry.stdout.contains("would hold") && dry.stdout.contains("nothing changed"))
        #expect(try InclusionMapBinary.run(["places", "--state-dir", state.path, "--json"]).stdout == before)
    }

    @Test func nearestAnswersAsSpecifiedAndSorted() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        // The kiosk imports its bundled files on first use.
        let result = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat", "50.6366", "--lon", "3.0635", "-k", "10",
                                                 "--open-at", "2026-12-01T10:00:00+01:00", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try json(result.stdout) as? [[String: Any]])
        #expect(rows.count == 10)
        #expect(rows.allSatisfy { Set($0.keys) == ["id", "nom", "adresse", "commune", "latitude", "longitude", "distance_m", "position_approximative", "open"] })
        // Nearest first, a place known only by its commune ranked 3 km further.
        let ranks = rows.compactMap { row in (row["distance_m"] as? Double).map { $0 + (row["position_approximative"] as? Bool == true ? 3_000 : 0) } }
        #expect(ranks == ranks.sorted() && ranks.count == 10 && ranks[0] < 2000)
        #expect(rows.allSatisfy { $0["open"] is NSNull || $0["open"] is Bool })
        // Places without hours say "unknown" (null), never "closed".
        let wide = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat", "50.6366", "--lon", "3.0635", "-k", "60", "--json"])
        let wideRows = try #require(try json(wide.stdout) as? [[String: Any]])
        #expect(wideRows.contains { $0["open"] is NSNull } && wideRows.contains { $0["open"] is Bool })

        // Filters: open at a time, a service, a need.
        let open = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat", "50.6366", "--lon", "3.0635", "-k", "5",
                                               "--open-at", "2026-12-01T10:00", "--need", "demarches", "--json"])
        let openRows = try #require(try json(open.stdout) as? [[String: Any]])
        #expect(openRows.count == 5 && openRows.allSatisfy { $0["open"] as? Bool == true })
        // Sunday night: nothing of these is open.
        let sunday = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat", "50.6366", "--lon", "3.0635",
                                                 "--open-at", "2026-12-06T23:30", "--json"])
        #expect((try json(sunday.stdout) as? [Any])?.count == 0)
        let bad = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat", "50.6", "--lon", "3.0", "--open-at", "mardi"])
        #expect(bad.status != 0 && bad.stderr.contains("--open-at"))
        let far = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat", "95", "--lon", "3.0"])
        #expect(far.status != 0 && far.stderr.contains("--lat"))
    }

    @Test func placesListsEveryFieldAndSearchesWithoutAccents() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let all = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--json"])
        let rows = try #require(try json(all.stdout) as? [[String: Any]])
        #expect(rows.count == 896)
        for key in ["id", "nom", "adresse", "code_postal", "commune", "latitude", "longitude", "horaires", "services", "sources", "open",
                    "position_approximative", "telephone", "date_maj"] {
            #expect(rows.allSatisfy { $0.keys.contains(key) }, "\(key)")
        }
        #expect(rows.contains { $0["position_approximative"] as? Bool == true })
        #expect(rows.contains { ($0["sources"] as? [Any])?.count ?? 0 > 1 }, "merged places keep every source")

        let found = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--search", "mediat", "--json"])
        let hits = try #require(try json(found.stdout) as? [[String: Any]])
        #expect(hits.contains { ($0["nom"] as? String)?.hasPrefix("Médiathèque") == true })
        let service = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--service", "SMARTPHONE", "--json"])
        #expect(((try json(service.stdout) as? [[String: Any]]) ?? []).allSatisfy { row in
            ((row["services"] as? [String]) ?? []).contains { $0.localizedCaseInsensitiveContains("smartphone") }
        })
    }
}

/// A damaged SQLite file: the places are rebuilt (they can be), the answers are never touched.
@Suite struct DamagedStateTests {
    @Test func aDamagedPlaceStoreIsMovedAsideAndRebuilt() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        try Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: state.appendingPathComponent("places.sqlite"))
        let result = try InclusionMapBinary.run(["places", "--state-dir", state.path])
        #expect(result.status == 0 && result.stdout.contains("896 places"), "\(result.stderr)")
        #expect(result.stderr.contains("place store damaged"))
        let files = try FileManager.default.contentsOfDirectory(atPath: state.path)
        #expect(files.contains { $0.hasPrefix("places.sqlite.damaged-") })
    }

    @Test func aDamagedOutboxIsLeftAloneAndTheKioskStillRuns() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let garbage = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 17 &+ 3) })
        try garbage.write(to: state.appendingPathComponent("outbox.sqlite"))
        let trace = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces/pan.jsonl").path
        let run = try InclusionMapBinary.run(["run", "--headless", "--size", "320x200", "--state-dir", state.path, "--replay", trace])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("feedback outbox unavailable"))
        let status = try InclusionMapBinary.run(["status", "--state-dir", state.path])
        #expect(status.status != 0 && status.stderr.contains("outbox.sqlite"))
        #expect(try Data(contentsOf: state.appendingPathComponent("outbox.sqlite")) == garbage, "the answers' file is never rewritten")
    }
}
