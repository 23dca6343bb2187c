import Foundation
import MapGeometry

/// The binary form of a ``PreparedBasemap``, for the on-disk cache: arrays are written as raw
/// little-endian bytes so that loading is a few large copies, not parsing.
public enum BasemapArchive {
    /// Bump when the layout or the preparation changes: old caches are then rebuilt.
    public static let formatVersion: UInt32 = 10
    static let magic = Array("IMBASEMP".utf8)

    public struct ReadError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "basemap cache: \(reason)" }
    }

    public static func encode(_ basemap: PreparedBasemap, key: UInt64) -> Data {
        var data = Data()
        // Appending to memory cannot fail.
        try! write(basemap, key: key) { data.append(contentsOf: $0) }
        return data
    }

    /// The archive's size in bytes, without making it (to check the disk has room first).
    public static func encodedSize(of basemap: PreparedBasemap) -> Int {
        var size = 0
        try! write(basemap, key: 0) { size += $0.count }
        return size
    }

    /// Writes the archive in pieces to `sink` (a file): a region's cache is never whole in memory.
    public static func write(_ basemap: PreparedBasemap, key: UInt64, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            var w = BinaryWriter(sink: sink)
            try w.body(basemap, key: key)
            try w.flush()
        }
    }
}

extension BinaryWriter {
    /// Everything after the writer is made: header, towns, then each source's levels.
    mutating func body(_ basemap: PreparedBasemap, key: UInt64) throws {
        bytes(BasemapArchive.magic)
        scalar(BasemapArchive.formatVersion)
        scalar(key)
        box(basemap.bounds)
        scalar(UInt32(basemap.towns.count))
        for t in basemap.towns {
            string(t.name)
            scalar(Int64(t.population))
            point(t.position)
        }
        scalar(UInt32(basemap.sources.count))
        for (name, levels) in basemap.sources.sorted(by: { $0.key < $1.key }) {
            string(name)
            scalar(UInt32(levels.count))
            for level in levels {
                scalar(level.zoom)
                scalar(UInt32(level.fills.count))
                for f in level.fills {
                    optionalString(f.featureClass)
                    box(f.bounds)
                    point(f.origin)
                    try array(f.positions)
                    try array(f.indices)
                    try array(f.rects)
                }
                scalar(UInt32(level.lines.count))
                for l in level.lines {
                    optionalString(l.featureClass)
                    box(l.bounds)
                    point(l.origin)
                    try array(l.runPoints)
                    try array(l.runStarts)
                }
            }
        }
    }
}

extension BasemapArchive {
    /// The key stored in an archive, without decoding the rest (to check freshness cheaply).
    public static func key(of data: Data) -> UInt64? {
        data.withUnsafeBytes { raw in
            var r = BinaryReader(bytes: raw)
            guard (try? r.bytes(magic.count)) == magic, (try? r.scalar(UInt32.self)) == formatVersion else { return nil }
            return try? r.scalar(UInt64.self)
        }
    }

    /// `expectedKey`: the key of the files the caller has (nil: whatever files it was made from).
    public static func decode(_ data: Data, expectedKey: UInt64?) throws -> PreparedBasemap {
        try data.withUnsafeBytes { raw in try decode(raw, expectedKey: expectedKey) }
    }

