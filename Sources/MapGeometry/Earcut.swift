/// Polygon triangulation by ear clipping with z-order hashing, after Mapbox's earcut.
///
/// Handles holes, multipolygon parts (triangulate each part), duplicate points, collinear edges and
/// rings that touch or slightly self-intersect, as real boundary data has them. The result is not a
/// constrained Delaunay triangulation, but it covers the polygon exactly and fast.
///
/// ```swift
/// let square: [Double] = [0,0, 10,0, 10,10, 0,10]
/// let triangles = Earcut.triangulate(square)   // [Int32] of vertex indices, three per triangle
/// ```
public enum Earcut {
    /// Triangulates a flat `[x0, y0, x1, y1, …]` array. `holeIndices` are the vertex indices where
    /// each hole ring starts; the outer ring comes first. Returns vertex indices, three per triangle.
    public static func triangulate(_ coords: [Double], holeIndices: [Int] = []) -> [Int32] {
        var state = EarcutState(coords: coords)
        return state.run(holeIndices: holeIndices)
    }

    /// Triangulates a ``Polygon``: returns its flattened coordinates and the triangle indices into them.
    public static func triangulate(_ polygon: Polygon) -> (coords: [Double], indices: [Int32]) {
        var coords: [Double] = []
        coords.reserveCapacity(polygon.vertexCount * 2)
        var holes: [Int] = []
        for (n, ring) in polygon.rings.enumerated() {
            if n > 0 { holes.append(coords.count / 2) }
            for p in ring {
                coords.append(p.x)
                coords.append(p.y)
            }
        }
        return (coords, triangulate(coords, holeIndices: holes))
    }

    /// Relative difference between the polygon's area and the triangles' total area: 0 when exact.
    public static func deviation(_ coords: [Double], holeIndices: [Int], triangles: [Int32]) -> Double {
        let outerEnd = holeIndices.first.map { $0 * 2 } ?? coords.count
        var polygonArea = abs(signedArea(coords, 0, outerEnd))
        for (k, start) in holeIndices.enumerated() {
            let end = k < holeIndices.count - 1 ? holeIndices[k + 1] * 2 : coords.count
            polygonArea -= abs(signedArea(coords, start * 2, end))
        }
        var trianglesArea = 0.0
        var i = 0
        while i + 2 < triangles.count {
            let a = Int(triangles[i]) * 2, b = Int(triangles[i + 1]) * 2, c = Int(triangles[i + 2]) * 2
            trianglesArea += abs((coords[a] - coords[c]) * (coords[b + 1] - coords[a + 1])
                - (coords[a] - coords[b]) * (coords[c + 1] - coords[a + 1]))
            i += 3
        }
        trianglesArea /= 2
        if polygonArea == 0 && trianglesArea == 0 { return 0 }
        return abs((trianglesArea - polygonArea) / polygonArea)
    }

    static func signedArea(_ data: [Double], _ start: Int, _ end: Int) -> Double {
        var sum = 0.0
        var j = end - 2
        var i = start
        while i < end {
            sum += (data[j] - data[i]) * (data[i + 1] + data[j + 1])
            j = i
            i += 2
        }
        return sum / 2
    }
}

/// The doubly linked rings of one triangulation, held in flat arrays (no per-node objects, no ARC).
struct EarcutState {
    private let coords: [Double]
    private var vertex: [Int32] = []   // index of the source vertex
    private var x: [Double] = []
    private var y: [Double] = []
    private var prev: [Int32] = []
    private var next: [Int32] = []
    private var z: [Int32] = []
    private var prevZ: [Int32] = []
    private var nextZ: [Int32] = []
    private var steiner: [Bool] = []
    private var triangles: [Int32] = []
    private var minX = 0.0, minY = 0.0, invSize = 0.0

    private static let none: Int32 = -1

    init(coords: [Double]) {
        self.coords = coords
        let n = coords.count / 2 + 16
        vertex.reserveCapacity(n); x.reserveCapacity(n); y.reserveCapacity(n)
        prev.reserveCapacity(n); next.reserveCapacity(n); z.reserveCapacity(n)
        prevZ.reserveCapacity(n); nextZ.reserveCapacity(n); steiner.reserveCapacity(n)
    }

