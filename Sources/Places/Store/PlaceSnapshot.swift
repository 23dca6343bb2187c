import Foundation

/// The place directory as last built, in a file beside the store: the places and what was worked
/// out of them (folded texts, needs, parsed hours), so that a start reads them at disk speed
/// instead of decoding every place's JSON and folding it again.
///
/// A snapshot is only a copy: it is keyed by the store's last import and by the program that
/// wrote it, and any other key, or a damaged file, sends the reader back to the store (which then
/// writes a new one). Places are read on every core, each from its own offset.
///
/// Layout: magic, format, key, place count, the offsets of the records (the places', then their
/// facts', then the end), the records.
public struct PlaceSnapshot: Sendable {
    public struct Damaged: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "place snapshot \(file) is damaged (\(reason)); the places are read from the store" }
    }

    /// Left unwritten for lack of room (see ``roomKept``).
    public struct NotWritten: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "too little room: \(reason)" }
    }

    /// Raised whenever the bytes of a place or of its facts change.
    static let format: UInt32 = 2
    static let magic = Array("INCLPLCS".utf8)

    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The snapshot's key: the data (the store's last import) and the program reading it, whose
    /// folding, parsing and needs may differ from the one that wrote it.
    static func key(data: String) -> String { "\(data); program \(programIdentity)" }

    /// The running executable's path, size and modification time.
    static let programIdentity: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? "?"
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }()

    /// The directory kept for `dataKey`; nil when there is no snapshot or it was written for other
    /// data or another program. Throws ``Damaged`` when the file cannot be read as a snapshot.
    func read(dataKey: String) throws -> PlaceDirectory? {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch CocoaError.fileReadNoSuchFile {
            return nil
        } catch {
            throw Damaged(file: url.path, reason: "\(StorageFault.classify(error, path: url.path))")
        }
        do {
            return try data.withUnsafeBytes { bytes in try Self.decode(bytes, key: Self.key(data: dataKey)) }
        } catch let error as ByteReader.Damaged {
            throw Damaged(file: url.path, reason: error.description)
        }
    }

    /// Writes `directory` for `dataKey`, whole or not at all (a new file renamed over the old).
    func write(_ directory: PlaceDirectory, dataKey: String) throws {
        let indices = Array(directory.places.indices)
        let places = ChunkedMap.map(indices) { i in
            var writer = ByteWriter()
            directory.places[i].write(to: &writer)
            return writer.bytes
        }
        let facts = ChunkedMap.map(indices) { i in
            var writer = ByteWriter()
            directory.facts[i].write(to: &writer)
            return writer.bytes
        }
        var header = ByteWriter()
        for byte in Self.magic { header.write(byte) }
        header.write(Self.format)
        header.write(Self.key(data: dataKey))
        header.write(UInt64(indices.count))
        var offset: UInt64 = 0
        for record in places + facts {
            header.write(offset)
            offset += UInt64(record.count)
        }
        header.write(offset)
        var file = Data(header.bytes)
        file.reserveCapacity(header.bytes.count + Int(offset))
        for record in places + facts { file.append(contentsOf: record) }
        // A copy for speed must not take the room the visitors' answers need: it is written only
        // when there is room for it, its temporary copy (the atomic write) and `roomKept` more.
        let needed = UInt64(2 * file.count) + Self.roomKept
        if let free = StorageFault.freeBytes(near: url.path), free < needed {
            throw NotWritten(reason: "\(free >> 20) MB free, \(needed >> 20) MB wanted (twice its size and \(Self.roomKept >> 20) MB)")
        }
        try file.write(to: url, options: .atomic)
    }

    /// Room left on the disk beyond the snapshot and its temporary copy.
    static let roomKept: UInt64 = 16 << 20

    static func decode(_ bytes: UnsafeRawBufferPointer, key: String) throws -> PlaceDirectory? {
        var reader = ByteReader(bytes)
        for byte in magic where try reader.readByte() != byte {
            throw ByteReader.Damaged(offset: 0, reason: "not a place snapshot")
        }
        guard try reader.readUInt32() == format, try reader.readString() == key else { return nil }
        let count = try reader.readUInt64()
        guard count < UInt64(bytes.count - reader.offset) / 16 else {
            throw ByteReader.Damaged(offset: reader.offset, reason: "\(count) places in a file of \(bytes.count) bytes")
        }
        // The places' records, then their facts'.
        var offsets: [Int] = []
        offsets.reserveCapacity(2 * Int(count) + 1)
        for _ in 0...(2 * count) { offsets.append(Int(try reader.readUInt64())) }
        let start = reader.offset
        guard offsets.last == bytes.count - start, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw ByteReader.Damaged(offset: start, reason: "record offsets that do not fit the file (cut short?)")
        }
        func records<Record>(from first: Int, _ read: (inout ByteReader) throws -> Record) throws -> [Record] {
            try ChunkedMap.map(Array(first..<(first + Int(count)))) { i in
                var reader = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[(start + offsets[i])..<(start + offsets[i + 1])]))
                let record = try read(&reader)
                guard reader.isAtEnd else { throw ByteReader.Damaged(offset: start + offsets[i] + reader.offset, reason: "record \(i) is longer than what it holds") }
                return record
            }
        }
        return PlaceDirectory(places: try records(from: 0) { try Place(from: &$0) },
                              facts: try records(from: Int(count)) { try PlaceFacts(from: &$0) })
    }
}
