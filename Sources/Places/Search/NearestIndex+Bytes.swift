/// The tree in a place snapshot, as built: a start reads it instead of building it again.
extension NearestIndex {
    func write(to writer: inout ByteWriter) {
        writer.writeCount(count)
        for value in xyz { writer.write(value) }
        for id in ids { writer.write(UInt32(bitPattern: id)) }
        writer.writeCount(axes.count)
        for axis in axes { writer.write(axis) }
        for split in splits { writer.write(split) }
    }

    /// Checks what a query relies on: the arrays' sizes agree with the count, every axis is one
    /// of three, every point's index is one of the caller's.
    init(from reader: inout ByteReader) throws {
        let start = reader.offset
        let count = try reader.readCount()
        var depth = 0
        while (count >> depth) > Self.leafSize { depth += 1 }
        // Each point takes 28 bytes: a count past the bytes left is damage, not an allocation.
        guard count <= (reader.bytes.count - reader.offset) / 28, depth < Self.maximumDepth else {
            throw ByteReader.Damaged(offset: start, reason: "a tree of \(count) points in \(reader.bytes.count - reader.offset) bytes")
        }
        let xyz = try (0..<(3 * count)).map { _ in try reader.readDouble() }
        let ids = try (0..<count).map { _ in Int32(bitPattern: try reader.readUInt32()) }
        guard ids.allSatisfy({ $0 >= 0 && Int($0) < count }) else {
            throw ByteReader.Damaged(offset: start, reason: "a tree's point numbered outside its \(count) points")
        }
        let nodes = try reader.readCount()
        guard nodes == max(1, 2 << depth) else {
            throw ByteReader.Damaged(offset: reader.offset, reason: "\(nodes) nodes in a tree of \(count) points")
        }
        let axes = try (0..<nodes).map { _ in try reader.readByte() }
        guard axes.allSatisfy({ $0 < 3 }) else { throw ByteReader.Damaged(offset: reader.offset, reason: "a split on no axis") }
        let splits = try (0..<nodes).map { _ in try reader.readDouble() }
        self.init(count: count, xyz: xyz, ids: ids, axes: axes, splits: splits)
    }
}
