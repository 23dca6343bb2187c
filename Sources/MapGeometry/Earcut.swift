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

/// One vertex of a ring; rings are doubly linked by index, and z-order links by index too.
struct EarcutNode {
    var vertex: Int32      // index of the source vertex
    var x: Double
    var y: Double
    var prev: Int32 = -1
    var next: Int32 = -1
    var z: Int32 = -1
    var prevZ: Int32 = -1
    var nextZ: Int32 = -1
    var steiner = false
}

/// The doubly linked rings of one triangulation, held in one manually managed buffer of nodes:
/// no per-node objects, no reference counting, no copy-on-write checks in the hot loops.
struct EarcutState {
    private let coords: [Double]
    private var nodes: UnsafeMutablePointer<EarcutNode>
    private var count = 0
    private var capacity: Int
    private var triangles: [Int32] = []
    private var minX = 0.0, minY = 0.0, invSize = 0.0

    private static let none: Int32 = -1

    init(coords: [Double]) {
        self.coords = coords
        // Holes and splits add two nodes each; the buffer grows if ever that is not enough.
        capacity = coords.count + 64
        nodes = .allocate(capacity: capacity)
    }

    mutating func run(holeIndices: [Int]) -> [Int32] {
        defer { nodes.deallocate() }
        return triangulate(holeIndices: holeIndices)
    }

    private mutating func triangulate(holeIndices: [Int]) -> [Int32] {
        let hasHoles = !holeIndices.isEmpty
        let outerLen = hasHoles ? holeIndices[0] * 2 : coords.count
        guard outerLen >= 6, var outer = linkedList(0, outerLen, clockwise: true),
              nodes[Int(outer)].next != nodes[Int(outer)].prev else { return [] }
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
        if last != Self.none, equals(last, nodes[Int(last)].next) {
            removeNode(last)
            last = nodes[Int(last)].next
        }
        return last == Self.none ? nil : last
    }

