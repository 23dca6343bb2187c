import Foundation

/// Appends values to a byte buffer, little-endian, for the place snapshot: strings are
/// length-prefixed, so a reader needs no parsing and no escapes.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt8) { bytes.append(value) }

    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    /// A count or small number, in 7-bit groups (most lists and strings are short).
    mutating func writeCount(_ value: Int) {
        precondition(value >= 0, "a count is never negative")
        var rest = UInt(value)
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeCount(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads what a ``ByteWriter`` wrote, checking every length against the bytes there: a truncated
/// or damaged file throws ``Damaged`` instead of reading past its end.
struct ByteReader {
    struct Damaged: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "at byte \(offset): \(reason)" }
    }

    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// The next `count` bytes as they are.
    mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - offset else {
            throw Damaged(offset: offset, reason: "\(count) bytes wanted, \(bytes.count - offset) left")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func readByte() throws -> UInt8 { try take(1)[0] }

    mutating func readBool() throws -> Bool {
        switch try readByte() {
        case 0: return false
        case 1: return true
        case let other: throw Damaged(offset: offset - 1, reason: "\(other) is not a flag")
        }
    }

    mutating func readUInt32() throws -> UInt32 { UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self)) }

    mutating func readUInt64() throws -> UInt64 { UInt64(littleEndian: try take(8).loadUnaligned(as: UInt64.self)) }

    mutating func readInt() throws -> Int { Int(Int64(bitPattern: try readUInt64())) }

    mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }

    mutating func readCount() throws -> Int {
        var value = 0, shift = 0
        while true {
            let byte = try readByte()
            guard shift < 63 else { throw Damaged(offset: offset - 1, reason: "a count longer than 9 bytes") }
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Not validated as UTF-8 again: the snapshot's checksum vouches for bytes written from
    /// strings (anything else would read as U+FFFD, not past the end).
    mutating func readString() throws -> String {
        String(decoding: try take(try readCount()).assumingMemoryBound(to: UInt8.self), as: UTF8.self)
    }
}
