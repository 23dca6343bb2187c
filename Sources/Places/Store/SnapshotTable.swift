/// What the places of a snapshot share, kept once: texts (a service's wording, a commune, a
/// typology), lists of them, folded service texts and parsed hours. Records refer to them by
/// number, so that a start makes each one value once and every place holding it shares it,
/// instead of allocating the same text a hundred thousand times.
struct SnapshotTable: Sendable {
    let strings: [String]
    let lists: [[String]]
    let blobs: [[UInt8]]
    let hours: [OpeningHours]

    /// Collects the shared values while records are written, each given the next number the first
    /// time it is seen; `sections` are their records, in the order a reader needs them.
    struct Builder {
        private var stringIDs: [String: Int] = [:]
        private var listIDs: [[Int]: Int] = [:]
        private var blobIDs: [[UInt8]: Int] = [:]
        private var hoursIDs: [String: Int] = [:]
        private(set) var strings: [[UInt8]] = []
        private(set) var lists: [[UInt8]] = []
        private(set) var blobs: [[UInt8]] = []
        private(set) var hours: [[UInt8]] = []

        mutating func id(of string: String) -> Int {
            if let id = stringIDs[string] { return id }
            stringIDs[string] = strings.count
            strings.append(Array(string.utf8))
            return strings.count - 1
        }

        mutating func id(of list: [String]) -> Int {
            let ids = list.map { id(of: $0) }
            if let id = listIDs[ids] { return id }
            listIDs[ids] = lists.count
            var record = ByteWriter()
            record.writeCount(ids.count)
            for id in ids { record.writeCount(id) }
            lists.append(record.bytes)
            return lists.count - 1
        }

        mutating func id(of blob: [UInt8]) -> Int {
            if let id = blobIDs[blob] { return id }
            blobIDs[blob] = blobs.count
            blobs.append(blob)
            return blobs.count - 1
        }

        /// Hours are parsed from their text alone: one text, one set of rules.
        mutating func id(of parsed: OpeningHours) -> Int {
            if let id = hoursIDs[parsed.text] { return id }
            var record = ByteWriter()
            parsed.write(to: &record, table: &self)
            hoursIDs[parsed.text] = hours.count
            hours.append(record.bytes)
            return hours.count - 1
        }

        mutating func write(_ string: String, to writer: inout ByteWriter) { writer.writeCount(id(of: string)) }

        /// 0 for none, else the number plus one.
        mutating func write(_ string: String?, to writer: inout ByteWriter) { writer.writeCount(string.map { id(of: $0) + 1 } ?? 0) }

        mutating func write(_ list: [String], to writer: inout ByteWriter) { writer.writeCount(id(of: list)) }
    }

    /// Reads a number written for `table` and checks it against its size.
    static func entry<Value>(_ table: [Value], _ reader: inout ByteReader, offset: Int = 0) throws -> Value {
        let at = reader.offset
        let id = try reader.readCount() - offset
        guard table.indices.contains(id) else { throw ByteReader.Damaged(offset: at, reason: "entry \(id) of a table of \(table.count)") }
        return table[id]
    }

    /// 0 for none, else the number plus one.
    private static func optionalEntry<Value>(_ table: [Value], _ reader: inout ByteReader) throws -> Value? {
        var peek = reader
        guard try peek.readCount() != 0 else {
            reader = peek
            return nil
        }
        return try entry(table, &reader, offset: 1)
    }

    func string(_ reader: inout ByteReader) throws -> String { try Self.entry(strings, &reader) }

    func optionalString(_ reader: inout ByteReader) throws -> String? { try Self.optionalEntry(strings, &reader) }

    func list(_ reader: inout ByteReader) throws -> [String] { try Self.entry(lists, &reader) }

    func blob(_ reader: inout ByteReader) throws -> [UInt8] { try Self.entry(blobs, &reader) }

    func optionalHours(_ reader: inout ByteReader) throws -> OpeningHours? { try Self.optionalEntry(hours, &reader) }
}
