import CQRencode
import Foundation

/// A QR code's modules (its dark and light squares), made by libqrencode: what a phone's camera
/// reads a link or a contact from.
public struct QRCode: Sendable, Equatable {
    /// How much damage the code survives (QR's error correction levels), against its size.
    public enum Correction: Sendable {
        /// About 7 % of the code may be lost: the smallest code.
        case low
        /// About 15 %: a screen under glare or a finger's smudge.
        case medium

        var level: QRecLevel { self == .low ? QR_ECLEVEL_L : QR_ECLEVEL_M }
    }

    public struct TooLong: Error, CustomStringConvertible {
        public var byteCount: Int
        public var description: String { "\(byteCount) bytes do not fit in a QR code" }
    }

    /// Light modules every side of the code, which readers need to find it (the standard's four).
    public static let quietZone = 4

    /// Modules a side, the quiet zone left out.
    public let size: Int
    /// Row after row, true for a dark module.
    public let modules: [Bool]

    /// The ECI designator of UTF-8: without it, readers guess the bytes' encoding (and some
    /// take accented letters for Japanese).
    static let utf8Designator: UInt32 = 26

    /// Encodes the text's UTF-8 bytes (byte mode, the version as small as fits), declared as
    /// UTF-8 when the text is not plain ASCII.
    public init(encoding text: String, correction: Correction = .medium) throws {
        let bytes = Array(text.utf8)
        guard let input = QRinput_new2(0, correction.level) else { throw TooLong(byteCount: bytes.count) }
        defer { QRinput_free(input) }
        if bytes.contains(where: { $0 >= 0x80 }), QRinput_appendECIheader(input, Self.utf8Designator) != 0 {
            throw TooLong(byteCount: bytes.count)
        }
        guard bytes.withUnsafeBufferPointer({ QRinput_append(input, QR_MODE_8, Int32($0.count), $0.baseAddress) }) == 0,
              let code = QRcode_encodeInput(input) else {
            throw TooLong(byteCount: bytes.count)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        // Each byte is one module; its lowest bit says dark.
        modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
        size = width
    }

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Modules a side with the quiet zone.
    public var sizeWithQuietZone: Int { size + 2 * Self.quietZone }
}
