/// Polygon triangulation by ear clipping with z-order hashing, after Mapbox's earcut 3.2
/// (ISC licence; its fixture suite runs in `EarcutFixtureTests`).
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
        return state.triangulate(holeIndices: holeIndices)
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
/// link itself added to the buffer's, where an index would first be widened and multiplied.
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
    /// Index of the source vertex.
    var vertex: Int32
    /// Z-order value; while holes are merged, the block of the bridge index the node belongs to.
    var z: Int32 = 0
    /// A one-point hole (a Steiner point): never filtered out as a duplicate.
    var steiner = false

    init(vertex: Int32, x: Double, y: Double) {
        self.vertex = vertex
        self.x = x
        self.y = y
    }
}

/// A growable buffer of nodes addressed by ``EarcutLink`` byte offsets, freed when it goes away:
/// no per-node objects, no reference counting, no copy-on-write checks in the hot loops.
struct EarcutNodes: ~Copyable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count = 0
    private var capacity: Int
    static let stride = MemoryLayout<EarcutNode>.stride

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(byteCount: self.capacity * Self.stride, alignment: 64)
    }

    deinit { base.deallocate() }

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

/// The doubly linked rings of one triangulation and the working state of its stages.
struct EarcutState: ~Copyable {
    private typealias Link = EarcutLink
    private static let none: Link = -1
    /// Ring edges per block of the hole-bridge index.
    private static let blockSize = 16

    private let coords: [Double]
    private var nodes: EarcutNodes
    private var triangles: [Int32] = []
    private var minX = 0.0, minY = 0.0, invSize = 0.0
    /// Set when ``filterPoints(_:_:)`` removes a node: the clipper then tries again before curing.
    private var filteredOut = false
    /// While holes are merged, removing a node grows its block's box (see ``growBlock(_:_:)``).
    private var indexActive = false
    /// The hole-bridge index: a box (minX, minY, maxX, maxY) per run of ``blockSize`` ring edges,
    /// so that the leftward ray from a hole skips whole runs instead of walking the merged ring.
    private var blockBoxes: [Double] = []
    private var blockHeads: [Link] = []
    private var blockStops: [Link] = []

    init(coords: [Double]) {
        self.coords = coords
        // Holes and splits add two nodes each; the buffer grows if ever that is not enough.
        nodes = EarcutNodes(capacity: coords.count / 2 + 64)
    }

