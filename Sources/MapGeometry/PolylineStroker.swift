/// Lines to be widened later, in screen pixels: each segment with its unit normal, and each joint
/// with the normals on either side.
///
/// A frame turns a segment into a quad `a ± n·w/2, b ± n·w/2` after projecting `a` and `b`, so one
/// prepared set serves every zoom and every width. Joints get a bevel (a triangle on each side), which
/// at map line widths reads as round. Long segments are cut at draw time (see `MapRenderer`), since
/// a software rasteriser walks each triangle's bounding box.
public struct StrokedLines: Sendable {
    public struct Segment: Sendable, Equatable {
        public var a: Point
        public var b: Point
        public var normal: Point
    }

    public struct Joint: Sendable, Equatable {
        public var point: Point
        public var before: Point
        public var after: Point
    }

    public var segments: [Segment] = []
    public var joints: [Joint] = []

    public init() {}

    /// Appends one polyline; `closed` joins its last point back to the first (rings).
    public mutating func append(line input: [Point], closed: Bool = false) {
        var line: [Point] = []
        line.reserveCapacity(input.count + 1)
        for p in input where line.last != p { line.append(p) }
        if closed, line.count > 2, line.first != line.last { line.append(line[0]) }
        guard line.count >= 2 else { return }

        var previousNormal: Point?
        var firstNormal: Point?
        for i in 0..<(line.count - 1) {
            let a = line[i], b = line[i + 1]
            let d = b - a
            let len = d.length
            guard len > 0 else { continue }
            let normal = Point(x: -d.y / len, y: d.x / len)
            if let pn = previousNormal, pn != normal { joints.append(Joint(point: a, before: pn, after: normal)) }
            segments.append(Segment(a: a, b: b, normal: normal))
            previousNormal = normal
            if firstNormal == nil { firstNormal = normal }
        }
        if closed, line.first == line.last, let pn = previousNormal, let fn = firstNormal, pn != fn {
            joints.append(Joint(point: line[0], before: pn, after: fn))
        }
    }

    /// Triangles a frame will draw before any cutting: two per segment and two per joint.
    public var triangleCount: Int { segments.count * 2 + joints.count * 2 }
}
