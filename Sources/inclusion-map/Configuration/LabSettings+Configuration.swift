import Feedback
import Foundation

extension LabSettings {
    /// The `[lab]` section. The password comes from `password_file`, or from the systemd credential
    /// `lab-password` (`LoadCredential=`), never from the configuration file itself.
    init(section lab: TOMLSection, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let host = try lab.string("host", default: nil)
        let port = try lab.integer("port", default: 5432, range: 1...65535)
        let database = try lab.string("database", default: nil)
        let user = try lab.string("user", default: nil)
        let tlsText = try lab.string("tls", default: "verify-full")
        guard let tls = TLSMode(rawValue: tlsText) else {
            throw lab.fail("tls", tlsText, "expected one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var password: String?
        if lab.table["password_file"] != nil {
            let file = try lab.file("password_file", default: nil)
            password = try Self.readSecret(file, key: lab.qualified("password_file"), configuration: lab.file)
        } else if let credentials = environment["CREDENTIALS_DIRECTORY"] {
            let file = URL(fileURLWithPath: credentials).appendingPathComponent("lab-password")
            if FileManager.default.fileExists(atPath: file.path) {
                password = try Self.readSecret(file, key: "credential lab-password", configuration: lab.file)
            }
        }
        let batch = try lab.integer("batch_size", default: 500, range: 1...10_000)
        let minimum = try lab.double("retry_min_s", default: 5, range: 1...3600)
        let maximum = try lab.double("retry_max_s", default: 900, range: 1...86_400)
        if maximum < minimum { throw lab.fail("retry_max_s", maximum, "must be at least retry_min_s (\(minimum))") }
        let heartbeat = try lab.double("heartbeat_s", default: 300, range: 1...86_400)
        self.init(host: host, port: port, database: database, user: user, password: password, tls: tls,
                  batchSize: batch, retry: RetryPolicy(minimum: minimum, maximum: maximum), heartbeatInterval: heartbeat)
    }

    static func readSecret(_ url: URL, key: String, configuration: String) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw ConfigurationError(file: configuration, key: key, value: url.path,
                                     expected: "a readable file holding the lab password (\(error.localizedDescription))")
        }
    }
}
