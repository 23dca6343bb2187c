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

    private static func intersection(_ a: Point, _ b: Point, _ edge: Int, _ box: BoundingBox) -> Point {
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

    /// Cuts a polygon (with holes) into pieces no larger than `tileSize` on a side, halving the box
    /// along its longer side each time, so each ring is clipped O(log) times rather than once a tile.
    public static func tile(_ polygon: Polygon, tileSize: Double) -> [Polygon] {
        var out: [Polygon] = []
        split(polygon, box: polygon.bounds, tileSize: tileSize, into: &out)
        return out
    }

    private static func split(_ polygon: Polygon, box: BoundingBox, tileSize: Double, into out: inout [Polygon]) {
        let bounds = polygon.bounds
        if bounds.width <= tileSize && bounds.height <= tileSize {
            out.append(polygon)
            return
        }
        var a = bounds, b = bounds
        if bounds.width >= bounds.height {
            let mid = bounds.minX + bounds.width / 2
            a.maxX = mid; b.minX = mid
        } else {
            let mid = bounds.minY + bounds.height / 2
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
