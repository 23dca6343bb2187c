import Foundation
import Testing

/// The kiosks and the lab as one system, as a lab runs it: anonymous usage events, heartbeats and
/// `lab kiosks`, place data published once and taken by every kiosk, the kiosk role's rights, and
/// twenty kiosks delivering at once. Against the throwaway PostgreSQL of `scripts/test.sh`.
@Suite(.serialized) struct FleetTests {
    static let traces = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces")
    static let placeFiles = ["assets/places/france-services-hdf-2022-12-01.csv", "assets/places/conseillers-numeriques-hdf-2022-12.json"]

    /// The bundled configuration with a `[lab]` section for `kioskURL` (and `[usage]` as asked),
    /// written beside its own copy so that its relative paths still find the assets.
    static func kioskConfiguration(labURL: String, heartbeat: Int = 300, usage: Bool = true) throws -> URL {
        let folder = try InclusionMapBinary.temporaryDirectory()
        let assets = InclusionMapBinary.packageRoot.appendingPathComponent("assets").path
        var text = try String(contentsOf: InclusionMapBinary.packageRoot.appendingPathComponent("kiosk-config/kiosk.toml"), encoding: .utf8)
            .replacingOccurrences(of: "\"../assets/", with: "\"\(assets)/")
        let url = try #require(URLComponents(string: labURL))
        try (url.password ?? "").write(to: folder.appendingPathComponent("lab-password"), atomically: true, encoding: .utf8)
        text += """

            [lab]
            host = "\(url.host ?? "")"
            port = \(url.port ?? 5432)
            database = "\(url.path.dropFirst())"
            user = "\(url.user ?? "")"
            tls = "disable"
            password_file = "lab-password"
            heartbeat_s = \(heartbeat)

            """
        // The bundled file has a [usage] section: its switch is set, not a second section added.
        let usageSection = try #require(text.range(of: "[usage]"))
        let switchLine = try #require(text.range(of: "enabled = true", range: usageSection.upperBound..<text.endIndex))
        text.replaceSubrange(switchLine, with: "enabled = \(usage)")
        let file = folder.appendingPathComponent("kiosk.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func json(_ result: InclusionMapBinary.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    static func status(_ state: URL) throws -> [String: Any] {
        let status = try InclusionMapBinary.run(["status", "--json", "--state-dir", state.path])
        return try #require(try json(status) as? [String: Any], "\(status.stderr)")
    }

    /// A scripted visit: a filter, "Près d'ici", a search for "interfaces lille", a card, the form
    /// begun and left; then nobody touches the kiosk and it resets.
    @Test func usageEventsArriveExactlyOnceAndHoldNothingTyped() throws {
        let lab = try FeedbackCommandTests.makeLab()
        let state = try InclusionMapBinary.temporaryDirectory()
        let replay = try InclusionMapBinary.run(["run", "--headless", "--state-dir", state.path, "--at", "2026-12-01T10:30",
                                                 "--replay", Self.traces.appendingPathComponent("visitor-usage.jsonl").path,
                                                 "--stats", state.appendingPathComponent("stats.json").path])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(try Self.status(state)["usage_pending"] as? Int == 9)

        for _ in 0..<2 {
            let sync = try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk])
            #expect(sync.status == 0, "\(sync.stderr)")
        }
        #expect(try Self.status(state)["usage_pending"] as? Int == 0)
        let rows = try FeedbackCommandTests.psql(lab.admin, "SELECT kind || ' ' || detail::text FROM usage_event ORDER BY step")
            .components(separatedBy: "\n")
        #expect(rows == [
            #"visit_start {"language": "fr"}"#,
            #"filter {"on": true, "filter": "procedures"}"#,
            #"nearby {"origin": "kiosk"}"#,
            #"panel {"panel": "search"}"#,
            #"search {"letters": 16, "results": 2}"#,
            #"card {"codes": 2, "place": "france-services-1933"}"#,
            #"form_start {"place": "france-services-1933"}"#,
            #"form_abandon {"place": "france-services-1933", "answered": 0, "question": 1}"#,
            #"visit_end {"ended": "idle", "seconds": 116, "language": "fr"}"#,
        ], "\(rows)")
        // One visit, every event once, each to the minute.
        #expect(try FeedbackCommandTests.psql(lab.admin, "SELECT count(DISTINCT visit) || ' ' || count(DISTINCT id) FROM usage_event") == "1 9")
        #expect(try FeedbackCommandTests.psql(lab.admin, "SELECT count(*) FROM usage_event WHERE extract(second FROM minute) <> 0") == "0")

        // The whole database, dumped: what the visitor typed is nowhere in it.
        let dump = Process()
        dump.executableURL = URL(fileURLWithPath: "/usr/bin/pg_dump")
        dump.arguments = ["--data-only", lab.admin]
        let out = Pipe()
        dump.standardOutput = out
        try dump.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        dump.waitUntilExit()
        #expect(dump.terminationStatus == 0)
        #expect(text.contains("form_abandon"), "the dump holds the usage events")
        #expect(!text.lowercased().contains("interfaces"))
    }

    /// `[usage] enabled = false`: the same visit queues nothing.
    @Test func usageOffQueuesNothing() throws {
        let config = try Self.kioskConfiguration(labURL: "postgres://nobody:x@127.0.0.1:1/none", usage: false)
        let state = try InclusionMapBinary.temporaryDirectory()
        let replay = try InclusionMapBinary.run(["run", "--headless", "--config", config.path, "--state-dir", state.path,
                                                 "--replay", Self.traces.appendingPathComponent("visitor-search.jsonl").path,
                                                 "--stats", state.appendingPathComponent("stats.json").path])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(try Self.status(state)["usage_pending"] as? Int == 0)
    }

    @Test func heartbeatsListTheFleetAndFlagAStaleKiosk() throws {
        let lab = try FeedbackCommandTests.makeLab()
        let state = try InclusionMapBinary.temporaryDirectory()
        #expect(try InclusionMapBinary.run(["feedback", "add", "--state-dir", state.path, "--place", "france-services-1933",
                                            "--answer", "satisfaction=4"]).status == 0)
        let sync = try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk])
        #expect(sync.status == 0, "\(sync.stderr)")
        // A kiosk last heard from twenty minutes ago, with a five-minute interval.
        try FeedbackCommandTests.psql(lab.admin, """
            INSERT INTO heartbeat (id, kiosk, sent_at, received_at, app_version, data_version, places, pending, quarantined, uptime_s, interval_s, last_error)
            VALUES (gen_random_uuid(), 'mediatheque-02', now() - interval '20 minutes', now() - interval '20 minutes', '0.2.0', NULL, 840, 12, 1, 3600, 300, 'cannot connect')
            """)
        let kiosks = try InclusionMapBinary.run(["lab", "kiosks", "--lab-url", lab.admin, "--json"])
        #expect(kiosks.status == 0, "\(kiosks.stderr)")
        let fleet = try #require(try Self.json(kiosks) as? [[String: Any]])
        #expect(fleet.map { $0["kiosk"] as? String } == ["hdf-demo-01", "mediatheque-02"])
        #expect(Set(fleet[0].keys) == ["kiosk", "last_seen", "app_version", "data_version", "places", "pending", "quarantined",
                                       "uptime_s", "last_error", "stale"])
        #expect(fleet[0]["stale"] as? Bool == false && fleet[0]["places"] as? Int == 896 && fleet[0]["pending"] as? Int == 0)
        #expect(fleet[0]["data_version"] is NSNull && fleet[0]["last_error"] is NSNull)
        #expect(fleet[1]["stale"] as? Bool == true && fleet[1]["pending"] as? Int == 12 && fleet[1]["last_error"] as? String == "cannot connect")
        let text = try InclusionMapBinary.run(["lab", "kiosks", "--lab-url", lab.admin])
        #expect(text.stdout.contains("STALE mediatheque-02") && text.stdout.contains("hdf-demo-01: seen"))
    }

    /// Publish → a kiosk replaying visits in real time takes the new places between two frames.
    @Test func aPublishedDatasetReachesARunningKiosk() throws {
        let lab = try FeedbackCommandTests.makeLab()
        // What `import` would refuse is refused, naming the file, and nothing is stored.
        let bad = try InclusionMapBinary.temporaryDirectory().appendingPathComponent("lieux.csv")
        try "a,b\n1,2\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try InclusionMapBinary.run(["lab", "publish", Self.placeFiles[0], bad.path, "--lab-url", lab.admin])
        #expect(refused.status != 0 && refused.stderr.contains("lieux.csv") && refused.stderr.contains("nothing stored"), "\(refused.stderr)")
        let missing = try InclusionMapBinary.run(["lab", "publish", "/nonexistent/places.csv", "--lab-url", lab.admin])
        #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/places.csv"))
        #expect(try FeedbackCommandTests.psql(lab.admin, "SELECT count(*) FROM dataset") == "0")

        let publish = try InclusionMapBinary.run(["lab", "publish"] + Self.placeFiles + ["--lab-url", lab.admin, "--note", "FS et CnFS"])
        #expect(publish.status == 0, "\(publish.stderr)")
        #expect(publish.stdout.contains("published version 1: 610 rows, 582 places"), "\(publish.stdout)")
        let again = try InclusionMapBinary.run(["lab", "publish"] + Self.placeFiles + ["--lab-url", lab.admin])
        #expect(again.stdout.contains("already version 1"))

        // Taps every three seconds for 45 s of wall-clock time: the kiosk's first round takes
        // version 1 while they play.
        let folder = try InclusionMapBinary.temporaryDirectory()
        let trace = folder.appendingPathComponent("taps.jsonl")
        try (0..<15).map { #"{"t": \#(500 + $0 * 3000), "type": "tap", "target": "control:chip:procedures"}"# }
            .joined(separator: "\n").write(to: trace, atomically: true, encoding: .utf8)
        let config = try Self.kioskConfiguration(labURL: lab.kiosk, heartbeat: 1)
        let state = folder.appendingPathComponent("state")
        let stats = folder.appendingPathComponent("stats.json")
        let run = try InclusionMapBinary.run(["run", "--headless", "--real-time", "--config", config.path, "--state-dir", state.path,
                                              "--replay", trace.path, "--stats", stats.path])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: stats)) as? [String: Any])
        #expect(report["places"] as? Int == 582, "the bundled 896 places were replaced by the dataset's 582")
        let swaps = try #require(report["place_swaps_ms"] as? [Double])
        #expect(swaps.count == 1)
        print("data swap: the kiosk taking the new places plus the next frame took \(swaps) ms (debug build)")
        #expect(try Self.status(state)["data_version"] as? Int == 1)
        #expect(try Self.status(state)["places"] as? Int == 582)

        let datasets = try InclusionMapBinary.run(["lab", "datasets", "--lab-url", lab.admin, "--json"])
        let versions = try #require(try Self.json(datasets) as? [[String: Any]])
        #expect(versions.count == 1 && versions[0]["version"] as? Int == 1 && versions[0]["kiosks"] as? Int == 1)
        #expect(versions[0]["note"] as? String == "FS et CnFS" && versions[0]["places"] as? Int == 582)
        #expect((versions[0]["files"] as? [String])?.first == "france-services-hdf-2022-12-01.csv")
        let kiosks = try #require(try Self.json(try InclusionMapBinary.run(["lab", "kiosks", "--lab-url", lab.admin, "--json"])) as? [[String: Any]])
        #expect(kiosks.first?["data_version"] as? Int == 1 && kiosks.first?["places"] as? Int == 582)
    }

    /// A dataset that cannot be imported on a kiosk: its places stay, the next heartbeat says why,
    /// and a later round installs it.
    @Test func aDatasetThatFailsOnAKioskKeepsItsDataAndSaysSo() throws {
        let lab = try FeedbackCommandTests.makeLab()
        #expect(try InclusionMapBinary.run(["lab", "publish"] + Self.placeFiles + ["--lab-url", lab.admin]).status == 0)
        let state = try InclusionMapBinary.temporaryDirectory()
        #expect(try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", "assets/places/aidants-connect-hdf-2024-02-12.csv"]).status == 0)
        let before = try Self.status(state)["places"] as? Int
        let failed = try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk],
                                                environment: ["INCLUSION_MAP_FAULT": "dataset-import"])
        #expect(failed.status != 0 && failed.stderr.contains("dataset v1 not installed"), "\(failed.stderr)")
        #expect(try Self.status(state)["places"] as? Int == before)
        #expect(try Self.status(state)["data_version"] is NSNull)
        let kiosks = try #require(try Self.json(try InclusionMapBinary.run(["lab", "kiosks", "--lab-url", lab.admin, "--json"])) as? [[String: Any]])
        #expect((kiosks.first?["last_error"] as? String)?.contains("dataset v1 not installed") == true, "\(kiosks)")

        let healed = try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk])
        #expect(healed.status == 0 && healed.stdout.contains("place data version 1 installed: 582 places"), "\(healed.stdout) \(healed.stderr)")
        #expect(try Self.status(state)["data_version"] as? Int == 1)
        let after = try #require(try Self.json(try InclusionMapBinary.run(["lab", "kiosks", "--lab-url", lab.admin, "--json"])) as? [[String: Any]])
        #expect(after.first?["last_error"] is NSNull)
    }

    /// The kiosk role adds answers, usage and heartbeats, reads the published data, and nothing else.
    @Test func theKioskRoleMayOnlyAddAndReadThePublishedData() throws {
        let lab = try FeedbackCommandTests.makeLab()
        #expect(try InclusionMapBinary.run(["lab", "publish", Self.placeFiles[0], "--lab-url", lab.admin]).status == 0)
        func asKiosk(_ sql: String) -> Bool { (try? FeedbackCommandTests.psql(lab.kiosk, sql)) != nil }
        #expect(asKiosk("SELECT count(*) FROM dataset"))
        #expect(asKiosk("SELECT count(*) FROM dataset_file"))
        #expect(asKiosk("""
            INSERT INTO heartbeat (id, kiosk, sent_at, app_version, places, pending, quarantined, uptime_s, interval_s)
            VALUES (gen_random_uuid(), 'k', now(), '1', 0, 0, 0, 0, 300)
            """))
        #expect(asKiosk("""
            INSERT INTO usage_event (id, kiosk, visit, step, kind, detail, minute, app_version)
            VALUES (gen_random_uuid(), 'k', gen_random_uuid(), 0, 'visit_start', '{}', date_trunc('minute', now()), '1')
            """))
        for refused in ["SELECT count(*) FROM usage_event", "SELECT count(*) FROM heartbeat", "SELECT count(*) FROM feedback",
                        "UPDATE dataset SET note = 'x'", "DELETE FROM dataset_file", "INSERT INTO dataset (sha256, rows, places) VALUES (repeat('a', 64), 1, 1)",
                        "DELETE FROM heartbeat", "UPDATE usage_event SET kind = 'x'"] {
            #expect(!asKiosk(refused), "the kiosk role may not: \(refused)")
        }
        // The migrations stay idempotent.
        #expect(try InclusionMapBinary.run(["lab", "migrate", "--lab-url", lab.admin]).stdout.contains("up to date (5 migrations)"))
    }

    /// Twenty kiosk processes, 500 answers each, delivering to one lab at the same time.
    @Test func twentyKiosksAtOnceLoseAndDoubleNothing() throws {
        let lab = try FeedbackCommandTests.makeLab()
        var states: [URL] = []
        for n in 1...20 {
            let state = try InclusionMapBinary.temporaryDirectory()
            #expect(try InclusionMapBinary.run(["feedback", "add", "--state-dir", state.path, "--place", "france-services-1933",
                                                "--answer", "satisfaction=\(n % 5 + 1)"]).status == 0)
            let fill = Process()
            fill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            fill.arguments = ["python3", InclusionMapBinary.packageRoot.appendingPathComponent("scripts/fill-outbox.py").path,
                              state.appendingPathComponent("outbox.sqlite").path, "499", "kiosk-\(n)"]
            try fill.run()
            fill.waitUntilExit()
            #expect(fill.terminationStatus == 0)
            states.append(state)
        }
        let syncs = try states.map { state in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: InclusionMapBinary.path)
            process.arguments = ["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk]
            process.currentDirectoryURL = InclusionMapBinary.packageRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in syncs { process.waitUntilExit() }
        #expect(syncs.allSatisfy { $0.terminationStatus == 0 }, "\(syncs.map(\.terminationStatus))")
        #expect(try FeedbackCommandTests.psql(lab.admin, "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || count(DISTINCT kiosk) FROM feedback")
                == "10000 10000 20")
        for state in states { #expect(try Self.status(state)["delivered"] as? Int == 500) }
    }
}
