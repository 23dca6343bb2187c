import Foundation
import SaltedHashing

/// The staff PIN, stored only as a salted, slow hash (``SaltedHash``), made by
/// `inclusion-map config hash-pin`. A configuration file never holds the PIN itself.
enum PINHash {
    static let defaultIterations = 120_000

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    /// A PIN is 4 to 8 digits: what a PIN pad can type.
    static func isValidPIN(_ pin: String) -> Bool {
        (4...8).contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func make(pin: String, iterations: Int = defaultIterations) -> String {
        SaltedHash.make(secret: pin, rounds: iterations)
    }

    /// Checks a stored hash; throws a message naming what is wrong.
    static func parse(_ stored: String) throws {
        guard SaltedHash.parse(stored) != nil else {
            throw FormatError(description: "expected \(SaltedHash.scheme)$ITERATIONS$SALT$HASH as printed by `inclusion-map config hash-pin`")
        }
    }

    static func verify(pin: String, against stored: String) -> Bool {
        SaltedHash.verify(pin, against: stored)
    }
}