    /// Reads through one pointer to the whole file: a region's streets are tens of thousands of
    /// arrays, and going through a `Data` slice for each field is what made loading slow.
    static func decode(_ raw: UnsafeRawBufferPointer, expectedKey: UInt64?) throws -> PreparedBasemap {
        var r = BinaryReader(bytes: raw)
        guard try r.bytes(magic.count) == magic else { throw ReadError(reason: "not a basemap cache file") }
        guard try r.scalar(UInt32.self) == formatVersion else { throw ReadError(reason: "written by another version") }
        let key = try r.scalar(UInt64.self)
        guard expectedKey == nil || key == expectedKey else { throw ReadError(reason: "made from other source files") }
        let bounds = try r.box()
        var towns: [TownLabel] = []
        for _ in 0..<Int(try r.scalar(UInt32.self)) {
            towns.append(TownLabel(name: try r.string(), population: Int(try r.scalar(Int64.self)), position: try r.point()))
        }
        var sources: [String: [DetailLevel]] = [:]
        for _ in 0..<Int(try r.scalar(UInt32.self)) {
            let name = try r.string()
            var levels: [DetailLevel] = []
            for _ in 0..<Int(try r.scalar(UInt32.self)) {
                let zoom = try r.scalar(Double.self)
                var fills: [FillBucket] = []
                for _ in 0..<Int(try r.scalar(UInt32.self)) {
                    let bucket = FillBucket(featureClass: try r.optionalString(), bounds: try r.box(), origin: try r.point(),
                                            positions: try r.array(Float.self), indices: try r.array(UInt16.self),
                                            rects: try r.array(Float.self))
                    guard bucket.isWellFormed else {
                        throw ReadError(reason: "a fill's triangles do not match its points (corrupted file)")
                    }
                    fills.append(bucket)
                }
                var lines: [LineBucket] = []
                for _ in 0..<Int(try r.scalar(UInt32.self)) {
                    let bucket = LineBucket(featureClass: try r.optionalString(), bounds: try r.box(), origin: try r.point(),
                                            runPoints: try r.array(Float.self), runStarts: try r.array(Int32.self))
                    guard bucket.isWellFormed else {
                        throw ReadError(reason: "a line's runs do not match its points (corrupted file)")
                    }
                    lines.append(bucket)
                }
                levels.append(DetailLevel(zoom: zoom, fills: fills, lines: lines))
            }
            sources[name] = levels
        }
        guard r.isAtEnd else { throw ReadError(reason: "trailing bytes (truncated or corrupted file)") }
        return PreparedBasemap(sources: sources, bounds: bounds, towns: towns)
    }
}

/// Little-endian fields gathered in a small buffer, and large arrays passed to the sink as they
/// are, without a copy.
struct BinaryWriter {
    let sink: (UnsafeRawBufferPointer) throws -> Void
    var buffer: [UInt8] = []
    static let bufferSize = 1 << 16

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.bufferSize)
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func bytes(_ b: [UInt8]) { buffer.append(contentsOf: b) }
    mutating func scalar<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) } }
    mutating func scalar(_ v: Double) { scalar(v.bitPattern) }
    mutating func point(_ p: Point) { scalar(p.x); scalar(p.y) }
    mutating func box(_ b: BoundingBox) { scalar(b.minX); scalar(b.minY); scalar(b.maxX); scalar(b.maxY) }
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        scalar(UInt32(utf8.count))
        buffer.append(contentsOf: utf8)
    }
    mutating func optionalString(_ s: String?) {
        scalar(UInt8(s == nil ? 0 : 1))
        if let s { string(s) }
    }
    /// Raw element bytes (this code runs on little-endian machines only: x86-64 and arm64).
    mutating func array<T>(_ a: [T]) throws {
        scalar(UInt64(a.count))
        if a.count * MemoryLayout<T>.stride < Self.bufferSize {
            a.withUnsafeBytes { buffer.append(contentsOf: $0) }
        } else {
            try flush()
            try a.withUnsafeBytes { try sink($0) }
        }
        if buffer.count >= Self.bufferSize { try flush() }
    }
}

struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    /// The next `n` bytes, checked against the end of the file.
    mutating func take(_ n: Int) throws -> UnsafeRawBufferPointer {
        guard n >= 0, offset + n <= bytes.count else { throw BasemapArchive.ReadError(reason: "truncated file") }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + n])
    }

    mutating func bytes(_ n: Int) throws -> [UInt8] { Array(try take(n)) }

    mutating func scalar<T: FixedWidthInteger>(_: T.Type) throws -> T {
        T(littleEndian: try take(MemoryLayout<T>.size).loadUnaligned(as: T.self))
    }

    mutating func scalar(_: Double.Type) throws -> Double { Double(bitPattern: try scalar(UInt64.self)) }
    mutating func point() throws -> Point { Point(x: try scalar(Double.self), y: try scalar(Double.self)) }
    mutating func box() throws -> BoundingBox {
        BoundingBox(minX: try scalar(Double.self), minY: try scalar(Double.self), maxX: try scalar(Double.self), maxY: try scalar(Double.self))
    }
    mutating func string() throws -> String {
        let n = Int(try scalar(UInt32.self))
        return String(decoding: try take(n), as: UTF8.self)
    }
    mutating func optionalString() throws -> String? {
        try scalar(UInt8.self) == 0 ? nil : try string()
    }
    mutating func array<T>(_: T.Type) throws -> [T] {
        let count = try scalar(UInt64.self)
        guard count < UInt64(Int32.max) else { throw BasemapArchive.ReadError(reason: "corrupted array length") }
        let source = try take(Int(count) * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            initialized = Int(count)
        }
    }
}
