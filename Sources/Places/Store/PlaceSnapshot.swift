import CZlib
import Foundation

/// The place directory as last built, in a file beside the store: the places and what was worked
/// out of them (folded texts, needs, parsed hours), so that a start reads them at disk speed
/// instead of decoding every place's JSON and folding it again.
///
/// A snapshot is only a copy: it is keyed by the store's last import and by the program that
/// wrote it, and any other key, or a damaged file, sends the reader back to the store (which then
/// writes a new one). Places are read on every core, each from its own offset.
///
/// Layout: magic, format, key, the length and CRC-32 of the rest, then eight sections (a record
/// count, the records' offsets, the records): the shared texts, lists of texts, folded service
/// texts and parsed hours of its ``SnapshotTable``, the places, their facts, their search words
/// (decoded when a search first asks), and one record of the directory's ``DirectoryOverview``
/// (its nearest-place tree, the filters worth offering).
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

    /// Raised whenever the layout changes (a section, the bytes of a place, of its facts…).
    static let format: UInt32 = 4
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
        // One pass, in order: the table numbers what it meets first.
        var table = SnapshotTable.Builder()
        var places: [[UInt8]] = [], facts: [[UInt8]] = []
        let words = SearchWordIndex.Encoded.records(directory.searchWords, table: &table)
        places.reserveCapacity(directory.count)
        facts.reserveCapacity(directory.count)
        for (place, placeFacts) in zip(directory.places, directory.facts) {
            var writer = ByteWriter()
            place.write(to: &writer, table: &table)
            places.append(writer.bytes)
            writer = ByteWriter()
            placeFacts.write(to: &writer, table: &table)
            facts.append(writer.bytes)
        }
        var header = ByteWriter()
        for byte in Self.magic { header.write(byte) }
        header.write(Self.format)
        header.write(Self.key(data: dataKey))
        var body = Data()
        var overview = ByteWriter()
        directory.overview.write(to: &overview)
        for section in [table.strings, table.lists, table.blobs, table.hours, places, facts, words, [overview.bytes]] {
            Self.append(section, to: &body)
        }
        header.write(UInt64(body.count))
        header.write(Self.checksum(body))
        var file = Data(header.bytes)
        file.append(body)
        // A copy for speed must not take the room the visitors' answers need: it is written only
        // when there is room for it, its temporary copy (the atomic write) and `roomKept` more.
        let needed = UInt64(2 * file.count) + Self.roomKept
        if let free = StorageFault.freeBytes(near: url.path), free < needed {
            throw NotWritten(reason: "\(free >> 20) MB free, \(needed >> 20) MB wanted (twice its size and \(Self.roomKept >> 20) MB)")
        }
        try file.write(to: url, options: .atomic)
    }

    /// CRC-32 (zlib's) of `bytes`.
    static func checksum(_ bytes: some ContiguousBytes) -> UInt32 {
        bytes.withUnsafeBytes { buffer in
            var crc = crc32(0, nil, 0)
            // zlib takes 32-bit lengths.
            for start in stride(from: 0, to: buffer.count, by: 1 << 30) {
                let part = UnsafeRawBufferPointer(rebasing: buffer[start..<min(buffer.count, start + (1 << 30))])
                crc = crc32(crc, part.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(part.count))
            }
            return UInt32(crc)
        }
    }

    /// A section: its record count, the offsets of its records (and of its end), the records.
    private static func append(_ records: [[UInt8]], to file: inout Data) {
        var index = ByteWriter()
        index.write(UInt64(records.count))
        var offset: UInt64 = 0
        for record in records {
            index.write(offset)
            offset += UInt64(record.count)
        }
        index.write(offset)
        file.append(contentsOf: index.bytes)
        for record in records { file.append(contentsOf: record) }
    }

    /// Room left on the disk beyond the snapshot and its temporary copy.
    static let roomKept: UInt64 = 16 << 20

    static func decode(_ bytes: UnsafeRawBufferPointer, key: String) throws -> PlaceDirectory? {
        var reader = ByteReader(bytes)
        for byte in magic where try reader.readByte() != byte {
            throw ByteReader.Damaged(offset: 0, reason: "not a place snapshot")
        }
        guard try reader.readUInt32() == format, try reader.readString() == key else { return nil }
        // Every byte is checked before any is read: damage that lengths and offsets cannot see
        // (a text's bytes changed) must not show a place with the wrong words.
        let length = try reader.readUInt64(), sum = try reader.readUInt32()
        guard length == UInt64(bytes.count - reader.offset) else {
            throw ByteReader.Damaged(offset: reader.offset, reason: "\(bytes.count - reader.offset) bytes where \(length) were written (cut short?)")
        }
        guard checksum(UnsafeRawBufferPointer(rebasing: bytes[reader.offset...])) == sum else {
            throw ByteReader.Damaged(offset: reader.offset, reason: "its bytes are not those written (checksum)")
        }
        let strings = try section(&reader) { record, _ in String(decoding: record.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }
        let lists = try section(&reader, fields { reader in
            try (0..<(try reader.readCount())).map { _ in try SnapshotTable.entry(strings, &reader) }
        })
        let blobs = try section(&reader) { record, _ in Array(record) }
        let hours = try section(&reader, fields { try OpeningHours(from: &$0, strings: strings) })
        let table = SnapshotTable(strings: strings, lists: lists, blobs: blobs, hours: hours)
        let places = try section(&reader, fields { try Place(from: &$0, table: table) })
        let facts = try section(&reader, fields { try PlaceFacts(from: &$0, table: table) })
        // Read when a search first asks (see `SearchWordIndex`): only copied now.
        let (wordOffsets, wordRecords, _) = try records(&reader)
        let overviews = try section(&reader, fields { try DirectoryOverview(from: &$0) })
        guard reader.isAtEnd, places.count == facts.count, wordOffsets.count == places.count + 1, overviews.count == 1 else {
            throw ByteReader.Damaged(offset: reader.offset, reason: "\(places.count) places, \(facts.count) sets of facts, \(wordOffsets.count - 1) of search words and \(overviews.count) overviews, \(bytes.count - reader.offset) bytes after them")
        }
        let located = PlaceDirectory.located(places).count
        guard overviews[0].index.count == located else {
            throw ByteReader.Damaged(offset: reader.offset, reason: "a tree of \(overviews[0].index.count) points for \(located) places with a position")
        }
        return PlaceDirectory(places: places, facts: facts, overview: overviews[0],
                              searchWords: SearchWordIndex.Encoded(records: Array(wordRecords), offsets: wordOffsets, strings: strings))
    }

    /// Reads a section's records on every core; `decode` is given each record's bytes and where
    /// they start in the file (for the errors).
    private static func section<Record>(_ reader: inout ByteReader,
                                        _ decode: @escaping (UnsafeRawBufferPointer, Int) throws -> Record) throws -> [Record] {
        let (offsets, records, start) = try records(&reader)
        return try ChunkedMap.map(Array(0..<(offsets.count - 1))) { i in
            try decode(UnsafeRawBufferPointer(rebasing: records[offsets[i]..<offsets[i + 1]]), start + offsets[i])
        }
    }

    /// A section's records, undecoded: where each starts in `records` (and where the last ends),
    /// and where `records` starts in the file.
    private static func records(_ reader: inout ByteReader) throws -> (offsets: [Int], records: UnsafeRawBufferPointer, start: Int) {
        let count = try reader.readUInt64()
        guard count < UInt64(reader.bytes.count - reader.offset) / 8 else {
            throw ByteReader.Damaged(offset: reader.offset, reason: "\(count) records in a file of \(reader.bytes.count) bytes")
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(Int(count) + 1)
        for _ in 0...count { offsets.append(Int(try reader.readUInt64())) }
        let start = reader.offset
        guard offsets.first == 0, let length = offsets.last, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw ByteReader.Damaged(offset: start, reason: "record offsets out of order")
        }
        return (offsets, try reader.take(length), start)
    }

    /// A record of fields, which must end where the next record begins.
    private static func fields<Record>(_ read: @escaping (inout ByteReader) throws -> Record) -> (UnsafeRawBufferPointer, Int) throws -> Record {
        { record, start in
            var reader = ByteReader(record)
            do {
                let value = try read(&reader)
                guard reader.isAtEnd else { throw ByteReader.Damaged(offset: reader.offset, reason: "a record longer than what it holds") }
                return value
            } catch let error as ByteReader.Damaged {
                throw ByteReader.Damaged(offset: start + error.offset, reason: error.reason)
            }
        }
    }
}
