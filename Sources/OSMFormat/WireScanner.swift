/// Just enough of the protobuf wire format to find a block's kind without decoding it.
struct WireScanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count && shift < 64 {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return nil
    }

    mutating func tag() -> (field: UInt64, wireType: UInt64)? {
        guard index < bytes.count, let key = varint() else { return nil }
        return (key >> 3, key & 7)
    }

    mutating func sub(length: Int) -> WireScanner? {
        guard length >= 0 && index + length <= bytes.count else { return nil }
        let inner = WireScanner(bytes: UnsafeRawBufferPointer(rebasing: bytes[index ..< index + length]))
        index += length
        return inner
    }

    mutating func skip(_ wireType: UInt64) -> Bool {
        switch wireType {
        case 0: return varint() != nil
        case 1: index += 8
        case 2:
            guard let length = varint() else { return false }
            index += Int(length)
        case 5: index += 4
        default: return false
        }
        return index <= bytes.count
    }
}