    mutating func run(holeIndices: [Int]) -> [Int32] {
        let hasHoles = !holeIndices.isEmpty
        let outerLen = hasHoles ? holeIndices[0] * 2 : coords.count
        guard outerLen >= 6, var outer = linkedList(0, outerLen, clockwise: true),
              next[Int(outer)] != prev[Int(outer)] else { return [] }
        triangles.reserveCapacity((coords.count / 2 + holeIndices.count * 2) * 3)
        if hasHoles { outer = eliminateHoles(holeIndices, outer) }
        // Large polygons get the z-order hash to find points inside a candidate ear quickly.
        if coords.count > 80 * 2 {
            var mx = coords[0], my = coords[1], xx = coords[0], xy = coords[1]
            var i = 2
            while i < outerLen {
                mx = Swift.min(mx, coords[i]); my = Swift.min(my, coords[i + 1])
                xx = Swift.max(xx, coords[i]); xy = Swift.max(xy, coords[i + 1])
                i += 2
            }
            minX = mx; minY = my
            let size = Swift.max(xx - mx, xy - my)
            invSize = size != 0 ? 32767 / size : 0
        }
        earcutLinked(outer, pass: 0)
        return triangles
    }

    // MARK: rings

    /// Builds a ring with the requested winding from coordinates [start, end).
    private mutating func linkedList(_ start: Int, _ end: Int, clockwise: Bool) -> Int32? {
        var last: Int32 = Self.none
        if clockwise == (Earcut.signedArea(coords, start, end) > 0) {
            var i = start
            while i < end { last = insertNode(Int32(i / 2), coords[i], coords[i + 1], last); i += 2 }
        } else {
            var i = end - 2
            while i >= start { last = insertNode(Int32(i / 2), coords[i], coords[i + 1], last); i -= 2 }
        }
        if last != Self.none, equals(last, next[Int(last)]) {
            removeNode(last)
            last = next[Int(last)]
        }
        return last == Self.none ? nil : last
    }

    private mutating func createNode(_ v: Int32, _ px: Double, _ py: Double) -> Int32 {
        let n = Int32(x.count)
        vertex.append(v); x.append(px); y.append(py)
        prev.append(Self.none); next.append(Self.none)
        z.append(-1); prevZ.append(Self.none); nextZ.append(Self.none); steiner.append(false)
        return n
    }

    private mutating func insertNode(_ v: Int32, _ px: Double, _ py: Double, _ last: Int32) -> Int32 {
        let p = createNode(v, px, py)
        if last == Self.none {
            prev[Int(p)] = p
            next[Int(p)] = p
        } else {
            let ln = next[Int(last)]
            next[Int(p)] = ln
            prev[Int(p)] = last
            prev[Int(ln)] = p
            next[Int(last)] = p
        }
        return p
    }

    private mutating func removeNode(_ p: Int32) {
        let i = Int(p)
        next[Int(prev[i])] = next[i]
        prev[Int(next[i])] = prev[i]
        if prevZ[i] != Self.none { nextZ[Int(prevZ[i])] = nextZ[i] }
        if nextZ[i] != Self.none { prevZ[Int(nextZ[i])] = prevZ[i] }
    }

    /// Removes duplicate and collinear points between `start` and `end`.
    private mutating func filterPoints(_ start: Int32, _ end: Int32? = nil) -> Int32 {
        var end = end ?? start
        var p = start
        var again: Bool
        repeat {
            again = false
            let pn = next[Int(p)]
            if !steiner[Int(p)] && (equals(p, pn) || area(prev[Int(p)], p, pn) == 0) {
                removeNode(p)
                p = prev[Int(p)]
                end = p
                if p == next[Int(p)] { break }
                again = true
            } else {
                p = pn
            }
        } while again || p != end
        return end
    }

    // MARK: ear clipping

