import ArgumentParser
import Feedback
import Foundation
import LabDashboard
import Places

extension LabCommand {
    /// `inclusion-map lab serve`: the lab's read-only dashboard.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the lab's dashboard (live answers, accessibility by place, usage, the fleet, coverage, exports), read-only, behind a login.",
            discussion: "Listens on loopback unless told otherwise; put it behind a reverse proxy with TLS to reach it from elsewhere (README).")

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "postgres://user:password@host:port/database (a login IN ROLE inclusion_lab_reader: SELECT only).")
        var labURL: String

        @Option(name: .long, help: "The users file: NAME:HASH lines from `inclusion-map lab hash-password NAME`.")
        var users: String

        @Option(name: .long, help: "HOST:PORT to listen on (port 0: any free port, printed).")
        var listen: String = "127.0.0.1:8080"

        @Flag(name: .long, help: "Mark the session cookie Secure (always; it is anyway when the proxy sends X-Forwarded-Proto: https).")
        var secureCookies = false

        @Option(name: .long, help: "The coverage poster to show (made by `inclusion-map coverage --poster FILE`).")
        var coveragePoster: String?

        @Option(name: .long, help: "The coverage table by intercommunality to show (made by `inclusion-map coverage --by epci --csv`).")
        var coverageTable: String?

        func run() async throws {
            let logger = common.logger("inclusion-map.lab-serve")
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
                throw ValidationError("--listen: expected HOST:PORT (e.g. 127.0.0.1:8080), found \"\(listen)\"")
            }
            let host = String(listen[..<colon])
            let settings = try LabSettings.resolve(url: labURL, configuration: nil)
            let users: DashboardUsers
            do { users = try DashboardUsers(file: URL(fileURLWithPath: self.users)) } catch { throw CommandFailure(description: "\(error)") }
            for file in [coveragePoster, coverageTable].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: file) {
                throw CommandFailure(description: "\(file) cannot be read")
            }
            let server = DashboardServer(options: .init(
                lab: settings, users: users, host: host, port: port, secureCookies: secureCookies, places: PlaceNames.facts(common),
                coveragePoster: coveragePoster.map { URL(fileURLWithPath: $0) }, coverageTable: coverageTable.map { URL(fileURLWithPath: $0) }),
                logger: logger)
            try await server.run(onListening: { port in
                UnbufferedOutput.write("dashboard on http://\(host):\(port)/ (lab \(settings.displayName))\n")
            })
        }
    }

    /// `inclusion-map lab hash-password NAME`: one line of the dashboard's users file.
    struct HashPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a users-file line NAME:HASH for the dashboard (the password from standard input without --password).")

        @Argument(help: "The user's name (letters, digits, . _ -).")
        var name: String

        @Option(name: .long, help: "The password (else read from standard input; avoid this option on shared machines).")
        var password: String?

        func run() throws {
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
                throw ValidationError("NAME: letters, digits, '.', '_' and '-' only, found \"\(name)\"")
            }
            let secret = password ?? readLine(strippingNewline: true) ?? ""
            guard secret.count >= 8 else { throw ValidationError("the password must have at least 8 characters") }
            print("\(name):\(PasswordHash.make(password: secret))")
        }
    }
}

extension PlaceNames {
    /// Each place's name and whether its data says a wheelchair user can get in, from this
    /// machine's place store (the dashboard names places and tells contradictions with it).
    static func facts(_ common: CommonOptions) -> [String: PlaceFacts] {
        Dictionary(storedPlaces(common).map { ($0.id, PlaceFacts(name: $0.name, saysStepFree: PlaceNeed.wheelchair.isMet(by: $0))) },
                          uniquingKeysWith: { a, _ in a })
    }
}
