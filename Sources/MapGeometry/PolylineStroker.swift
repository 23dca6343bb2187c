/// Turns polylines into triangle meshes whose width is applied later, in screen pixels.
///
/// Each output vertex is a centre-line position plus a unit extrusion vector; a frame places it at
/// `transform(position) + extrusion * halfWidth`, so one prepared mesh serves every zoom level.
/// Joins are bevelled (a triangle fills the outer gap), which at map line widths reads as round.
public struct StrokeMesh: Sendable {
    public var positions: [Point] = []
    public var extrusions: [Point] = []
    public var indices: [Int32] = []

    public init() {}

    public var vertexCount: Int { positions.count }
    public var triangleCount: Int { indices.count / 3 }

    /// Appends one polyline; `closed` joins its last point back to the first (rings).
    public mutating func append(line input: [Point], closed: Bool = false) {
        var line: [Point] = []
        line.reserveCapacity(input.count + 1)
        for p in input where line.last != p { line.append(p) }
        if closed, line.count > 2, line.first != line.last { line.append(line[0]) }
        guard line.count >= 2 else { return }

        var previousNormal: Point?
        for i in 0..<(line.count - 1) {
            let a = line[i], b = line[i + 1]
            let d = b - a
            let len = d.length
            guard len > 0 else { continue }
            let normal = Point(x: -d.y / len, y: d.x / len)
            if let pn = previousNormal { appendJoin(at: a, from: pn, to: normal) }
            let base = Int32(positions.count)
            positions.append(a); extrusions.append(normal)
            positions.append(a); extrusions.append(normal * -1)
            positions.append(b); extrusions.append(normal)
            positions.append(b); extrusions.append(normal * -1)
            indices.append(contentsOf: [base, base + 1, base + 2, base + 1, base + 3, base + 2])
            previousNormal = normal
        }
        if closed, line.first == line.last, let pn = previousNormal, line.count > 2 {
            let d = line[1] - line[0]
            let len = d.length
            if len > 0 { appendJoin(at: line[0], from: pn, to: Point(x: -d.y / len, y: d.x / len)) }
        }
    }

    /// A bevel on both sides of the joint; the inner one hides under the segments.
    private mutating func appendJoin(at p: Point, from n1: Point, to n2: Point) {
        if n1 == n2 { return }
        let base = Int32(positions.count)
        positions.append(p); extrusions.append(.zero)
        positions.append(p); extrusions.append(n1)
        positions.append(p); extrusions.append(n2)
        positions.append(p); extrusions.append(n1 * -1)
        positions.append(p); extrusions.append(n2 * -1)
        indices.append(contentsOf: [base, base + 1, base + 2, base, base + 3, base + 4])
    }
}
