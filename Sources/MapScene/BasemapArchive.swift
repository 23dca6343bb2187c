import Foundation
import MapGeometry

/// The binary form of a ``PreparedBasemap``, for the on-disk cache: arrays are written as raw
/// little-endian bytes so that loading is a few large copies, not parsing.
public enum BasemapArchive {
    /// Bump when the layout or the preparation changes: old caches are then rebuilt.
    public static let formatVersion: UInt32 = 7
    static let magic = Array("IMBASEMP".utf8)

    public struct ReadError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "basemap cache: \(reason)" }
    }

    public static func encode(_ basemap: PreparedBasemap, key: UInt64) -> Data {
        var w = BinaryWriter()
        w.bytes(magic)
        w.scalar(formatVersion)
        w.scalar(key)
        w.box(basemap.bounds)
        w.scalar(UInt32(basemap.towns.count))
        for t in basemap.towns {
            w.string(t.name)
            w.scalar(Int64(t.population))
            w.point(t.position)
        }
        w.scalar(UInt32(basemap.sources.count))
        for (name, levels) in basemap.sources.sorted(by: { $0.key < $1.key }) {
            w.string(name)
            w.scalar(UInt32(levels.count))
            for level in levels {
                w.scalar(level.zoom)
                w.scalar(UInt32(level.fills.count))
                for f in level.fills {
                    w.optionalString(f.featureClass)
                    w.box(f.bounds)
                    w.point(f.origin)
                    w.array(f.positions)
                    w.array(f.indices)
                    w.array(f.rects)
                }
                w.scalar(UInt32(level.lines.count))
                for l in level.lines {
                    w.optionalString(l.featureClass)
                    w.box(l.bounds)
                    w.point(l.origin)
                    w.array(l.segments)
                    w.array(l.joints)
                    w.array(l.runPoints)
                    w.array(l.runStarts)
                }
            }
        }
        return w.data
    }

    /// The key stored in an archive, without decoding the rest (to check freshness cheaply).
    public static func key(of data: Data) -> UInt64? {
        var r = BinaryReader(data: data)
        guard (try? r.bytes(magic.count)) == magic, (try? r.scalar(UInt32.self)) == formatVersion else { return nil }
        return try? r.scalar(UInt64.self)
    }

    public static func decode(_ data: Data, expectedKey: UInt64) throws -> PreparedBasemap {
        var r = BinaryReader(data: data)
        guard try r.bytes(magic.count) == magic else { throw ReadError(reason: "not a basemap cache file") }
        guard try r.scalar(UInt32.self) == formatVersion else { throw ReadError(reason: "written by another version") }
        guard try r.scalar(UInt64.self) == expectedKey else { throw ReadError(reason: "made from other source files") }
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
                    fills.append(FillBucket(featureClass: try r.optionalString(), bounds: try r.box(), origin: try r.point(),
                                            positions: try r.array(Float.self), indices: try r.array(Int32.self),
                                            rects: try r.array(Float.self)))
                }
                var lines: [LineBucket] = []
                for _ in 0..<Int(try r.scalar(UInt32.self)) {
                    lines.append(LineBucket(featureClass: try r.optionalString(), bounds: try r.box(), origin: try r.point(),
                                            segments: try r.array(Float.self), joints: try r.array(Float.self),
                                            runPoints: try r.array(Float.self), runStarts: try r.array(Int32.self)))
                }
                levels.append(DetailLevel(zoom: zoom, fills: fills, lines: lines))
            }
            sources[name] = levels
        }
        guard r.isAtEnd else { throw ReadError(reason: "trailing bytes (truncated or corrupted file)") }
        return PreparedBasemap(sources: sources, bounds: bounds, towns: towns)
    }
}

struct BinaryWriter {
    var data = Data()

    mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
    mutating func scalar<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func scalar(_ v: Double) { scalar(v.bitPattern) }
    mutating func point(_ p: Point) { scalar(p.x); scalar(p.y) }
    mutating func box(_ b: BoundingBox) { scalar(b.minX); scalar(b.minY); scalar(b.maxX); scalar(b.maxY) }
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        scalar(UInt32(utf8.count))
        data.append(contentsOf: utf8)
    }
    mutating func optionalString(_ s: String?) {
        scalar(UInt8(s == nil ? 0 : 1))
        if let s { string(s) }
    }
    /// Raw element bytes (this code runs on little-endian machines only: x86-64 and arm64).
    mutating func array<T>(_ a: [T]) {
        scalar(UInt64(a.count))
        a.withUnsafeBytes { data.append(contentsOf: $0) }
    }
}

struct BinaryReader {
    let data: Data
    var offset = 0

    init(data: Data) { self.data = data }

    var isAtEnd: Bool { offset == data.count }

    mutating func take(_ n: Int) throws -> Data {
        guard n >= 0, offset + n <= data.count else { throw BasemapArchive.ReadError(reason: "truncated file") }
        defer { offset += n }
        return data[data.startIndex + offset ..< data.startIndex + offset + n]
    }

    mutating func bytes(_ n: Int) throws -> [UInt8] { Array(try take(n)) }

    mutating func scalar<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let d = try take(MemoryLayout<T>.size)
        return T(littleEndian: d.withUnsafeBytes { $0.loadUnaligned(as: T.self) })
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
        let d = try take(Int(count) * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            d.withUnsafeBytes { raw in
                _ = raw.copyBytes(to: UnsafeMutableRawBufferPointer(buffer))
            }
            initialized = Int(count)
        }
    }
}