    private mutating func earcutLinked(_ start: Int32, pass: Int) {
        var ear = start
        if pass == 0 && invSize != 0 { indexCurve(ear) }
        var stop = ear
        while prev[Int(ear)] != next[Int(ear)] {
            let p = prev[Int(ear)], n = next[Int(ear)]
            if invSize != 0 ? isEarHashed(ear) : isEar(ear) {
                triangles.append(vertex[Int(p)])
                triangles.append(vertex[Int(ear)])
                triangles.append(vertex[Int(n)])
                removeNode(ear)
                // Skipping the next vertex leads to fewer sliver triangles.
                ear = next[Int(n)]
                stop = ear
                continue
            }
            ear = n
            if ear == stop {
                // No ear found: filter, then cure self-intersections, then split the polygon.
                switch pass {
                case 0: earcutLinked(filterPoints(ear), pass: 1)
                case 1: earcutLinked(cureLocalIntersections(filterPoints(ear)), pass: 2)
                default: splitEarcut(ear)
                }
                break
            }
        }
    }

    /// Whether a, ear, b form a valid ear: convex, with no other vertex inside (brute force).
    private func isEar(_ ear: Int32) -> Bool {
        let a = prev[Int(ear)], b = ear, c = next[Int(ear)]
        if area(a, b, c) >= 0 { return false }
        let ax = x[Int(a)], bx = x[Int(b)], cx = x[Int(c)]
        let ay = y[Int(a)], by = y[Int(b)], cy = y[Int(c)]
        let x0 = Swift.min(ax, bx, cx), y0 = Swift.min(ay, by, cy)
        let x1 = Swift.max(ax, bx, cx), y1 = Swift.max(ay, by, cy)
        var p = next[Int(c)]
        while p != a {
            let px = x[Int(p)], py = y[Int(p)]
            if px >= x0 && px <= x1 && py >= y0 && py <= y1
                && pointInTriangle(ax, ay, bx, by, cx, cy, px, py)
                && area(prev[Int(p)], p, next[Int(p)]) >= 0 { return false }
            p = next[Int(p)]
        }
        return true
    }

    /// The same test, visiting only points whose z-order falls within the ear's bounding box.
    private func isEarHashed(_ ear: Int32) -> Bool {
        let a = prev[Int(ear)], b = ear, c = next[Int(ear)]
        if area(a, b, c) >= 0 { return false }
        let ax = x[Int(a)], bx = x[Int(b)], cx = x[Int(c)]
        let ay = y[Int(a)], by = y[Int(b)], cy = y[Int(c)]
        let x0 = Swift.min(ax, bx, cx), y0 = Swift.min(ay, by, cy)
        let x1 = Swift.max(ax, bx, cx), y1 = Swift.max(ay, by, cy)
        let minZ = zOrder(x0, y0), maxZ = zOrder(x1, y1)

        func blocks(_ p: Int32) -> Bool {
            let px = x[Int(p)], py = y[Int(p)]
            return px >= x0 && px <= x1 && py >= y0 && py <= y1 && p != a && p != c
                && pointInTriangle(ax, ay, bx, by, cx, cy, px, py)
                && area(prev[Int(p)], p, next[Int(p)]) >= 0
        }

        var p = prevZ[Int(ear)], n = nextZ[Int(ear)]
        while p != Self.none && z[Int(p)] >= minZ && n != Self.none && z[Int(n)] <= maxZ {
            if blocks(p) { return false }
            p = prevZ[Int(p)]
            if blocks(n) { return false }
            n = nextZ[Int(n)]
        }
        while p != Self.none && z[Int(p)] >= minZ {
            if blocks(p) { return false }
            p = prevZ[Int(p)]
        }
        while n != Self.none && z[Int(n)] <= maxZ {
            if blocks(n) { return false }
            n = nextZ[Int(n)]
        }
        return true
    }

    /// Clips the triangle at each small self-intersection (two crossing edges next to each other).
    private mutating func cureLocalIntersections(_ begin: Int32) -> Int32 {
        var start = begin
        var p = start
        repeat {
            let a = prev[Int(p)], pn = next[Int(p)], b = next[Int(pn)]
            if !equals(a, b) && intersects(a, p, pn, b) && locallyInside(a, b) && locallyInside(b, a) {
                triangles.append(vertex[Int(a)])
                triangles.append(vertex[Int(p)])
                triangles.append(vertex[Int(b)])
                removeNode(p)
                removeNode(pn)
                p = b
                start = b
            }
            p = next[Int(p)]
        } while p != start
        return filterPoints(p)
    }

