/// The outlines of adjacent polygons, with each shared border kept once.
///
/// Neighbouring communes share their borders vertex for vertex; stroking every ring would draw each
/// border twice (twice the triangles) and simplify it twice, differently, so the two copies would
/// drift apart at coarse levels. Here each undirected segment is kept the first time it is met, and
/// consecutive kept segments are joined into polylines, which are then simplified once.
public enum BorderNetwork {
    struct Segment: Hashable {
        var a: Point
        var b: Point

        init(_ p: Point, _ q: Point) {
            // Undirected: order the endpoints.
            if (p.x, p.y) < (q.x, q.y) { a = p; b = q } else { a = q; b = p }
        }
    }

    public static func polylines(of polygons: [Polygon]) -> [[Point]] {
        var seen = Set<Segment>()
        seen.reserveCapacity(polygons.reduce(0) { $0 + $1.vertexCount })
        var out: [[Point]] = []
        for polygon in polygons {
            for ring in polygon.rings where ring.count >= 2 {
                // Start the walk at a segment already seen when there is one, so that a ring whose
                // first segments are shared does not leave its new part split in two.
                var start = 0
                for i in 0..<ring.count where seen.contains(Segment(ring[i], ring[(i + 1) % ring.count])) {
                    start = (i + 1) % ring.count
                    break
                }
                var current: [Point] = []
                for k in 0..<ring.count {
                    let i = (start + k) % ring.count
                    let p = ring[i], q = ring[(i + 1) % ring.count]
                    if p == q { continue }
                    if seen.insert(Segment(p, q)).inserted {
                        if current.isEmpty { current.append(p) }
                        current.append(q)
                    } else if !current.isEmpty {
                        out.append(current)
                        current = []
                    }
                }
                if current.count >= 2 { out.append(current) }
            }
        }
        return out
    }
}
