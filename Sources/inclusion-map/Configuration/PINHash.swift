import _CryptoExtras
import Crypto
import Foundation

/// The staff PIN, stored only as a salted, slow hash: `pbkdf2-sha256$ITERATIONS$SALT$HASH` (hex),
/// made by `inclusion-map config hash-pin`. A configuration file never holds the PIN itself.
enum PINHash {
    static let scheme = "pbkdf2-sha256"
    static let defaultIterations = 120_000

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    /// A PIN is 4 to 8 digits: what a PIN pad can type.
    static func isValidPIN(_ pin: String) -> Bool {
        (4...8).contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func make(pin: String, iterations: Int = defaultIterations) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &generator) }
        let hash = derive(pin: pin, salt: salt, iterations: iterations)
        return "\(scheme)$\(iterations)$\(hex(salt))$\(hex(hash))"
    }

    /// Parses a stored hash; throws a message naming what is wrong.
    static func parse(_ stored: String) throws -> (iterations: Int, salt: [UInt8], hash: [UInt8]) {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let iterations = Int(parts[1]), iterations >= 1000,
              let salt = bytes(fromHex: parts[2]), salt.count >= 8,
              let hash = bytes(fromHex: parts[3]), hash.count == 32 else {
            throw FormatError(description: "expected \(scheme)$ITERATIONS$SALT$HASH as printed by `inclusion-map config hash-pin`")
        }
        return (iterations, salt, hash)
    }

    static func verify(pin: String, against stored: String) -> Bool {
        guard let (iterations, salt, hash) = try? parse(stored) else { return false }
        let candidate = derive(pin: pin, salt: salt, iterations: iterations)
        // Constant time: compare every byte whatever the first difference.
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, hash) { difference |= a ^ b }
        return difference == 0 && candidate.count == hash.count
    }

    /// PBKDF2 (RFC 8018) with HMAC-SHA-256, 32 bytes (swift-crypto's, on BoringSSL).
    static func derive(pin: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = try? KDF.Insecure.PBKDF2.deriveKey(from: Array(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                     unsafeUncheckedRounds: iterations)
        return key.map { $0.withUnsafeBytes { Array($0) } } ?? []
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func bytes<S: StringProtocol>(fromHex text: S) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let b = UInt8(text[index..<next], radix: 16) else { return nil }
            out.append(b)
            index = next
        }
        return out
    }
}