    /// Splits the polygon along a valid diagonal and triangulates both halves.
    private mutating func splitEarcut(_ start: Int32) {
        var a = start
        repeat {
            var b = next[Int(next[Int(a)])]
            while b != prev[Int(a)] {
                if vertex[Int(a)] != vertex[Int(b)] && isValidDiagonal(a, b) {
                    var c = splitPolygon(a, b)
                    a = filterPoints(a, next[Int(a)])
                    c = filterPoints(c, next[Int(c)])
                    earcutLinked(a, pass: 0)
                    earcutLinked(c, pass: 0)
                    return
                }
                b = next[Int(b)]
            }
            a = next[Int(a)]
        } while a != start
    }

    // MARK: holes

    /// Links every hole into the outer ring through a bridge, leftmost holes first.
    private mutating func eliminateHoles(_ holeIndices: [Int], _ outerNode: Int32) -> Int32 {
        var queue: [Int32] = []
        for (k, h) in holeIndices.enumerated() {
            let start = h * 2
            let end = k < holeIndices.count - 1 ? holeIndices[k + 1] * 2 : coords.count
            guard end - start >= 2, let list = linkedList(start, end, clockwise: false) else { continue }
            if list == next[Int(list)] { steiner[Int(list)] = true }
            queue.append(leftmost(list))
        }
        queue.sort { (x[Int($0)], y[Int($0)]) < (x[Int($1)], y[Int($1)]) }
        var outer = outerNode
        for hole in queue { outer = eliminateHole(hole, outer) }
        return outer
    }

    private mutating func eliminateHole(_ hole: Int32, _ outerNode: Int32) -> Int32 {
        guard let bridge = findHoleBridge(hole, outerNode) else { return outerNode }
        let bridgeReverse = splitPolygon(bridge, hole)
        _ = filterPoints(bridgeReverse, next[Int(bridgeReverse)])
        return filterPoints(bridge, next[Int(bridge)])
    }

    /// David Eberly's algorithm: the outer vertex that the hole's leftmost point can see.
    private func findHoleBridge(_ hole: Int32, _ outerNode: Int32) -> Int32? {
        var p = outerNode
        let hx = x[Int(hole)], hy = y[Int(hole)]
        var qx = -Double.infinity
        var m: Int32 = Self.none
        repeat {
            let pn = next[Int(p)]
            if hy <= y[Int(p)] && hy >= y[Int(pn)] && y[Int(pn)] != y[Int(p)] {
                let ix = x[Int(p)] + (hy - y[Int(p)]) * (x[Int(pn)] - x[Int(p)]) / (y[Int(pn)] - y[Int(p)])
                if ix <= hx && ix > qx {
                    qx = ix
                    m = x[Int(p)] < x[Int(pn)] ? p : pn
                    if ix == hx { return m }
                }
            }
            p = pn
        } while p != outerNode
        if m == Self.none { return nil }

        let stop = m
        let mx = x[Int(m)], my = y[Int(m)]
        var tanMin = Double.infinity
        p = m
        repeat {
            let px = x[Int(p)], py = y[Int(p)]
            if hx >= px && px >= mx && hx != px
                && pointInTriangle(hy < my ? hx : qx, hy, mx, my, hy < my ? qx : hx, hy, px, py) {
                let tan = abs(hy - py) / (hx - px)
                if locallyInside(p, hole)
                    && (tan < tanMin || (tan == tanMin
                        && (px > x[Int(m)] || (px == x[Int(m)] && sectorContainsSector(m, p))))) {
                    m = p
                    tanMin = tan
                }
            }
            p = next[Int(p)]
        } while p != stop
        return m
    }

    private func sectorContainsSector(_ m: Int32, _ p: Int32) -> Bool {
        area(prev[Int(m)], m, prev[Int(p)]) < 0 && area(next[Int(p)], m, next[Int(m)]) < 0
    }

