/// Douglas–Peucker simplification: keeps the points that move the line by more than a tolerance.
///
/// Used at preparation time, once per level of detail, with a tolerance of a fraction of a screen
/// pixel at that level: each zoom keeps only the detail a person can see.
public enum LineSimplifier {
    /// Simplifies an open polyline; the first and last points are always kept.
    public static func simplify(_ points: [Point], tolerance: Double) -> [Point] {
        guard points.count > 2, tolerance > 0 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        let sqTolerance = tolerance * tolerance
        var stack: [(Int, Int)] = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var maxDistance = 0.0
            var index = first
            for i in (first + 1)..<last {
                let d = squaredSegmentDistance(points[i], points[first], points[last])
                if d > maxDistance {
                    maxDistance = d
                    index = i
                }
            }
            if maxDistance > sqTolerance {
                keep[index] = true
                stack.append((first, index))
                stack.append((index, last))
            }
        }
        var out: [Point] = []
        out.reserveCapacity(points.count / 2)
        for i in points.indices where keep[i] { out.append(points[i]) }
        return out
    }

    /// Simplifies a closed ring (given open). Returns an empty array when the ring collapses below a
    /// triangle, so that a tiny island can be dropped rather than drawn as a sliver.
    public static func simplifyRing(_ ring: [Point], tolerance: Double) -> [Point] {
        guard ring.count > 3, tolerance > 0 else { return ring }
        // Split at the point farthest from the first so that both halves are real polylines.
        var far = 0
        var best = -1.0
        for (i, p) in ring.enumerated() {
            let d = (p - ring[0]).length
            if d > best { best = d; far = i }
        }
        let firstHalf = simplify(Array(ring[0...far]), tolerance: tolerance)
        let secondHalf = simplify(Array(ring[far...]) + [ring[0]], tolerance: tolerance)
        let out = firstHalf + secondHalf.dropFirst().dropLast()
        return out.count >= 3 ? out : []
    }

    private static func squaredSegmentDistance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        var x = a.x, y = a.y
        var dx = b.x - x, dy = b.y - y
        if dx != 0 || dy != 0 {
            let t = ((p.x - x) * dx + (p.y - y) * dy) / (dx * dx + dy * dy)
            if t > 1 {
                x = b.x; y = b.y
            } else if t > 0 {
                x += dx * t; y += dy * t
            }
        }
        dx = p.x - x
        dy = p.y - y
        return dx * dx + dy * dy
    }
}
