/// A polygon: one outer ring and any number of holes. Rings are open (the last point is not the first).
public struct Polygon: Hashable, Sendable {
    public var rings: [[Point]]

    public init(rings: [[Point]]) {
        self.rings = rings
    }

    public var outer: [Point] { rings.first ?? [] }
    public var holes: ArraySlice<[Point]> { rings.dropFirst() }
    public var vertexCount: Int { rings.reduce(0) { $0 + $1.count } }
    public var bounds: BoundingBox { BoundingBox(points: outer) }

    /// Area enclosed by the outer ring minus its holes (always positive).
    public var area: Double {
        guard let first = rings.first else { return 0 }
        return abs(Self.signedArea(first)) - holes.reduce(0) { $0 + abs(Self.signedArea($1)) }
    }

    /// Shoelace area; the sign tells the winding.
    public static func signedArea(_ ring: [Point]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        var j = ring.count - 1
        for i in 0..<ring.count {
            sum += (ring[j].x - ring[i].x) * (ring[i].y + ring[j].y)
            j = i
        }
        return sum / 2
    }

    /// Even-odd point-in-polygon test over all rings.
    public func contains(_ p: Point) -> Bool {
        var inside = false
        for ring in rings where ring.count >= 3 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
                    inside.toggle()
                }
                j = i
            }
        }
        return inside
    }

    /// Drops the closing point that GeoJSON repeats, and consecutive duplicates.
    public static func openRing(_ ring: [Point]) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(ring.count)
        for p in ring where out.last != p { out.append(p) }
        if out.count > 1, out.first == out.last { out.removeLast() }
        return out
    }
}

import Foundation