    private func leftmost(_ start: Int32) -> Int32 {
        var p = start, best = start
        repeat {
            if x[Int(p)] < x[Int(best)] || (x[Int(p)] == x[Int(best)] && y[Int(p)] < y[Int(best)]) { best = p }
            p = next[Int(p)]
        } while p != start
        return best
    }

    /// Joins a and b with a diagonal; returns the new node that starts the second ring.
    private mutating func splitPolygon(_ a: Int32, _ b: Int32) -> Int32 {
        let a2 = createNode(vertex[Int(a)], x[Int(a)], y[Int(a)])
        let b2 = createNode(vertex[Int(b)], x[Int(b)], y[Int(b)])
        let an = next[Int(a)], bp = prev[Int(b)]
        next[Int(a)] = b; prev[Int(b)] = a
        next[Int(a2)] = an; prev[Int(an)] = a2
        next[Int(b2)] = a2; prev[Int(a2)] = b2
        next[Int(bp)] = b2; prev[Int(b2)] = bp
        return b2
    }

    // MARK: z-order

    private mutating func indexCurve(_ start: Int32) {
        var p = start
        repeat {
            if z[Int(p)] < 0 { z[Int(p)] = zOrder(x[Int(p)], y[Int(p)]) }
            prevZ[Int(p)] = prev[Int(p)]
            nextZ[Int(p)] = next[Int(p)]
            p = next[Int(p)]
        } while p != start
        nextZ[Int(prevZ[Int(p)])] = Self.none
        prevZ[Int(p)] = Self.none
        sortLinked(p)
    }

    /// Simon Tatham's linked-list merge sort, by z value.
    private mutating func sortLinked(_ head: Int32) {
        var list = head
        var inSize = 1
        var numMerges: Int
        repeat {
            var p = list
            list = Self.none
            var tail: Int32 = Self.none
            numMerges = 0
            while p != Self.none {
                numMerges += 1
                var q = p
                var pSize = 0
                for _ in 0..<inSize {
                    pSize += 1
                    q = nextZ[Int(q)]
                    if q == Self.none { break }
                }
                var qSize = inSize
                while pSize > 0 || (qSize > 0 && q != Self.none) {
                    let e: Int32
                    if pSize != 0 && (qSize == 0 || q == Self.none || z[Int(p)] <= z[Int(q)]) {
                        e = p; p = nextZ[Int(p)]; pSize -= 1
                    } else {
                        e = q; q = nextZ[Int(q)]; qSize -= 1
                    }
                    if tail != Self.none { nextZ[Int(tail)] = e } else { list = e }
                    prevZ[Int(e)] = tail
                    tail = e
                }
                p = q
            }
            nextZ[Int(tail)] = Self.none
            inSize *= 2
        } while numMerges > 1
    }

    /// Interleaves the bits of x and y (coordinates scaled to 0…32767) into a Morton code.
    private func zOrder(_ px: Double, _ py: Double) -> Int32 {
        var ix = Int32(truncatingIfNeeded: Int((px - minX) * invSize))
        var iy = Int32(truncatingIfNeeded: Int((py - minY) * invSize))
        ix = (ix | (ix << 8)) & 0x00FF_00FF
        ix = (ix | (ix << 4)) & 0x0F0F_0F0F
        ix = (ix | (ix << 2)) & 0x3333_3333
        ix = (ix | (ix << 1)) & 0x5555_5555
        iy = (iy | (iy << 8)) & 0x00FF_00FF
        iy = (iy | (iy << 4)) & 0x0F0F_0F0F
        iy = (iy | (iy << 2)) & 0x3333_3333
        iy = (iy | (iy << 1)) & 0x5555_5555
        return ix | (iy << 1)
    }

    // MARK: predicates

    private func pointInTriangle(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                                 _ cx: Double, _ cy: Double, _ px: Double, _ py: Double) -> Bool {
        (cx - px) * (ay - py) >= (ax - px) * (cy - py)
            && (ax - px) * (by - py) >= (bx - px) * (ay - py)
            && (bx - px) * (cy - py) >= (cx - px) * (by - py)
    }

