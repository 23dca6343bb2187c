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

/// Where a node lies in its ``EarcutNodes`` buffer, in bytes; -1 for none.
///
/// The hot loops walk rings node after node: with a byte offset, the next node's address is the
/// link itself added to the buffer's, where an index would first be widened and multiplied
/// (three more cycles on each step of a chain of dependent loads): all communes 35–37 → 26–28 ms.
typealias EarcutLink = Int

/// One vertex of a ring; rings are doubly linked, and z-order links too. The fields the ear test
/// reads on every step come first, in the same cache line.
struct EarcutNode {
    var x: Double
    var y: Double
    var next: EarcutLink = -1
    var prev: EarcutLink = -1
    var nextZ: EarcutLink = -1
    var prevZ: EarcutLink = -1
    var vertex: Int32      // index of the source vertex
    var z: Int32 = -1
    var steiner = false

    init(vertex: Int32, x: Double, y: Double) {
        self.vertex = vertex
        self.x = x
        self.y = y
    }
}

/// A manually managed, growable buffer of nodes addressed by ``EarcutLink`` byte offsets.
struct EarcutNodes {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count = 0
    private var capacity: Int
    static let stride = MemoryLayout<EarcutNode>.stride

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity * Self.stride, alignment: 64)
    }

    func deallocate() { base.deallocate() }

    subscript(link: EarcutLink) -> EarcutNode {
        @inline(__always) unsafeAddress { UnsafePointer((base + link).assumingMemoryBound(to: EarcutNode.self)) }
        @inline(__always) nonmutating unsafeMutableAddress { (base + link).assumingMemoryBound(to: EarcutNode.self) }
    }

    /// Adds a node; offsets of the others stay valid when the buffer grows.
    mutating func append(_ node: EarcutNode) -> EarcutLink {
        if count == capacity {
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2 * Self.stride, alignment: 64)
            bigger.copyMemory(from: base, byteCount: count * Self.stride)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        let link = count * Self.stride
        (base + link).initializeMemory(as: EarcutNode.self, to: node)
        count += 1
        return link
    }
}

/// The doubly linked rings of one triangulation, held in one manually managed buffer of nodes:
/// no per-node objects, no reference counting, no copy-on-write checks in the hot loops.
struct EarcutState {
    private typealias Link = EarcutLink
    private let coords: [Double]
    private var nodes: EarcutNodes
    private var triangles: [Int32] = []
    private var minX = 0.0, minY = 0.0, invSize = 0.0

    private static let none: Link = -1

    init(coords: [Double]) {
        self.coords = coords
        // Holes and splits add two nodes each; the buffer grows if ever that is not enough.
        nodes = EarcutNodes(capacity: coords.count / 2 + 64)
    }

    mutating func run(holeIndices: [Int]) -> [Int32] {
        defer { nodes.deallocate() }
        return triangulate(holeIndices: holeIndices)
    }

