import _CryptoExtras
import Crypto
import Foundation

/// A secret (the staff PIN, a dashboard password) stored only as a salted, slow hash:
/// `pbkdf2-sha256$ROUNDS$SALT$HASH` in hex, PBKDF2 with HMAC-SHA-256 (swift-crypto's, on BoringSSL).
public enum SaltedHash {
    public static let scheme = "pbkdf2-sha256"

    public static func make(secret: String, rounds: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "\(scheme)$\(rounds)$\(hex(salt))$\(hex(derive(secret, salt: salt, rounds: rounds)))"
    }

    /// The parts of a stored hash, nil when it is not one this program makes (fewer than
    /// `minimumRounds`, a salt under 8 bytes, a hash not of 32).
    public static func parse(_ stored: String, minimumRounds: Int = 1000) -> (rounds: Int, salt: [UInt8], hash: [UInt8])? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let rounds = Int(parts[1]), rounds >= minimumRounds,
              let salt = bytes(fromHex: parts[2]), salt.count >= 8, let hash = bytes(fromHex: parts[3]), hash.count == 32 else { return nil }
        return (rounds, salt, hash)
    }

    public static func verify(_ secret: String, against stored: String) -> Bool {
        guard let (rounds, salt, hash) = parse(stored) else { return false }
        let candidate = derive(secret, salt: salt, rounds: rounds)
        // Constant time: every byte compared whatever the first difference.
        var difference: UInt8 = candidate.count == hash.count ? 0 : 1
        for (a, b) in zip(candidate, hash) { difference |= a ^ b }
        return difference == 0
    }

    static func derive(_ secret: String, salt: [UInt8], rounds: Int) -> [UInt8] {
        let key = try? KDF.Insecure.PBKDF2.deriveKey(from: Array(secret.utf8), salt: salt, using: .sha256, outputByteCount: 32,
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