    /// Whether a diagonal between a and b stays inside the polygon without crossing an edge.
    private func isValidDiagonal(_ a: Int32, _ b: Int32) -> Bool {
        let an = next[Int(a)], ap = prev[Int(a)], bn = next[Int(b)], bp = prev[Int(b)]
        guard vertex[Int(an)] != vertex[Int(b)], vertex[Int(ap)] != vertex[Int(b)], !intersectsPolygon(a, b)
        else { return false }
        let visible = locallyInside(a, b) && locallyInside(b, a) && middleInside(a, b)
            && (area(ap, a, bp) != 0 || area(a, bp, b) != 0)
        let zeroLength = equals(a, b) && area(ap, a, an) > 0 && area(bp, b, bn) > 0
        return visible || zeroLength
    }

    /// Twice the signed area of a triangle; negative when p, q, r turn clockwise here.
    private func area(_ p: Int32, _ q: Int32, _ r: Int32) -> Double {
        (y[Int(q)] - y[Int(p)]) * (x[Int(r)] - x[Int(q)]) - (x[Int(q)] - x[Int(p)]) * (y[Int(r)] - y[Int(q)])
    }

    private func equals(_ a: Int32, _ b: Int32) -> Bool {
        x[Int(a)] == x[Int(b)] && y[Int(a)] == y[Int(b)]
    }

    private func intersects(_ p1: Int32, _ q1: Int32, _ p2: Int32, _ q2: Int32) -> Bool {
        let o1 = sign(area(p1, q1, p2)), o2 = sign(area(p1, q1, q2))
        let o3 = sign(area(p2, q2, p1)), o4 = sign(area(p2, q2, q1))
        if o1 != o2 && o3 != o4 { return true }
        if o1 == 0 && onSegment(p1, p2, q1) { return true }
        if o2 == 0 && onSegment(p1, q2, q1) { return true }
        if o3 == 0 && onSegment(p2, p1, q2) { return true }
        if o4 == 0 && onSegment(p2, q1, q2) { return true }
        return false
    }

    /// For collinear p, q, r: whether q lies on segment pr.
    private func onSegment(_ p: Int32, _ q: Int32, _ r: Int32) -> Bool {
        x[Int(q)] <= Swift.max(x[Int(p)], x[Int(r)]) && x[Int(q)] >= Swift.min(x[Int(p)], x[Int(r)])
            && y[Int(q)] <= Swift.max(y[Int(p)], y[Int(r)]) && y[Int(q)] >= Swift.min(y[Int(p)], y[Int(r)])
    }

    private func sign(_ v: Double) -> Int { v > 0 ? 1 : (v < 0 ? -1 : 0) }

    private func intersectsPolygon(_ a: Int32, _ b: Int32) -> Bool {
        var p = a
        let va = vertex[Int(a)], vb = vertex[Int(b)]
        repeat {
            let pn = next[Int(p)]
            if vertex[Int(p)] != va && vertex[Int(pn)] != va && vertex[Int(p)] != vb && vertex[Int(pn)] != vb
                && intersects(p, pn, a, b) { return true }
            p = pn
        } while p != a
        return false
    }

    /// Whether the diagonal from a towards b starts inside the polygon at a.
    private func locallyInside(_ a: Int32, _ b: Int32) -> Bool {
        let ap = prev[Int(a)], an = next[Int(a)]
        return area(ap, a, an) < 0
            ? area(a, b, an) >= 0 && area(a, ap, b) >= 0
            : area(a, b, ap) < 0 || area(a, an, b) < 0
    }

    /// Whether the diagonal's midpoint is inside the polygon (ray casting).
    private func middleInside(_ a: Int32, _ b: Int32) -> Bool {
        var p = a
        var inside = false
        let px = (x[Int(a)] + x[Int(b)]) / 2, py = (y[Int(a)] + y[Int(b)]) / 2
        repeat {
            let pn = next[Int(p)]
            if (y[Int(p)] > py) != (y[Int(pn)] > py) && y[Int(pn)] != y[Int(p)]
                && px < (x[Int(pn)] - x[Int(p)]) * (py - y[Int(p)]) / (y[Int(pn)] - y[Int(p)]) + x[Int(p)] {
                inside.toggle()
            }
            p = pn
        } while p != a
        return inside
    }
}