    private mutating func createNode(_ v: Int32, _ px: Double, _ py: Double) -> Int32 {
        if count == capacity {
            let bigger = UnsafeMutablePointer<EarcutNode>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: nodes, count: count)
            nodes.deallocate()
            nodes = bigger
            capacity *= 2
        }
        (nodes + count).initialize(to: EarcutNode(vertex: v, x: px, y: py))
        count += 1
        return Int32(count - 1)
    }

    private mutating func insertNode(_ v: Int32, _ px: Double, _ py: Double, _ last: Int32) -> Int32 {
        let p = createNode(v, px, py)
        if last == Self.none {
            nodes[Int(p)].prev = p
            nodes[Int(p)].next = p
        } else {
            let ln = nodes[Int(last)].next
            nodes[Int(p)].next = ln
            nodes[Int(p)].prev = last
            nodes[Int(ln)].prev = p
            nodes[Int(last)].next = p
        }
        return p
    }

    private mutating func removeNode(_ p: Int32) {
        let n = nodes[Int(p)]
        nodes[Int(n.prev)].next = n.next
        nodes[Int(n.next)].prev = n.prev
        if n.prevZ != Self.none { nodes[Int(n.prevZ)].nextZ = n.nextZ }
        if n.nextZ != Self.none { nodes[Int(n.nextZ)].prevZ = n.prevZ }
    }

    /// Removes duplicate and collinear points between `start` and `end`.
    private mutating func filterPoints(_ start: Int32, _ end: Int32? = nil) -> Int32 {
        var end = end ?? start
        var p = start
        var again: Bool
        repeat {
            again = false
            let pn = nodes[Int(p)].next
            if !nodes[Int(p)].steiner && (equals(p, pn) || area(nodes[Int(p)].prev, p, pn) == 0) {
                removeNode(p)
                p = nodes[Int(p)].prev
                end = p
                if p == nodes[Int(p)].next { break }
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
        while nodes[Int(ear)].prev != nodes[Int(ear)].next {
            let p = nodes[Int(ear)].prev, n = nodes[Int(ear)].next
            if invSize != 0 ? isEarHashed(ear) : isEar(ear) {
                triangles.append(nodes[Int(p)].vertex)
                triangles.append(nodes[Int(ear)].vertex)
                triangles.append(nodes[Int(n)].vertex)
                removeNode(ear)
                // Skipping the next vertex leads to fewer sliver triangles.
                ear = nodes[Int(n)].next
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
        let a = nodes[Int(ear)].prev, b = ear, c = nodes[Int(ear)].next
        if area(a, b, c) >= 0 { return false }
        let ax = nodes[Int(a)].x, bx = nodes[Int(b)].x, cx = nodes[Int(c)].x
        let ay = nodes[Int(a)].y, by = nodes[Int(b)].y, cy = nodes[Int(c)].y
        let x0 = Swift.min(ax, bx, cx), y0 = Swift.min(ay, by, cy)
        let x1 = Swift.max(ax, bx, cx), y1 = Swift.max(ay, by, cy)
        var p = nodes[Int(c)].next
        while p != a {
            let px = nodes[Int(p)].x, py = nodes[Int(p)].y
            if px >= x0 && px <= x1 && py >= y0 && py <= y1
                && pointInTriangle(ax, ay, bx, by, cx, cy, px, py)
                && area(nodes[Int(p)].prev, p, nodes[Int(p)].next) >= 0 { return false }
            p = nodes[Int(p)].next
        }
        return true
    }

    /// The same test, visiting only points whose z-order falls within the ear's bounding box.
    private func isEarHashed(_ ear: Int32) -> Bool {
        let a = nodes[Int(ear)].prev, b = ear, c = nodes[Int(ear)].next
        if area(a, b, c) >= 0 { return false }
        let ax = nodes[Int(a)].x, bx = nodes[Int(b)].x, cx = nodes[Int(c)].x
        let ay = nodes[Int(a)].y, by = nodes[Int(b)].y, cy = nodes[Int(c)].y
        let x0 = Swift.min(ax, bx, cx), y0 = Swift.min(ay, by, cy)
        let x1 = Swift.max(ax, bx, cx), y1 = Swift.max(ay, by, cy)
        let minZ = zOrder(x0, y0), maxZ = zOrder(x1, y1)

        func blocks(_ p: Int32) -> Bool {
            let px = nodes[Int(p)].x, py = nodes[Int(p)].y
            return px >= x0 && px <= x1 && py >= y0 && py <= y1 && p != a && p != c
                && pointInTriangle(ax, ay, bx, by, cx, cy, px, py)
                && area(nodes[Int(p)].prev, p, nodes[Int(p)].next) >= 0
        }

        var p = nodes[Int(ear)].prevZ, n = nodes[Int(ear)].nextZ
        while p != Self.none && nodes[Int(p)].z >= minZ && n != Self.none && nodes[Int(n)].z <= maxZ {
            if blocks(p) { return false }
            p = nodes[Int(p)].prevZ
            if blocks(n) { return false }
            n = nodes[Int(n)].nextZ
        }
        while p != Self.none && nodes[Int(p)].z >= minZ {
            if blocks(p) { return false }
            p = nodes[Int(p)].prevZ
        }
        while n != Self.none && nodes[Int(n)].z <= maxZ {
            if blocks(n) { return false }
            n = nodes[Int(n)].nextZ
        }
        return true
    }

    /// Clips the triangle at each small self-intersection (two crossing edges next to each other).
    private mutating func cureLocalIntersections(_ begin: Int32) -> Int32 {
        var start = begin
        var p = start
        repeat {
            let a = nodes[Int(p)].prev, pn = nodes[Int(p)].next, b = nodes[Int(pn)].next
            if !equals(a, b) && intersects(a, p, pn, b) && locallyInside(a, b) && locallyInside(b, a) {
                triangles.append(nodes[Int(a)].vertex)
                triangles.append(nodes[Int(p)].vertex)
                triangles.append(nodes[Int(b)].vertex)
                removeNode(p)
                removeNode(pn)
                p = b
                start = b
            }
            p = nodes[Int(p)].next
        } while p != start
        return filterPoints(p)
    }

    /// Splits the polygon along a valid diagonal and triangulates both halves.
    private mutating func splitEarcut(_ start: Int32) {
        var a = start
        repeat {
            var b = nodes[Int(nodes[Int(a)].next)].next
            while b != nodes[Int(a)].prev {
                if nodes[Int(a)].vertex != nodes[Int(b)].vertex && isValidDiagonal(a, b) {
                    var c = splitPolygon(a, b)
                    a = filterPoints(a, nodes[Int(a)].next)
                    c = filterPoints(c, nodes[Int(c)].next)
                    earcutLinked(a, pass: 0)
                    earcutLinked(c, pass: 0)
                    return
                }
                b = nodes[Int(b)].next
            }
            a = nodes[Int(a)].next
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
            if list == nodes[Int(list)].next { nodes[Int(list)].steiner = true }
            queue.append(leftmost(list))
        }
        queue.sort { (nodes[Int($0)].x, nodes[Int($0)].y) < (nodes[Int($1)].x, nodes[Int($1)].y) }
        var outer = outerNode
        for hole in queue { outer = eliminateHole(hole, outer) }
        return outer
    }

    private mutating func eliminateHole(_ hole: Int32, _ outerNode: Int32) -> Int32 {
        guard let bridge = findHoleBridge(hole, outerNode) else { return outerNode }
        let bridgeReverse = splitPolygon(bridge, hole)
        _ = filterPoints(bridgeReverse, nodes[Int(bridgeReverse)].next)
        return filterPoints(bridge, nodes[Int(bridge)].next)
    }

    /// David Eberly's algorithm: the outer vertex that the hole's leftmost point can see.
    private func findHoleBridge(_ hole: Int32, _ outerNode: Int32) -> Int32? {
        var p = outerNode
        let hx = nodes[Int(hole)].x, hy = nodes[Int(hole)].y
        var qx = -Double.infinity
        var m: Int32 = Self.none
        repeat {
            let pn = nodes[Int(p)].next
            if hy <= nodes[Int(p)].y && hy >= nodes[Int(pn)].y && nodes[Int(pn)].y != nodes[Int(p)].y {
                let ix = nodes[Int(p)].x + (hy - nodes[Int(p)].y) * (nodes[Int(pn)].x - nodes[Int(p)].x) / (nodes[Int(pn)].y - nodes[Int(p)].y)
                if ix <= hx && ix > qx {
                    qx = ix
                    m = nodes[Int(p)].x < nodes[Int(pn)].x ? p : pn
                    if ix == hx { return m }
                }
            }
            p = pn
        } while p != outerNode
        if m == Self.none { return nil }

        let stop = m
        let mx = nodes[Int(m)].x, my = nodes[Int(m)].y
        var tanMin = Double.infinity
        p = m
        repeat {
            let px = nodes[Int(p)].x, py = nodes[Int(p)].y
            if hx >= px && px >= mx && hx != px
                && pointInTriangle(hy < my ? hx : qx, hy, mx, my, hy < my ? qx : hx, hy, px, py) {
                let tan = abs(hy - py) / (hx - px)
                if locallyInside(p, hole)
                    && (tan < tanMin || (tan == tanMin
                        && (px > nodes[Int(m)].x || (px == nodes[Int(m)].x && sectorContainsSector(m, p))))) {
                    m = p
                    tanMin = tan
                }
            }
            p = nodes[Int(p)].next
        } while p != stop
        return m
    }

    private func sectorContainsSector(_ m: Int32, _ p: Int32) -> Bool {
        area(nodes[Int(m)].prev, m, nodes[Int(p)].prev) < 0 && area(nodes[Int(p)].next, m, nodes[Int(m)].next) < 0
    }

    private func leftmost(_ start: Int32) -> Int32 {
        var p = start, best = start
        repeat {
            if nodes[Int(p)].x < nodes[Int(best)].x || (nodes[Int(p)].x == nodes[Int(best)].x && nodes[Int(p)].y < nodes[Int(best)].y) { best = p }
            p = nodes[Int(p)].next
        } while p != start
        return best
    }

    /// Joins a and b with a diagonal; returns the new node that starts the second ring.
    private mutating func splitPolygon(_ a: Int32, _ b: Int32) -> Int32 {
        let a2 = createNode(nodes[Int(a)].vertex, nodes[Int(a)].x, nodes[Int(a)].y)
        let b2 = createNode(nodes[Int(b)].vertex, nodes[Int(b)].x, nodes[Int(b)].y)
        let an = nodes[Int(a)].next, bp = nodes[Int(b)].prev
        nodes[Int(a)].next = b; nodes[Int(b)].prev = a
        nodes[Int(a2)].next = an; nodes[Int(an)].prev = a2
        nodes[Int(b2)].next = a2; nodes[Int(a2)].prev = b2
        nodes[Int(bp)].next = b2; nodes[Int(b2)].prev = bp
        return b2
    }

    // MARK: z-order

    private mutating func indexCurve(_ start: Int32) {
        var p = start
        repeat {
            if nodes[Int(p)].z < 0 { nodes[Int(p)].z = zOrder(nodes[Int(p)].x, nodes[Int(p)].y) }
            nodes[Int(p)].prevZ = nodes[Int(p)].prev
            nodes[Int(p)].nextZ = nodes[Int(p)].next
            p = nodes[Int(p)].next
        } while p != start
        nodes[Int(nodes[Int(p)].prevZ)].nextZ = Self.none
        nodes[Int(p)].prevZ = Self.none
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
                    q = nodes[Int(q)].nextZ
                    if q == Self.none { break }
                }
                var qSize = inSize
                while pSize > 0 || (qSize > 0 && q != Self.none) {
                    let e: Int32
                    if pSize != 0 && (qSize == 0 || q == Self.none || nodes[Int(p)].z <= nodes[Int(q)].z) {
                        e = p; p = nodes[Int(p)].nextZ; pSize -= 1
                    } else {
                        e = q; q = nodes[Int(q)].nextZ; qSize -= 1
                    }
                    if tail != Self.none { nodes[Int(tail)].nextZ = e } else { list = e }
                    nodes[Int(e)].prevZ = tail
                    tail = e
                }
                p = q
            }
            nodes[Int(tail)].nextZ = Self.none
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
        let an = nodes[Int(a)].next, ap = nodes[Int(a)].prev, bn = nodes[Int(b)].next, bp = nodes[Int(b)].prev
        guard nodes[Int(an)].vertex != nodes[Int(b)].vertex, nodes[Int(ap)].vertex != nodes[Int(b)].vertex, !intersectsPolygon(a, b)
        else { return false }
        let visible = locallyInside(a, b) && locallyInside(b, a) && middleInside(a, b)
            && (area(ap, a, bp) != 0 || area(a, bp, b) != 0)
        let zeroLength = equals(a, b) && area(ap, a, an) > 0 && area(bp, b, bn) > 0
        return visible || zeroLength
    }

    /// Twice the signed area of a triangle; negative when p, q, r turn clockwise here.
    private func area(_ p: Int32, _ q: Int32, _ r: Int32) -> Double {
        (nodes[Int(q)].y - nodes[Int(p)].y) * (nodes[Int(r)].x - nodes[Int(q)].x) - (nodes[Int(q)].x - nodes[Int(p)].x) * (nodes[Int(r)].y - nodes[Int(q)].y)
    }

    private func equals(_ a: Int32, _ b: Int32) -> Bool {
        nodes[Int(a)].x == nodes[Int(b)].x && nodes[Int(a)].y == nodes[Int(b)].y
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
        nodes[Int(q)].x <= Swift.max(nodes[Int(p)].x, nodes[Int(r)].x) && nodes[Int(q)].x >= Swift.min(nodes[Int(p)].x, nodes[Int(r)].x)
            && nodes[Int(q)].y <= Swift.max(nodes[Int(p)].y, nodes[Int(r)].y) && nodes[Int(q)].y >= Swift.min(nodes[Int(p)].y, nodes[Int(r)].y)
    }

    private func sign(_ v: Double) -> Int { v > 0 ? 1 : (v < 0 ? -1 : 0) }

    private func intersectsPolygon(_ a: Int32, _ b: Int32) -> Bool {
        var p = a
        let va = nodes[Int(a)].vertex, vb = nodes[Int(b)].vertex
        repeat {
            let pn = nodes[Int(p)].next
            if nodes[Int(p)].vertex != va && nodes[Int(pn)].vertex != va && nodes[Int(p)].vertex != vb && nodes[Int(pn)].vertex != vb
                && intersects(p, pn, a, b) { return true }
            p = pn
        } while p != a
        return false
    }

    /// Whether the diagonal from a towards b starts inside the polygon at a.
    private func locallyInside(_ a: Int32, _ b: Int32) -> Bool {
        let ap = nodes[Int(a)].prev, an = nodes[Int(a)].next
        return area(ap, a, an) < 0
            ? area(a, b, an) >= 0 && area(a, ap, b) >= 0
            : area(a, b, ap) < 0 || area(a, an, b) < 0
    }

    /// Whether the diagonal's midpoint is inside the polygon (ray casting).
    private func middleInside(_ a: Int32, _ b: Int32) -> Bool {
        var p = a
        var inside = false
        let px = (nodes[Int(a)].x + nodes[Int(b)].x) / 2, py = (nodes[Int(a)].y + nodes[Int(b)].y) / 2
        repeat {
            let pn = nodes[Int(p)].next
            if (nodes[Int(p)].y > py) != (nodes[Int(pn)].y > py) && nodes[Int(pn)].y != nodes[Int(p)].y
                && px < (nodes[Int(pn)].x - nodes[Int(p)].x) * (py - nodes[Int(p)].y) / (nodes[Int(pn)].y - nodes[Int(p)].y) + nodes[Int(p)].x {
                inside.toggle()
            }
            p = pn
        } while p != a
        return inside
    }
}
