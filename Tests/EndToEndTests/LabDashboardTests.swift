import Foundation
import Testing

/// `lab serve`, the lab's dashboard, against the throwaway PostgreSQL and in Debian's chromium:
/// the login, every page's figures checked against SQL, the live page receiving an answer as
/// `sync --once` delivers it, the CSV exports, the read-only role, and a lab that comes back.
@Suite(.serialized) struct LabDashboardTests {
    /// Two places of our own: the first says wheelchair users can get in, visitors say otherwise.
    static let placesCSV = """
        id,nom,commune,code_postal,code_insee,adresse,latitude,longitude,services,prise_en_charge_specifique,date_maj
        labo-1,Espace numérique du labo,Lille,59000,59350,1 place de la Gare,50.6366,3.0699,"Accompagner les démarches de santé",Handicaps moteurs,2026-10-01
        labo-2,Médiathèque du labo,Lille,59000,59350,2 rue Faidherbe,50.6370,3.0660,"Prendre en main un ordinateur",,2026-10-01

        """

    /// A running dashboard: its process, its base URL.
    final class Server {
        let process: Process
        let base: String
        init(lab: String, users: URL, state: URL, _ extra: [String] = []) throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: InclusionMapBinary.path)
            process.arguments = ["lab", "serve", "--lab-url", lab, "--users", users.path, "--listen", "127.0.0.1:0", "--state-dir", state.path] + extra
            process.currentDirectoryURL = InclusionMapBinary.packageRoot
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // "dashboard on http://127.0.0.1:PORT/ …" once it listens.
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let byte = out.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty { throw CommandFailure("lab serve ended before listening") }
                line += byte
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else { throw CommandFailure("lab serve said: \(text)") }
            base = String(text[range])
        }
        /// A stop as systemd sends it; if the server has not ended within ten seconds, it is killed
        /// (and the test says so).
        deinit {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                Issue.record("lab serve did not stop within 10 s of SIGTERM")
            }
        }
    }

    struct Fetched { var status: Int; var body: String; var headers: String }

    /// One request with curl (redirects not followed), as a script would make it.
    static func fetch(_ url: String, _ arguments: [String] = []) throws -> Fetched {
        let folder = try InclusionMapBinary.temporaryDirectory()
        let headers = folder.appendingPathComponent("headers"), body = folder.appendingPathComponent("body")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-o", body.path, "-D", headers.path, "-w", "%{http_code}"] + arguments + [url]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let code = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Fetched(status: Int(code) ?? 0, body: (try? String(contentsOf: body, encoding: .utf8)) ?? "",
                       headers: (try? String(contentsOf: headers, encoding: .utf8)) ?? "")
    }

    static func sql(_ url: String, _ query: String) throws -> String { try FeedbackCommandTests.psql(url, query) }

    /// A lab with answers and visits, a reader login and a users file; the kiosk's state holds our places.
    static func seededLab() throws -> (lab: (admin: String, kiosk: String), reader: String, users: URL, state: URL) {
        let lab = try FeedbackCommandTests.makeLab()
        try sql(lab.admin, "CREATE ROLE r_\(lab.admin.split(separator: "/").last!) LOGIN PASSWORD 'rpw' IN ROLE inclusion_lab_reader")
        var reader = URLComponents(string: lab.admin)!
        reader.user = "r_\(lab.admin.split(separator: "/").last!)"
        reader.password = "rpw"
        let state = try InclusionMapBinary.temporaryDirectory()
        let places = state.appendingPathComponent("labo.csv")
        try placesCSV.write(to: places, atomically: true, encoding: .utf8)
        #expect(try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", places.path]).status == 0)
        for (place, answer) in [("labo-1", "non"), ("labo-1", "non"), ("labo-1", "oui"), ("labo-2", "oui"), ("labo-2", "oui")] {
            #expect(try InclusionMapBinary.run(["feedback", "add", "--state-dir", state.path, "--place", place,
                                                "--answer", "entree_plain_pied=\(answer)", "--answer", "satisfaction=4"]).status == 0)
        }
        // Two visits' usage events: a search, a card, the form begun and left, then the idle reset.
        let trace = state.appendingPathComponent("visit.jsonl")
        try """
            {"t": 500, "type": "tap", "target": "control:search"}
            {"t": 1500, "type": "type", "text": "labo"}
            {"t": 2500, "type": "tap", "target": "row:0"}
            {"t": 3500, "type": "tap", "target": "control:giveFeedback"}
            {"t": 4500, "type": "tap", "target": "control:answer:oui"}
            {"t": 130000, "type": "mouse_motion", "x": 0.5, "y": 0.5}
            """.write(to: trace, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let replay = try InclusionMapBinary.run(["run", "--headless", "--state-dir", state.path, "--at", "2026-12-01T10:30", "--replay", trace.path,
                                                     "--stats", state.appendingPathComponent("stats.json").path])
            #expect(replay.status == 0, "\(replay.stderr)")
        }
        #expect(try InclusionMapBinary.run(["sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk]).status == 0)
        let users = state.appendingPathComponent("users")
        let line = try InclusionMapBinary.run(["lab", "hash-password", "testeuse", "--password", "semaine-innovation"])
        try line.stdout.write(to: users, atomically: true, encoding: .utf8)
        return (lab, reader.string!, users, state)
    }

    @Test func pagesInABrowserShowWhatTheLabHolds() throws {
        let (lab, reader, users, state) = try Self.seededLab()
        // The coverage page shows the poster and the table the CLI makes.
        let table = state.appendingPathComponent("epci.csv")
        let coverage = try InclusionMapBinary.run(["coverage", "--by", "epci", "--csv", "-o", table.path, "--state-dir", state.path])
        #expect(coverage.status == 0, "\(coverage.stderr)")
        let poster = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/poster-ifn-1240x1754.png")
        let server = try Server(lab: reader, users: users, state: state, ["--coverage-poster", poster.path, "--coverage-table", table.path])
        #expect(try InclusionMapBinary.run(["feedback", "add", "--state-dir", state.path, "--place", "labo-2", "--answer", "sanitaires_adaptes=oui"]).status == 0)
        let shots = try InclusionMapBinary.temporaryDirectory()
        let browse = Process()
        browse.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        browse.arguments = [InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Browser/dashboard_browser.py").path,
                            server.base, "testeuse", "semaine-innovation", shots.path, "--",
                            InclusionMapBinary.path, "sync", "--once", "--state-dir", state.path, "--lab-url", lab.kiosk]
        browse.currentDirectoryURL = InclusionMapBinary.packageRoot
        let out = Pipe()
        browse.standardOutput = out
        try browse.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        browse.waitUntilExit()
        #expect(browse.terminationStatus == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
        #expect(result["before_login"] as? String == "/login" && result["after_login"] as? String == "/")
        #expect(result["cookie_visible_to_scripts"] as? Bool == false, "the session cookie is HttpOnly")
        let pages = try #require(result["pages"] as? [String: [String: Any]])

        // Usage: the figures are the lab's.
        let usage = try #require(pages["usage"])
        let visits = try Self.sql(lab.admin, "SELECT count(*) FROM usage_event WHERE kind = 'visit_start'")
        #expect((usage["figures"] as? [String: String])?["visits"] == visits && visits == "2")
        #expect((usage["figures"] as? [String: String])?["median"] == "\(try Self.sql(lab.admin, "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (detail->>'seconds')::int) FROM usage_event WHERE kind = 'visit_end'")) s")
        #expect((usage["svg"] as? Int ?? 0) > 10, "the charts are drawn")
        let tables = try #require(usage["tables"] as? [[String: Any]])
        let funnel = try #require(tables.first { $0["id"] as? String == "funnel" }?["rows"] as? [[String]])
        #expect(funnel.dropFirst().first == ["commencé", "2"])
        let features = try #require(tables.first { $0["id"] as? String == "features" }?["rows"] as? [[String]])
        #expect(features.contains(["fiche d'un lieu ouverte", "2"]) && features.contains(["panneau : search", "2"]), "\(features)")

        // Accessibility: the place whose visitors contradict its data comes first, flagged.
        let sections = try #require(pages["accessibility"]?["sections"] as? [[String: Any]])
        #expect(sections.first?["place"] as? String == "labo-1" && sections.first?["alert"] as? Bool == true, "\(sections)")
        #expect(sections.dropFirst().allSatisfy { $0["alert"] as? Bool == false })
        let accessTables = try #require(pages["accessibility"]?["tables"] as? [[String: Any]])
        let first = try #require(accessTables.first?["rows"] as? [[String]])
        #expect(first.contains(["entree_plain_pied", "1", "2", "0", ""]), "\(first)")

        // Fleet: the kiosk that delivered.
        let fleet = try #require((pages["fleet"]?["tables"] as? [[String: Any]])?.first?["rows"] as? [[String]])
        #expect(fleet.count == 2 && fleet[1][0] == "hdf-demo-01" && fleet[1][4] == "2")

        // Live: today's counts, then the answer delivered while the page is open.
        let today = try #require((pages["live"]?["tables"] as? [[String: Any]])?.first?["rows"] as? [[String]])
        #expect(today.dropFirst().first == ["hdf-demo-01", "5", "2"], "\(today)")
        #expect(result["live_status"] as? String == "En direct.")
        #expect(result["command_status"] as? Int == 0)
        let arrived = try #require(result["live_answer"] as? [String: Any], "the answer never reached the open page")
        #expect(arrived["id"] as? String == (try Self.sql(lab.admin, "SELECT id FROM feedback WHERE answers ? 'sanitaires_adaptes'")))
        let latency = try #require(arrived["latency_ms"] as? Double)
        print("live page: the answer was on screen \(latency) ms after the lab's commit")
        #expect(latency < 2000)
        #expect(pages["coverage"]?["images"] as? [Int] == [1240], "the poster is shown")
        let epci = try #require((pages["coverage"]?["tables"] as? [[String: Any]])?.first?["rows"] as? [[String]])
        #expect(epci.count == (try String(contentsOf: table, encoding: .utf8)).split(whereSeparator: \.isNewline).count && epci.count > 50)
        for name in ["live", "accessibility", "usage", "fleet", "coverage", "live-after"] {
            #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent("\(name).png").path))
        }
    }

    @Test func loginExportsAndRights() throws {
        let (lab, reader, users, state) = try Self.seededLab()
        let server = try Server(lab: reader, users: users, state: state)
        #expect(try Self.fetch(server.base + "/healthz").status == 200)
        let anonymous = try Self.fetch(server.base + "/usage")
        #expect(anonymous.status == 401 && anonymous.headers.contains("WWW-Authenticate: Basic"))
        let browser = try Self.fetch(server.base + "/usage", ["-H", "Accept: text/html"])
        #expect(browser.status == 303 && browser.headers.lowercased().contains("location: /login?next=/usage"), "\(browser.headers)")
        for path in ["/", "/lieux", "/flotte", "/export/feedback.csv", "/events"] {
            #expect(try Self.fetch(server.base + path).status == 401, "\(path)")
        }

        // The form: a session cookie, HttpOnly and SameSite=Strict; Secure behind TLS.
        let login = try Self.fetch(server.base + "/login", ["--data", "name=testeuse&password=semaine-innovation&next=/usage",
                                                            "-H", "X-Forwarded-Proto: https"])
        #expect(login.status == 303 && login.headers.lowercased().contains("location: /usage"))
        let cookie = try #require(login.headers.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure"))
        let session = String(cookie.dropFirst("set-cookie: ".count).prefix { $0 != ";" })
        #expect(try Self.fetch(server.base + "/usage", ["-H", "Cookie: \(session)"]).status == 200)
        // A login elsewhere after it is refused.
        let away = try Self.fetch(server.base + "/login", ["--data", "name=testeuse&password=semaine-innovation&next=//evil.example"])
        #expect(away.headers.lowercased().contains("location: /\r\n"), "\(away.headers)")

        // Wrong passwords: refused; after five, each try waits.
        for _ in 0..<5 { #expect(try Self.fetch(server.base + "/flotte", ["-u", "testeuse:wrong"]).status == 401) }
        let start = Date()
        #expect(try Self.fetch(server.base + "/flotte", ["-u", "testeuse:wrong"]).status == 401)
        #expect(Date().timeIntervalSince(start) >= 1, "the sixth wrong password is slowed down")

        // The export: one row per answer, Acceslibre field names as columns.
        let csv = try Self.fetch(server.base + "/export/feedback.csv", ["-u", "testeuse:semaine-innovation"])
        #expect(csv.status == 200)
        let lines = csv.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count - 1 == Int(try Self.sql(lab.admin, "SELECT count(*) FROM feedback")))
        let header = lines[0].components(separatedBy: ",")
        let column = try #require(header.firstIndex(of: "entree_plain_pied"))
        #expect(lines.dropFirst().map { $0.components(separatedBy: ",")[column] }.sorted() == ["non", "non", "oui", "oui", "oui"])
        let usageCSV = try Self.fetch(server.base + "/export/usage.csv", ["-u", "testeuse:semaine-innovation"])
        #expect(usageCSV.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1
                == Int(try Self.sql(lab.admin, "SELECT count(*) FROM usage_event")))

        // Ten live pages open: still one LISTEN connection to the lab.
        let pages = try (0..<10).map { _ in
            let page = Process()
            page.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            page.arguments = ["-s", "-N", "-u", "testeuse:semaine-innovation", server.base + "/events"]
            page.standardOutput = FileHandle.nullDevice
            try page.run()
            return page
        }
        defer { pages.forEach { $0.terminate() } }
        let role = try #require(URLComponents(string: reader)?.user)
        var listening = ""
        for _ in 0..<20 {
            listening = try Self.sql(lab.admin, "SELECT count(*) FILTER (WHERE query LIKE 'LISTEN%') FROM pg_stat_activity WHERE usename = '\(role)'")
            if listening == "1" { break }
            Thread.sleep(forTimeInterval: 0.25)
        }
        #expect(listening == "1")

        // The reader role reads and cannot write.
        #expect((try? Self.sql(reader, "SELECT count(*) FROM feedback")) == "5")
        for write in ["INSERT INTO heartbeat (id, kiosk, sent_at, app_version, places, pending, quarantined, uptime_s, interval_s) VALUES (gen_random_uuid(), 'x', now(), '1', 0, 0, 0, 0, 1)",
                      "DELETE FROM feedback", "UPDATE usage_event SET kind = 'x'", "DROP TABLE dataset_file"] {
            #expect((try? Self.sql(reader, write)) == nil, "the reader may not: \(write)")
        }
    }

    /// A lab database that is not there yet: pages say so, then work once it is, without a restart.
    @Test func anUnreachableLabIsSaidAndRecovered() throws {
        let server = try FeedbackCommandTests.serverURL()
        let name = "late_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8).lowercased()
        var url = URLComponents(string: server)!
        url.path = "/\(name)"
        let state = try InclusionMapBinary.temporaryDirectory()
        let users = state.appendingPathComponent("users")
        try InclusionMapBinary.run(["lab", "hash-password", "testeuse", "--password", "semaine-innovation"]).stdout
            .write(to: users, atomically: true, encoding: .utf8)
        let dashboard = try Server(lab: url.string!, users: users, state: state)
        let down = try Self.fetch(dashboard.base + "/usage", ["-u", "testeuse:semaine-innovation"])
        #expect(down.status == 503 && down.body.contains("Base du labo injoignable"))
        try Self.sql(server, "CREATE DATABASE \(name)")
        #expect(try InclusionMapBinary.run(["lab", "migrate", "--lab-url", url.string!]).status == 0)
        var recovered = 0
        for _ in 0..<40 where recovered != 200 {
            recovered = try Self.fetch(dashboard.base + "/usage", ["-u", "testeuse:semaine-innovation"]).status
            if recovered != 200 { Thread.sleep(forTimeInterval: 0.5) }
        }
        #expect(recovered == 200)
    }
}
