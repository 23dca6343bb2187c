import Foundation
import SaltedHashing

/// A dashboard password, stored only as a salted, slow hash (``SaltedHash``) at OWASP's
/// recommended rounds for PBKDF2-SHA-256, printed by `inclusion-map lab hash-password`.
public enum PasswordHash {
    public static let rounds = 210_000

    public static func make(password: String) -> String { SaltedHash.make(secret: password, rounds: rounds) }

    /// Whether `stored` is a hash this program makes (the users file is checked at start).
    public static func isWellFormed(_ stored: String) -> Bool { SaltedHash.parse(stored, minimumRounds: 10_000) != nil }

    public static func verify(_ password: String, against stored: String) -> Bool { SaltedHash.verify(password, against: stored) }
}

/// Who may read the dashboard: `NAME:HASH` lines (`#` comments and blank lines allowed).
public struct DashboardUsers: Sendable {
    public var hashes: [String: String]

    public init(hashes: [String: String]) { self.hashes = hashes }

    /// Reads a users file; a malformed line is an error naming the file and the line.
    public init(file: URL) throws {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw DashboardError("users file \(file.path) cannot be read (\(error.localizedDescription))")
        }
        var hashes: [String: String] = [:]
        for (number, raw) in text.components(separatedBy: .newlines).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  PasswordHash.isWellFormed(String(line[line.index(after: colon)...])) else {
                throw DashboardError("users file \(file.path), line \(number + 1): expected NAME:HASH as printed by `inclusion-map lab hash-password NAME`")
            }
            hashes[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        guard !hashes.isEmpty else { throw DashboardError("users file \(file.path) names nobody: add a line with `inclusion-map lab hash-password NAME`") }
        self.hashes = hashes
    }

    public func verify(name: String, password: String) -> Bool {
        guard let hash = hashes[name] else {
            // As slow for an unknown name as for a wrong password: names cannot be told apart.
            _ = PasswordHash.verify(password, against: Self.decoy)
            return false
        }
        return PasswordHash.verify(password, against: hash)
    }

    static let decoy = PasswordHash.make(password: "decoy")
}

/// A dashboard error that says what is wrong.
public struct DashboardError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
