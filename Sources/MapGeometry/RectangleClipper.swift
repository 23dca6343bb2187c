/// Sutherland–Hodgman clipping of a ring to an axis-aligned rectangle.
///
/// Used at preparation time to cut large polygons into tiles, so that no triangle spans much of the
/// screen: a software rasteriser walks each triangle's bounding box, and a region split into long
/// slivers would cost many times the screen's area per frame. Concave rings may come out with
/// zero-width bridges along the rectangle's edges; they enclose no area and triangulate to nothing.
public enum RectangleClipper {
    public static func clip(_ ring: [Point], to box: BoundingBox) -> [Point] {
        var output = ring
        for edge in 0..<4 {
            guard !output.isEmpty else { return [] }
            let input = output
            output = []
            output.reserveCapacity(input.count + 4)
            var previous = input[input.count - 1]
            for current in input {
                let currentInside = inside(current, edge, box)
                let previousInside = inside(previous, edge, box)
                if currentInside {
                    if !previousInside { output.append(intersection(previous, current, edge, box)) }
                    output.append(current)
                } else if previousInside {
                    output.append(intersection(previous, current, edge, box))
                }
                previous = current
            }
        }
        return output.count >= 3 ? Polygon.openRing(output) : []
    }

    private static func inside(_ p: Point, _ edge: Int, _ b: BoundingBox) -> Bool {
        switch edge {
        case 0: p.x >= b.minX
        case 1: p.x <= b.maxX
        case 2: p.y >= b.minY
        default: p.y <= b.maxY
        }
    }

    private static func intersection(_ p: Point, _ q: Point, _ edge: Int, _ box: BoundingBox) -> Point {
        // The same segment is cut from both sides of a tile edge: order its ends the same way each
        // time so that both neighbours get bit-identical points and no hairline opens between them.
        let (a, b) = (p.x, p.y) < (q.x, q.y) ? (p, q) : (q, p)
        switch edge {
        case 0, 1:
            let x = edge == 0 ? box.minX : box.maxX
            let t = (x - a.x) / (b.x - a.x)
            return Point(x: x, y: a.y + (b.y - a.y) * t)
        default:
            let y = edge == 2 ? box.minY : box.maxY
            let t = (y - a.y) / (b.y - a.y)
            return Point(x: a.x + (b.x - a.x) * t, y: y)
        }
    }

    /// A piece of a tiled polygon: a whole rectangle (drawn with a fast rectangle fill) or a
    /// polygon to triangulate.
    public enum Piece: Sendable, Equatable {
        case rectangle(BoundingBox)
        case polygon(Polygon)
    }

    /// Cuts a polygon (with holes) quadtree-fashion: a cell the polygon covers entirely becomes one
    /// rectangle, however large; cells on the boundary are halved along their longer side until they
    /// are no larger than `tileSize`. Each ring is clipped O(log) times rather than once per tile.
    public static func tile(_ polygon: Polygon, tileSize: Double) -> [Piece] {
        var out: [Piece] = []
        split(polygon, box: polygon.bounds, tileSize: tileSize, into: &out)
        return out
    }

    private static func split(_ polygon: Polygon, box: BoundingBox, tileSize: Double, into out: inout [Piece]) {
        let boxArea = box.width * box.height
        guard boxArea > 0 else { return }
        if polygon.area >= boxArea * (1 - 1e-9) {
            out.append(.rectangle(box))
            return
        }
        if box.width <= tileSize && box.height <= tileSize {
            out.append(.polygon(polygon))
            return
        }
        var a = box, b = box
        if box.width >= box.height {
            let mid = box.minX + box.width / 2
            a.maxX = mid; b.minX = mid
        } else {
            let mid = box.minY + box.height / 2
            a.maxY = mid; b.minY = mid
        }
        for half in [a, b] {
            let outer = clip(polygon.outer, to: half)
            guard outer.count >= 3 else { continue }
            let holes = polygon.holes.map { clip($0, to: half) }.filter { $0.count >= 3 }
            split(Polygon(rings: [outer] + holes), box: half, tileSize: tileSize, into: &out)
        }
    }
}