    mutating func triangulate(holeIndices: [Int]) -> [Int32] {
        let hasHoles = !holeIndices.isEmpty
        let outerLen = hasHoles ? holeIndices[0] * 2 : coords.count
        guard var outer = linkedList(0, outerLen, clockwise: true), nodes[outer].next != nodes[outer].prev else { return [] }
        triangles.reserveCapacity((coords.count / 2 + holeIndices.count * 2) * 3)
        if hasHoles { outer = eliminateHoles(holeIndices, outer) }
        // Large polygons get the z-order hash to find points inside a candidate ear quickly.
        if coords.count > 80 * 2 {
            var lowX = coords[0], lowY = coords[1], highX = coords[0], highY = coords[1]
            var i = 2
            while i < outerLen {
                lowX = Swift.min(lowX, coords[i]); lowY = Swift.min(lowY, coords[i + 1])
                highX = Swift.max(highX, coords[i]); highY = Swift.max(highY, coords[i + 1])
                i += 2
            }
            minX = lowX; minY = lowY
            let size = Swift.max(highX - lowX, highY - lowY)
            invSize = size != 0 ? 32767 / size : 0
        }
        earcutLinked(outer)
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

    private mutating func insertNode(_ v: Int32, _ px: Double, _ py: Double, _ last: Link) -> Link {
        let p = nodes.append(EarcutNode(vertex: v, x: px, y: py))
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

    /// Unlinks `p`; its own links stay, so callers can still step from it.
    private mutating func removeNode(_ p: Link) {
        let n = nodes[p]
        nodes[n.prev].next = n.next
        nodes[n.next].prev = n.prev
        if n.prevZ != Self.none { nodes[n.prevZ].nextZ = n.nextZ }
        if n.nextZ != Self.none { nodes[n.nextZ].prevZ = n.prevZ }
        if indexActive { growBlock(n.prev, n.next) }
    }

    /// Removes collinear and coincident points. Without `end`, the whole ring until nothing more
    /// goes; with one, only the window around a cut, up to `end` (the cost of the window, not the ring).
    @discardableResult
    private mutating func filterPoints(_ start: Link, _ end: Link? = nil) -> Link {
        var end = end ?? start
        let full = end == start
        var p = start
        var again: Bool
        repeat {
            again = false
            let next = nodes[p].next
            if p != next && !nodes[p].steiner && (equals(p, next) || area(nodes[p].prev, p, next) == 0) {
                if full || p == end { end = nodes[p].prev }
                filteredOut = true
                removeNode(p)
                p = nodes[p].prev
                again = true
            } else if full || p != end {
                p = next
                again = !full
            }
        } while again || p != end
        return end
    }

    // MARK: ear clipping

    /// Clips ears one by one; when none is left, filters, then cures small self-intersections
    /// once, then splits what remains in two.
    private mutating func earcutLinked(_ start: Link) {
        var ear = start
        if invSize != 0 { indexCurve(ear) }
        var stop = ear
        var cured = false
        while nodes[ear].prev != nodes[ear].next {
            let p = nodes[ear].prev, n = nodes[ear].next
            if area(p, ear, n) < 0 && (invSize != 0 ? isEarHashed(ear) : isEar(ear)) {
                triangles.append(nodes[p].vertex)
                triangles.append(nodes[ear].vertex)
                triangles.append(nodes[n].vertex)
                removeNode(ear)
                ear = n
                stop = n
                continue
            }
            ear = n
            if ear == stop {
                // Each removal of a collinear or coincident point can expose new ears.
                filteredOut = false
                ear = filterPoints(ear)
                if filteredOut { stop = ear; continue }
                if !cured {
                    ear = cureLocalIntersections(ear)
                    stop = ear
                    cured = true
                    continue
                }
                splitEarcut(ear)
                break
            }
        }
    }

    /// Whether the convex corner at `ear` has no other vertex inside (brute force).
    private func isEar(_ ear: Link) -> Bool {
        let a = nodes[ear].prev, b = ear, c = nodes[ear].next
        let ax = nodes[a].x, bx = nodes[b].x, cx = nodes[c].x
        let ay = nodes[a].y, by = nodes[b].y, cy = nodes[c].y
        let x0 = Swift.min(ax, bx, cx), y0 = Swift.min(ay, by, cy)
        let x1 = Swift.max(ax, bx, cx), y1 = Swift.max(ay, by, cy)
        var p = nodes[c].next
        while p != a {
            let px = nodes[p].x, py = nodes[p].y
            if px >= x0 && px <= x1 && py >= y0 && py <= y1 && !(ax == px && ay == py)
                && pointInTriangle(ax, ay, bx, by, cx, cy, px, py)
                && area(nodes[p].prev, p, nodes[p].next) >= 0 { return false }
            p = nodes[p].next
        }
        return true
    }

    /// The same test, visiting only points whose z-order falls within the ear's bounding box.
    private func isEarHashed(_ ear: Link) -> Bool {
        let a = nodes[ear].prev, b = ear, c = nodes[ear].next
        let ax = nodes[a].x, bx = nodes[b].x, cx = nodes[c].x
        let ay = nodes[a].y, by = nodes[b].y, cy = nodes[c].y
        let x0 = Swift.min(ax, bx, cx), y0 = Swift.min(ay, by, cy)
        let x1 = Swift.max(ax, bx, cx), y1 = Swift.max(ay, by, cy)
        let minZ = zOrder(x0, y0), maxZ = zOrder(x1, y1)

        func blocks(_ p: Link) -> Bool {
            let px = nodes[p].x, py = nodes[p].y
            return px >= x0 && px <= x1 && py >= y0 && py <= y1 && p != c && !(ax == px && ay == py)
                && pointInTriangle(ax, ay, bx, by, cx, cy, px, py)
                && area(nodes[p].prev, p, nodes[p].next) >= 0
        }

        var p = nodes[ear].prevZ
        while p != Self.none && nodes[p].z >= minZ {
            if blocks(p) { return false }
            p = nodes[p].prevZ
        }
        var n = nodes[ear].nextZ
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
        var cured = false
        repeat {
            let a = nodes[p].prev, b = nodes[nodes[p].next].next
            if intersects(a, p, nodes[p].next, b, includeBoundary: false) && locallyInside(a, b) && locallyInside(b, a) {
                triangles.append(nodes[a].vertex)
                triangles.append(nodes[p].vertex)
                triangles.append(nodes[b].vertex)
                removeNode(p)
                removeNode(nodes[p].next)
                p = b
                start = b
                cured = true
            }
            p = nodes[p].next
        } while p != start
        return cured ? filterPoints(p) : p
    }

    /// The last resort: a diagonal that divides the polygon in two, each half clipped on its own.
    private mutating func splitEarcut(_ start: Link) {
        var a = start
        repeat {
            var b = nodes[nodes[a].next].next
            while b != nodes[a].prev {
                if nodes[a].vertex != nodes[b].vertex && isValidDiagonal(a, b) {
                    var c = splitPolygon(a, b)
                    a = filterPoints(a, nodes[a].next)
                    c = filterPoints(c, nodes[c].next)
                    earcutLinked(a)
                    earcutLinked(c)
                    return
                }
                b = nodes[b].next
            }
            a = nodes[a].next
        } while a != start
    }

    // MARK: holes

    /// Links every hole into the outer ring, left to right, leaving one ring without holes.
    private mutating func eliminateHoles(_ holeIndices: [Int], _ outerNode: Link) -> Link {
        var queue: [Link] = []
        for (k, first) in holeIndices.enumerated() {
            let start = first * 2
            let end = k < holeIndices.count - 1 ? holeIndices[k + 1] * 2 : coords.count
            guard start < end, let list = linkedList(start, end, clockwise: false) else { continue }
            if list == nodes[list].next { nodes[list].steiner = true }
            queue.append(leftmost(list))
        }
        queue.sort { compareXYSlope($0, $1) < 0 }
        blockBoxes.removeAll(keepingCapacity: true)
        blockHeads.removeAll(keepingCapacity: true)
        blockStops.removeAll(keepingCapacity: true)
        indexSegment(outerNode, outerNode)
        var outer = outerNode
        indexActive = true
        for hole in queue { outer = eliminateHole(hole, outer) }
        indexActive = false
        // Collinear and coincident points across the whole merged ring, once, before clipping.
        return filterPoints(outer)
    }

    /// Holes whose leftmost points meet are taken counterclockwise, so that the bridge found for
    /// each is the point where they meet.
    private func compareXYSlope(_ a: Link, _ b: Link) -> Double {
        let dx = nodes[a].x - nodes[b].x
        if dx != 0 { return dx }
        let dy = nodes[a].y - nodes[b].y
        if dy != 0 { return dy }
        let an = nodes[a].next, bn = nodes[b].next
        let slope = (nodes[an].y - nodes[a].y) / (nodes[an].x - nodes[a].x) - (nodes[bn].y - nodes[b].y) / (nodes[bn].x - nodes[b].x)
        return slope.isNaN ? 0 : slope
    }

    /// Bridges a hole to the outer ring and links it in.
    private mutating func eliminateHole(_ hole: Link, _ outerNode: Link) -> Link {
        guard let bridge = findHoleBridge(hole, outerNode) else { return outerNode }
        let bridgeReverse = splitPolygon(bridge, hole)
        // In ring order the splice runs bridge → hole … → bridgeReverse → bridge2 → bridge's old
        // next: index it before filtering (filtering only shrinks what the boxes must cover).
        let bridge2 = nodes[bridgeReverse].next
        indexSegment(bridge, nodes[bridge2].next)
        filterPoints(bridgeReverse, nodes[bridgeReverse].next)
        return filterPoints(bridge, nodes[bridge].next)
    }

    /// Indexes the ring from `head` up to `stop` (excluded; the whole ring when they are equal) as
    /// blocks of ``blockSize`` edges, each box covering both ends of its edges.
    private mutating func indexSegment(_ head: Link, _ stop: Link) {
        var p = head
        repeat {
            let block = blockHeads.count
            blockHeads.append(p)
            var lowX = Double.infinity, lowY = Double.infinity, highX = -Double.infinity, highY = -Double.infinity
            var k = 0
            repeat {
                let c = nodes[p].next
                nodes[p].z = Int32(block)
                lowX = Swift.min(lowX, nodes[p].x, nodes[c].x); highX = Swift.max(highX, nodes[p].x, nodes[c].x)
                lowY = Swift.min(lowY, nodes[p].y, nodes[c].y); highY = Swift.max(highY, nodes[p].y, nodes[c].y)
                p = c
                k += 1
            } while k < Self.blockSize && p != stop
            blockStops.append(p)
            blockBoxes += [lowX, lowY, highX, highY]
        } while p != stop
    }

    /// Filtering healed the edge head → tail: its block's box grows to cover tail, which may lie
    /// in another block, so that the leftward-ray scan never skips it wrongly.
    private mutating func growBlock(_ head: Link, _ tail: Link) {
        let g = Int(nodes[head].z) * 4
        guard g >= 0, g + 3 < blockBoxes.count else { return }
        let tx = nodes[tail].x, ty = nodes[tail].y
        if tx < blockBoxes[g] { blockBoxes[g] = tx }
        if ty < blockBoxes[g + 1] { blockBoxes[g + 1] = ty }
        if tx > blockBoxes[g + 2] { blockBoxes[g + 2] = tx }
        if ty > blockBoxes[g + 3] { blockBoxes[g + 3] = ty }
    }

    private func isLive(_ p: Link) -> Bool { nodes[nodes[p].prev].next == p }

    /// A block's stop or head moved on past nodes that filtering removed.
    private mutating func liveBlockStop(_ b: Int) -> Link {
        var stop = blockStops[b]
        while !isLive(stop) { stop = nodes[stop].next }
        blockStops[b] = stop
        return stop
    }

    private mutating func liveBlockHead(_ b: Int) -> Link {
        var head = blockHeads[b]
        while !isLive(head) { head = nodes[head].next }
        blockHeads[b] = head
        return head
    }

    /// David Eberly's bridge from a hole's leftmost point to the outer ring: the nearest edge
    /// crossed by a ray to the left, then the vertex in the way at the smallest angle, if any.
    private mutating func findHoleBridge(_ hole: Link, _ outerNode: Link) -> Link? {
        if equals(hole, outerNode) { return outerNode }
        let hx = nodes[hole].x, hy = nodes[hole].y
        var qx = -Double.infinity
        var m: Link?
        for b in blockHeads.indices {
            let g = b * 4
            if hy < blockBoxes[g + 1] || hy > blockBoxes[g + 3] || blockBoxes[g] > hx || blockBoxes[g + 2] <= qx { continue }
            let stop = liveBlockStop(b)
            var p = liveBlockHead(b)
            repeat {
                if isLive(p) {
                    let n = nodes[p].next
                    if equals(hole, n) { return n }
                    let py = nodes[p].y, ny = nodes[n].y
                    if hy <= py && hy >= ny && ny != py {
                        let x = nodes[p].x + (hy - py) * (nodes[n].x - nodes[p].x) / (ny - py)
                        if x <= hx && x > qx {
                            qx = x
                            m = nodes[p].x < nodes[n].x ? p : n
                            // The hole touches an outer segment: its leftmost end.
                            if x == hx { return m }
                        }
                    }
                }
                p = nodes[p].next
            } while p != stop
        }
        guard var best = m else { return nil }

        // Points inside the triangle (hole point, crossing, endpoint) block the bridge: take the
        // one at the smallest angle with the ray.
        let mx = nodes[best].x, my = nodes[best].y
        let lowY = Swift.min(hy, my), highY = Swift.max(hy, my)
        var tanMin = Double.infinity
        for b in blockHeads.indices {
            let g = b * 4
            if blockBoxes[g + 2] < mx || blockBoxes[g] > hx || blockBoxes[g + 3] < lowY || blockBoxes[g + 1] > highY { continue }
            let stop = liveBlockStop(b)
            var p = liveBlockHead(b)
            repeat {
                let px = nodes[p].x, py = nodes[p].y
                if isLive(p) && hx >= px && px >= mx && hx != px
                    && pointInTriangle(hy < my ? hx : qx, hy, mx, my, hy < my ? qx : hx, hy, px, py) {
                    let tan = abs(hy - py) / (hx - px)
                    let n = nodes[p].next
                    // The hole's point on p's horizontal edge (a T-junction): the bridge runs along
                    // that edge, which locallyInside rejects as collinear though it is valid.
                    if (locallyInside(p, hole) || (py == hy && nodes[n].y == hy && nodes[n].x > hx))
                        && (tan < tanMin || (tan == tanMin && (px > nodes[best].x || (px == nodes[best].x && sectorContainsSector(best, p))))) {
                        best = p
                        tanMin = tan
                    }
                }
                p = nodes[p].next
            } while p != stop
        }
        return best
    }

    /// Whether the sector at vertex m contains the sector at vertex p (same coordinates).
    private func sectorContainsSector(_ m: Link, _ p: Link) -> Bool {
        area(nodes[m].prev, m, nodes[p].prev) < 0 && area(nodes[p].next, m, nodes[m].next) < 0
    }

    private func leftmost(_ start: Link) -> Link {
        var p = start, left = start
        repeat {
            if nodes[p].x < nodes[left].x || (nodes[p].x == nodes[left].x && nodes[p].y < nodes[left].y) { left = p }
            p = nodes[p].next
        } while p != start
        return left
    }

    /// Links a and b by a bridge: splits a ring in two, or merges a hole into the outer ring.
    /// Returns the copy of b.
    private mutating func splitPolygon(_ a: Link, _ b: Link) -> Link {
        let a2 = nodes.append(EarcutNode(vertex: nodes[a].vertex, x: nodes[a].x, y: nodes[a].y))
        let b2 = nodes.append(EarcutNode(vertex: nodes[b].vertex, x: nodes[b].x, y: nodes[b].y))
        let an = nodes[a].next, bp = nodes[b].prev
        nodes[a].next = b; nodes[b].prev = a
        nodes[a2].next = an; nodes[an].prev = a2
        nodes[b2].next = a2; nodes[a2].prev = b2
        nodes[bp].next = b2; nodes[b2].prev = bp
        return b2
    }

    // MARK: z-order

    /// Links the ring's nodes in z-order: sorted once, then walked by the hashed ear test.
    private mutating func indexCurve(_ start: Link) {
        var order: [Link] = []
        var p = start
        repeat {
            nodes[p].z = zOrder(nodes[p].x, nodes[p].y)
            order.append(p)
            p = nodes[p].next
        } while p != start
        let nodes = self.nodes.base
        order.sort { (nodes + $0).assumingMemoryBound(to: EarcutNode.self).pointee.z < (nodes + $1).assumingMemoryBound(to: EarcutNode.self).pointee.z }
        var previous = Self.none
        for node in order {
            self.nodes[node].prevZ = previous
            if previous != Self.none { self.nodes[previous].nextZ = node }
            previous = node
        }
        self.nodes[previous].nextZ = Self.none
    }

    /// Interleaved bits of the point's coordinates, scaled to 15 bits over the outer ring's box.
    private func zOrder(_ px: Double, _ py: Double) -> Int32 {
        var x = UInt32(truncatingIfNeeded: Int64((px - minX) * invSize))
        var y = UInt32(truncatingIfNeeded: Int64((py - minY) * invSize))
        x = (x | (x << 8)) & 0x00FF_00FF; x = (x | (x << 4)) & 0x0F0F_0F0F
        x = (x | (x << 2)) & 0x3333_3333; x = (x | (x << 1)) & 0x5555_5555
        y = (y | (y << 8)) & 0x00FF_00FF; y = (y | (y << 4)) & 0x0F0F_0F0F
        y = (y | (y << 2)) & 0x3333_3333; y = (y | (y << 1)) & 0x5555_5555
        return Int32(bitPattern: x | (y << 1))
    }

    // MARK: predicates

    @inline(__always)
    private func pointInTriangle(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                                 _ cx: Double, _ cy: Double, _ px: Double, _ py: Double) -> Bool {
        (cx - px) * (ay - py) >= (ax - px) * (cy - py)
            && (ax - px) * (by - py) >= (bx - px) * (ay - py)
            && (bx - px) * (cy - py) >= (cx - px) * (by - py)
    }

    /// Whether the diagonal a–b lies inside the polygon and crosses no edge.
    private func isValidDiagonal(_ a: Link, _ b: Link) -> Bool {
        let zeroLength = equals(a, b) && area(nodes[a].prev, a, nodes[a].next) > 0 && area(nodes[b].prev, b, nodes[b].next) > 0
        return nodes[nodes[a].next].vertex != nodes[b].vertex
            && (zeroLength || (locallyInside(a, b) && locallyInside(b, a)
                && (area(nodes[a].prev, a, nodes[b].prev) != 0 || area(a, nodes[b].prev, b) != 0)))
            && !intersectsPolygon(a, b) && (zeroLength || middleInside(a, b))
    }

    @inline(__always)
    private func area(_ p: Link, _ q: Link, _ r: Link) -> Double {
        (nodes[q].y - nodes[p].y) * (nodes[r].x - nodes[q].x) - (nodes[q].x - nodes[p].x) * (nodes[r].y - nodes[q].y)
    }

    @inline(__always)
    private func equals(_ a: Link, _ b: Link) -> Bool { nodes[a].x == nodes[b].x && nodes[a].y == nodes[b].y }

    /// Whether segments p1q1 and p2q2 cross; collinear touches count unless `includeBoundary` is false.
    private func intersects(_ p1: Link, _ q1: Link, _ p2: Link, _ q2: Link, includeBoundary: Bool = true) -> Bool {
        let o1 = area(p1, q1, p2), o2 = area(p1, q1, q2), o3 = area(p2, q2, p1), o4 = area(p2, q2, q1)
        if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) { return true }
        guard includeBoundary else { return false }
        if o1 == 0 && onSegment(p1, p2, q1) { return true }
        if o2 == 0 && onSegment(p1, q2, q1) { return true }
        if o3 == 0 && onSegment(p2, p1, q2) { return true }
        if o4 == 0 && onSegment(p2, q1, q2) { return true }
        return false
    }

    /// For collinear p, q, r: whether q lies on the segment pr.
    private func onSegment(_ p: Link, _ q: Link, _ r: Link) -> Bool {
        nodes[q].x <= Swift.max(nodes[p].x, nodes[r].x) && nodes[q].x >= Swift.min(nodes[p].x, nodes[r].x)
            && nodes[q].y <= Swift.max(nodes[p].y, nodes[r].y) && nodes[q].y >= Swift.min(nodes[p].y, nodes[r].y)
    }

    /// Whether the diagonal a–b crosses an edge of the ring (edges whose box misses it are skipped).
    private func intersectsPolygon(_ a: Link, _ b: Link) -> Bool {
        let lowX = Swift.min(nodes[a].x, nodes[b].x), highX = Swift.max(nodes[a].x, nodes[b].x)
        let lowY = Swift.min(nodes[a].y, nodes[b].y), highY = Swift.max(nodes[a].y, nodes[b].y)
        let va = nodes[a].vertex, vb = nodes[b].vertex
        var p = a
        repeat {
            let n = nodes[p].next
            let px = nodes[p].x, nx = nodes[n].x, py = nodes[p].y, ny = nodes[n].y
            if !((px > highX && nx > highX) || (px < lowX && nx < lowX) || (py > highY && ny > highY) || (py < lowY && ny < lowY)) {
                let vp = nodes[p].vertex, vn = nodes[n].vertex
                if vp != va && vn != va && vp != vb && vn != vb && intersects(p, n, a, b) { return true }
            }
            p = n
        } while p != a
        return false
    }

    /// Whether the diagonal a–b leaves a into the polygon's inside.
    private func locallyInside(_ a: Link, _ b: Link) -> Bool {
        let prev = nodes[a].prev, next = nodes[a].next
        return area(prev, a, next) < 0
            ? area(a, b, next) >= 0 && area(a, prev, b) >= 0
            : area(a, b, prev) < 0 || area(a, next, b) < 0
    }

    /// Whether the middle of the diagonal a–b is inside the polygon (even-odd).
    private func middleInside(_ a: Link, _ b: Link) -> Bool {
        var p = a
        var inside = false
        let px = (nodes[a].x + nodes[b].x) / 2, py = (nodes[a].y + nodes[b].y) / 2
        repeat {
            let n = nodes[p].next
            let y0 = nodes[p].y, y1 = nodes[n].y
            if (y0 > py) != (y1 > py) && px < (nodes[n].x - nodes[p].x) * (py - y0) / (y1 - y0) + nodes[p].x { inside.toggle() }
            p = n
        } while p != a
        return inside
    }
}