    private mutating func triangulate(holeIndices: [Int]) -> [Int32] {
        let hasHoles = !holeIndices.isEmpty
        let outerLen = hasHoles ? holeIndices[0] * 2 : coords.count
        guard outerLen >= 6, var outer = linkedList(0, outerLen, clockwise: true),
              nodes[outer].next != nodes[outer].prev else { return [] }
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
    private mutating func linkedList(_ start: Int, _ end: Int, clockwise: Bool) -> Link? {
        var last: Link = Self.none
        if clockwise == (Earcut.signedArea(coords, start, end) > 0) {
            var i = start
            while i < end { last = insertNode(Int32(i / 2), coords[i], coords[i + 1], last); i += 2 }
        } else {
            var i = end - 2
            while i >= start { last = insertNode(Int32(i / 2), coords[i], coords[i + 1], last); i -= 2 }
        }
        if last != Self.none, equals(last, nodes[last].next) {
            removeNode(last)
            last = nodes[last].next
        }
        return last == Self.none ? nil : last
    }

    private mutating func createNode(_ v: Int32, _ px: Double, _ py: Double) -> Link {
        nodes.append(EarcutNode(vertex: v, x: px, y: py))
    }

    private mutating func insertNode(_ v: Int32, _ px: Double, _ py: Double, _ last: Link) -> Link {
        let p = createNode(v, px, py)
        if last == Self.none {
            nodes[p].prev = p
            nodes[p].next = p
        } else {
            let ln = nodes[last].next
            nodes[p].next = ln
            nodes[p].prev = last
            nodes[ln].prev = p
            nodes[last].next = p
        }
        return p
    }

    private mutating func removeNode(_ p: Link) {
        let n = nodes[p]
        nodes[n.prev].next = n.next
        nodes[n.next].prev = n.prev
        if n.prevZ != Self.none { nodes[n.prevZ].nextZ = n.nextZ }
        if n.nextZ != Self.none { nodes[n.nextZ].prevZ = n.prevZ }
    }

    /// Removes duplicate and collinear points between `start` and `end`.
    private mutating func filterPoints(_ start: Link, _ end: Link? = nil) -> Link {
        var end = end ?? start
        var p = start
        var again: Bool
        repeat {
            again = false
            let pn = nodes[p].next
            if !nodes[p].steiner && (equals(p, pn) || area(nodes[p].prev, p, pn) == 0) {
                removeNode(p)
                p = nodes[p].prev
                end = p
                if p == nodes[p].next { break }
                again = true
            } else {
                p = pn
            }
        } while again || p != end
        return end
    }

    // MARK: ear clipping

    private mutating func earcutLinked(_ start: Link, pass: Int) {
        var ear = start
        if pass == 0 && invSize != 0 { indexCurve(ear) }
        var stop = ear
        while nodes[ear].prev != nodes[ear].next {
            let p = nodes[ear].prev, n = nodes[ear].next
            if invSize != 0 ? isEarHashed(ear) : isEar(ear) {
                triangles.append(nodes[p].vertex)
                triangles.append(nodes[ear].vertex)
                triangles.append(nodes[n].vertex)
                removeNode(ear)
                // Skipping the next vertex leads to fewer sliver triangles.
                ear = nodes[n].next
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
    private func isEar(_ ear: Link) -> Bool {
        let a = nodes[ear].prev, b = ear, c = nodes[ear].next
        if area(a, b, c) >= 0 { return false }
        let ax = nodes[a].x, bx = nodes[b].x, cx = nodes[c].x
        let ay = nodes[a].y, by = nodes[b].y, cy = nodes[c].y
        let x0 = Swift.min(ax, bx, cx), y0 = Swift.min(ay, by, cy)
        let x1 = Swift.max(ax, bx, cx), y1 = Swift.max(ay, by, cy)
        var p = nodes[c].next
        while p != a {
            let px = nodes[p].x, py = nodes[p].y
            if px >= x0 && px <= x1 && py >= y0 && py <= y1
                && pointInTriangle(ax, ay, bx, by, cx, cy, px, py)
                && area(nodes[p].prev, p, nodes[p].next) >= 0 { return false }
            p = nodes[p].next
        }
        return true
    }

    /// The same test, visiting only points whose z-order falls within the ear's bounding box.
    private func isEarHashed(_ ear: Link) -> Bool {
        let a = nodes[ear].prev, b = ear, c = nodes[ear].next
        if area(a, b, c) >= 0 { return false }
        let ax = nodes[a].x, bx = nodes[b].x, cx = nodes[c].x
        let ay = nodes[a].y, by = nodes[b].y, cy = nodes[c].y
        let x0 = Swift.min(ax, bx, cx), y0 = Swift.min(ay, by, cy)
        let x1 = Swift.max(ax, bx, cx), y1 = Swift.max(ay, by, cy)
        let minZ = zOrder(x0, y0), maxZ = zOrder(x1, y1)

        func blocks(_ p: Link) -> Bool {
            let px = nodes[p].x, py = nodes[p].y
            return px >= x0 && px <= x1 && py >= y0 && py <= y1 && p != a && p != c
                && pointInTriangle(ax, ay, bx, by, cx, cy, px, py)
                && area(nodes[p].prev, p, nodes[p].next) >= 0
        }

        var p = nodes[ear].prevZ, n = nodes[ear].nextZ
        while p != Self.none && nodes[p].z >= minZ && n != Self.none && nodes[n].z <= maxZ {
            if blocks(p) { return false }
            p = nodes[p].prevZ
            if blocks(n) { return false }
            n = nodes[n].nextZ
        }
        while p != Self.none && nodes[p].z >= minZ {
            if blocks(p) { return false }
            p = nodes[p].prevZ
        }
        while n != Self.none && nodes[n].z <= maxZ {
            if blocks(n) { return false }
            n = nodes[n].nextZ
        }
        return true
    }

    /// Clips the triangle at each small self-intersection (two crossing edges next to each other).
    private mutating func cureLocalIntersections(_ begin: Link) -> Link {
        var start = begin
        var p = start
        repeat {
            let a = nodes[p].prev, pn = nodes[p].next, b = nodes[pn].next
            if !equals(a, b) && intersects(a, p, pn, b) && locallyInside(a, b) && locallyInside(b, a) {
                triangles.append(nodes[a].vertex)
                triangles.append(nodes[p].vertex)
                triangles.append(nodes[b].vertex)
                removeNode(p)
                removeNode(pn)
                p = b
                start = b
            }
            p = nodes[p].next
        } while p != start
        return filterPoints(p)
    }

    /// Splits the polygon along a valid diagonal and triangulates both halves.
    private mutating func splitEarcut(_ start: Link) {
        var a = start
        repeat {
            var b = nodes[nodes[a].next].next
            while b != nodes[a].prev {
                if nodes[a].vertex != nodes[b].vertex && isValidDiagonal(a, b) {
                    var c = splitPolygon(a, b)
                    a = filterPoints(a, nodes[a].next)
                    c = filterPoints(c, nodes[c].next)
                    earcutLinked(a, pass: 0)
                    earcutLinked(c, pass: 0)
                    return
                }
                b = nodes[b].next
            }
            a = nodes[a].next
        } while a != start
    }

    // MARK: holes

    /// Links every hole into the outer ring through a bridge, leftmost holes first.
    private mutating func eliminateHoles(_ holeIndices: [Int], _ outerNode: Link) -> Link {
        var queue: [Link] = []
        for (k, h) in holeIndices.enumerated() {
            let start = h * 2
            let end = k < holeIndices.count - 1 ? holeIndices[k + 1] * 2 : coords.count
            guard end - start >= 2, let list = linkedList(start, end, clockwise: false) else { continue }
            if list == nodes[list].next { nodes[list].steiner = true }
            queue.append(leftmost(list))
        }
        queue.sort { (nodes[$0].x, nodes[$0].y) < (nodes[$1].x, nodes[$1].y) }
        var outer = outerNode
        for hole in queue { outer = eliminateHole(hole, outer) }
        return outer
    }

    private mutating func eliminateHole(_ hole: Link, _ outerNode: Link) -> Link {
        guard let bridge = findHoleBridge(hole, outerNode) else { return outerNode }
        let bridgeReverse = splitPolygon(bridge, hole)
        _ = filterPoints(bridgeReverse, nodes[bridgeReverse].next)
        return filterPoints(bridge, nodes[bridge].next)
    }

    /// David Eberly's algorithm: the outer vertex that the hole's leftmost point can see.
    private func findHoleBridge(_ hole: Link, _ outerNode: Link) -> Link? {
        var p = outerNode
        let hx = nodes[hole].x, hy = nodes[hole].y
        var qx = -Double.infinity
        var m: Link = Self.none
        repeat {
            let pn = nodes[p].next
            if hy <= nodes[p].y && hy >= nodes[pn].y && nodes[pn].y != nodes[p].y {
                let ix = nodes[p].x + (hy - nodes[p].y) * (nodes[pn].x - nodes[p].x) / (nodes[pn].y - nodes[p].y)
                if ix <= hx && ix > qx {
                    qx = ix
                    m = nodes[p].x < nodes[pn].x ? p : pn
                    if ix == hx { return m }
                }
            }
            p = pn
        } while p != outerNode
        if m == Self.none { return nil }

        let stop = m
        let mx = nodes[m].x, my = nodes[m].y
        var tanMin = Double.infinity
        p = m
        repeat {
            let px = nodes[p].x, py = nodes[p].y
            if hx >= px && px >= mx && hx != px
                && pointInTriangle(hy < my ? hx : qx, hy, mx, my, hy < my ? qx : hx, hy, px, py) {
                let tan = abs(hy - py) / (hx - px)
                if locallyInside(p, hole)
                    && (tan < tanMin || (tan == tanMin
                        && (px > nodes[m].x || (px == nodes[m].x && sectorContainsSector(m, p))))) {
                    m = p
                    tanMin = tan
                }
            }
            p = nodes[p].next
        } while p != stop
        return m
    }

    private func sectorContainsSector(_ m: Link, _ p: Link) -> Bool {
        area(nodes[m].prev, m, nodes[p].prev) < 0 && area(nodes[p].next, m, nodes[m].next) < 0
    }

    private func leftmost(_ start: Link) -> Link {
        var p = start, best = start
        repeat {
            if nodes[p].x < nodes[best].x || (nodes[p].x == nodes[best].x && nodes[p].y < nodes[best].y) { best = p }
            p = nodes[p].next
        } while p != start
        return best
    }

    /// Joins a and b with a diagonal; returns the new node that starts the second ring.
    private mutating func splitPolygon(_ a: Link, _ b: Link) -> Link {
        let a2 = createNode(nodes[a].vertex, nodes[a].x, nodes[a].y)
        let b2 = createNode(nodes[b].vertex, nodes[b].x, nodes[b].y)
        let an = nodes[a].next, bp = nodes[b].prev
        nodes[a].next = b; nodes[b].prev = a
        nodes[a2].next = an; nodes[an].prev = a2
        nodes[b2].next = a2; nodes[a2].prev = b2
        nodes[bp].next = b2; nodes[b2].prev = bp
        return b2
    }

    // MARK: z-order

    private mutating func indexCurve(_ start: Link) {
        var p = start
        repeat {
            if nodes[p].z < 0 { nodes[p].z = zOrder(nodes[p].x, nodes[p].y) }
            nodes[p].prevZ = nodes[p].prev
            nodes[p].nextZ = nodes[p].next
            p = nodes[p].next
        } while p != start
        nodes[nodes[p].prevZ].nextZ = Self.none
        nodes[p].prevZ = Self.none
        sortLinked(p)
    }

    /// Simon Tatham's linked-list merge sort, by z value.
    private mutating func sortLinked(_ head: Link) {
        var list = head
        var inSize = 1
        var numMerges: Int
        repeat {
            var p = list
            list = Self.none
            var tail: Link = Self.none
            numMerges = 0
            while p != Self.none {
                numMerges += 1
                var q = p
                var pSize = 0
                for _ in 0..<inSize {
                    pSize += 1
                    q = nodes[q].nextZ
                    if q == Self.none { break }
                }
                var qSize = inSize
                while pSize > 0 || (qSize > 0 && q != Self.none) {
                    let e: Link
                    if pSize != 0 && (qSize == 0 || q == Self.none || nodes[p].z <= nodes[q].z) {
                        e = p; p = nodes[p].nextZ; pSize -= 1
                    } else {
                        e = q; q = nodes[q].nextZ; qSize -= 1
                    }
                    if tail != Self.none { nodes[tail].nextZ = e } else { list = e }
                    nodes[e].prevZ = tail
                    tail = e
                }
                p = q
            }
            nodes[tail].nextZ = Self.none
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
    private func isValidDiagonal(_ a: Link, _ b: Link) -> Bool {
        let an = nodes[a].next, ap = nodes[a].prev, bn = nodes[b].next, bp = nodes[b].prev
        guard nodes[an].vertex != nodes[b].vertex, nodes[ap].vertex != nodes[b].vertex, !intersectsPolygon(a, b)
        else { return false }
        let visible = locallyInside(a, b) && locallyInside(b, a) && middleInside(a, b)
            && (area(ap, a, bp) != 0 || area(a, bp, b) != 0)
        let zeroLength = equals(a, b) && area(ap, a, an) > 0 && area(bp, b, bn) > 0
        return visible || zeroLength
    }

    /// Twice the signed area of a triangle; negative when p, q, r turn clockwise here.
    private func area(_ p: Link, _ q: Link, _ r: Link) -> Double {
        (nodes[q].y - nodes[p].y) * (nodes[r].x - nodes[q].x) - (nodes[q].x - nodes[p].x) * (nodes[r].y - nodes[q].y)
    }

    private func equals(_ a: Link, _ b: Link) -> Bool {
        nodes[a].x == nodes[b].x && nodes[a].y == nodes[b].y
    }

    private func intersects(_ p1: Link, _ q1: Link, _ p2: Link, _ q2: Link) -> Bool {
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
    private func onSegment(_ p: Link, _ q: Link, _ r: Link) -> Bool {
        nodes[q].x <= Swift.max(nodes[p].x, nodes[r].x) && nodes[q].x >= Swift.min(nodes[p].x, nodes[r].x)
            && nodes[q].y <= Swift.max(nodes[p].y, nodes[r].y) && nodes[q].y >= Swift.min(nodes[p].y, nodes[r].y)
    }

    private func sign(_ v: Double) -> Int { v > 0 ? 1 : (v < 0 ? -1 : 0) }

    private func intersectsPolygon(_ a: Link, _ b: Link) -> Bool {
        var p = a
        let va = nodes[a].vertex, vb = nodes[b].vertex
        repeat {
            let pn = nodes[p].next
            if nodes[p].vertex != va && nodes[pn].vertex != va && nodes[p].vertex != vb && nodes[pn].vertex != vb
                && intersects(p, pn, a, b) { return true }
            p = pn
        } while p != a
        return false
    }

    /// Whether the diagonal from a towards b starts inside the polygon at a.
    private func locallyInside(_ a: Link, _ b: Link) -> Bool {
        let ap = nodes[a].prev, an = nodes[a].next
        return area(ap, a, an) < 0
            ? area(a, b, an) >= 0 && area(a, ap, b) >= 0
            : area(a, b, ap) < 0 || area(a, an, b) < 0
    }

    /// Whether the diagonal's midpoint is inside the polygon (ray casting).
    private func middleInside(_ a: Link, _ b: Link) -> Bool {
        var p = a
        var inside = false
        let px = (nodes[a].x + nodes[b].x) / 2, py = (nodes[a].y + nodes[b].y) / 2
        repeat {
            let pn = nodes[p].next
            if (nodes[p].y > py) != (nodes[pn].y > py) && nodes[pn].y != nodes[p].y
                && px < (nodes[pn].x - nodes[p].x) * (py - nodes[p].y) / (nodes[pn].y - nodes[p].y) + nodes[p].x {
                inside.toggle()
            }
            p = pn
        } while p != a
        return inside
    }
}
