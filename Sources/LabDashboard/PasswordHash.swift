import _CryptoExtras
import Crypto
import Foundation

/// A dashboard password, stored only as a salted, slow hash: `pbkdf2-sha256$ROUNDS$SALT$HASH`
/// (hex), printed by `inclusion-map lab hash-password` (PBKDF2 with HMAC-SHA-256, at OWASP's
/// recommended rounds).
public enum PasswordHash {
    public static let scheme = "pbkdf2-sha256"
    public static let defaultRounds = 210_000

    public static func make(password: String, rounds: Int = defaultRounds) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "\(scheme)$\(rounds)$\(hex(salt))$\(hex(derive(password, salt: salt, rounds: rounds)))"
    }

    /// Whether `stored` is a hash this program makes (the users file is checked at start).
    public static func isWellFormed(_ stored: String) -> Bool { parse(stored) != nil }

    public static func verify(_ password: String, against stored: String) -> Bool {
        guard let (rounds, salt, hash) = parse(stored) else { return false }
        let candidate = derive(password, salt: salt, rounds: rounds)
        // Constant time: every byte compared whatever the first difference.
        var difference: UInt8 = candidate.count == hash.count ? 0 : 1
        for (a, b) in zip(candidate, hash) { difference |= a ^ b }
        return difference == 0
    }

    static func parse(_ stored: String) -> (rounds: Int, salt: [UInt8], hash: [UInt8])? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let rounds = Int(parts[1]), rounds >= 10_000,
              let salt = bytes(fromHex: parts[2]), salt.count >= 8, let hash = bytes(fromHex: parts[3]), hash.count == 32 else { return nil }
        return (rounds, salt, hash)
    }

    static func derive(_ password: String, salt: [UInt8], rounds: Int) -> [UInt8] {
        let key = try? KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                     unsafeUncheckedRounds: rounds)
        return key.map { $0.withUnsafeBytes { Array($0) } } ?? []
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func bytes(fromHex text: Substring) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
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
