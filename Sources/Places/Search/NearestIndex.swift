import Foundation
import MapGeometry

/// k-nearest places by great-circle distance: a static k-d tree over points on the unit sphere.
///
/// Working in 3-D chord distance (monotonic with the great-circle distance) avoids the seams and
/// distortions of latitude/longitude. The tree is built once per data load and is laid out for
/// queries: points in tree order in one flat array, small leaves scanned in a row, each range split
/// on the axis where its points spread most (a region's points barely vary along one axis of the
/// sphere), and far branches pruned by their distance to the query's box, not only to one plane.
/// A query allocates nothing but its answer.
///
/// ```swift
/// let index = NearestIndex(coordinates: places.map(\.coordinate))
/// let hits = index.nearest(to: here, k: 10) { places[$0].isOpen }   // [(index, metres)]
/// ```
public struct NearestIndex: Sendable {
    /// Points in tree order (x, y, z) and the caller's index of each.
    private(set) var xyz: [Double] = []
    private(set) var ids: [Int32] = []
    /// Each inner node's split, numbered as in a binary heap (children 2i+1 and 2i+2): its axis,
    /// and the coordinate below which points go left (kept apart, since building the right half
    /// moves the point it came from).
    private(set) var axes: [UInt8] = []
    private(set) var splits: [Double] = []
    public let count: Int

    static let earthRadius = 6_371_008.8
    /// Ranges this small are scanned rather than split.
    static let leafSize = 8
    /// Deeper than any balanced tree over `Int32` points with leaves of `leafSize`.
    static let maximumDepth = 64

    public init(coordinates: [GeoCoordinate]) {
        count = coordinates.count
        var points = coordinates.enumerated().map { (Int32($0.offset), Self.unitVector($0.element)) }
        var depth = 0
        while (count >> depth) > Self.leafSize { depth += 1 }
        axes = [UInt8](repeating: 0, count: max(1, 2 << depth))
        splits = [Double](repeating: 0, count: axes.count)
        Self.build(&points, 0, points.count, node: 0, axes: &axes, splits: &splits)
        xyz.reserveCapacity(points.count * 3)
        ids.reserveCapacity(points.count)
        for (id, v) in points {
            ids.append(id)
            xyz.append(v.0)
            xyz.append(v.1)
            xyz.append(v.2)
        }
    }

    /// A tree built before (read from a snapshot).
    init(count: Int, xyz: [Double], ids: [Int32], axes: [UInt8], splits: [Double]) {
        self.count = count
        self.xyz = xyz
        self.ids = ids
        self.axes = axes
        self.splits = splits
    }

    static func unitVector(_ c: GeoCoordinate) -> (Double, Double, Double) {
        let lat = c.latitude * .pi / 180, lon = c.longitude * .pi / 180
        return (cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
    }

    static func coordinate(_ v: (Double, Double, Double), _ axis: Int) -> Double {
        axis == 0 ? v.0 : axis == 1 ? v.1 : v.2
    }

    /// Splits `lo..<hi` at its middle on the axis of widest spread: the left half holds the smaller
    /// coordinates, the right half starts with the middle point, whose coordinate is the split.
    static func build(_ p: inout [(Int32, (Double, Double, Double))], _ lo: Int, _ hi: Int, node: Int,
                      axes: inout [UInt8], splits: inout [Double]) {
        guard hi - lo > leafSize else { return }
        var low = p[lo].1, high = p[lo].1
        for i in lo..<hi {
            let v = p[i].1
            low = (min(low.0, v.0), min(low.1, v.1), min(low.2, v.2))
            high = (max(high.0, v.0), max(high.1, v.1), max(high.2, v.2))
        }
        let spread = (high.0 - low.0, high.1 - low.1, high.2 - low.2)
        let axis = spread.0 >= spread.1 && spread.0 >= spread.2 ? 0 : spread.1 >= spread.2 ? 1 : 2
        axes[node] = UInt8(axis)
        let mid = (lo + hi) / 2
        // Quickselect the middle on that axis.
        var l = lo, r = hi - 1
        while l < r {
            let pivot = coordinate(p[(l + r) / 2].1, axis)
            var i = l, j = r
            while i <= j {
                while coordinate(p[i].1, axis) < pivot { i += 1 }
                while coordinate(p[j].1, axis) > pivot { j -= 1 }
                if i <= j { p.swapAt(i, j); i += 1; j -= 1 }
            }
            if mid <= j { r = j } else if mid >= i { l = i } else { break }
        }
        splits[node] = coordinate(p[mid].1, axis)
        build(&p, lo, mid, node: 2 * node + 1, axes: &axes, splits: &splits)
        build(&p, mid, hi, node: 2 * node + 2, axes: &axes, splits: &splits)
    }

    /// The `k` nearest points accepted by `accept` (given the caller's index), nearest first, with
    /// their great-circle distance in metres. Equally distant points come in the caller's order.
    public func nearest(to c: GeoCoordinate, k: Int, where accept: (Int) -> Bool = { _ in true }) -> [(index: Int, distance: Double)] {
        guard k > 0, count > 0 else { return [] }
        let q = Self.unitVector(c)
        return withoutActuallyEscaping(accept) { accept in
            withUnsafeTemporaryAllocation(of: Candidate.self, capacity: min(k, count)) { best in
                withTree { tree in
                    var search = KNearestSearch(tree: tree, query: q, best: best, accept: accept)
                    var offsets = (0.0, 0.0, 0.0)
                    search.visit(node: 0, lo: 0, hi: count, lowerBound: 0, offsets: &offsets)
                    return best[0..<search.found].map { (Int($0.id), Self.metres(squaredChord: $0.squaredChord)) }
                }
            }
        }
    }

    /// The great-circle distance of a squared chord on the unit sphere.
    static func metres(squaredChord: Double) -> Double {
        2 * earthRadius * asin(min(1, squaredChord.squareRoot() / 2))
    }

    struct Candidate {
        var squaredChord: Double
        var id: Int32

        func isNearer(than other: Candidate) -> Bool {
            squaredChord < other.squaredChord || (squaredChord == other.squaredChord && id < other.id)
        }
    }

    /// The tree's arrays, lent to one query.
    private struct Tree {
        let points: UnsafeBufferPointer<Double>
        let ids: UnsafeBufferPointer<Int32>
        let axes: UnsafeBufferPointer<UInt8>
        let splits: UnsafeBufferPointer<Double>

        func squaredChord(_ i: Int, to q: (Double, Double, Double)) -> Double {
            let dx = points[3 * i] - q.0, dy = points[3 * i + 1] - q.1, dz = points[3 * i + 2] - q.2
            return dx * dx + dy * dy + dz * dz
        }
    }

    private func withTree<Result>(_ body: (Tree) -> Result) -> Result {
        xyz.withUnsafeBufferPointer { points in
            ids.withUnsafeBufferPointer { ids in
                axes.withUnsafeBufferPointer { axes in
                    splits.withUnsafeBufferPointer { splits in
                        body(Tree(points: points, ids: ids, axes: axes, splits: splits))
                    }
                }
            }
        }
    }

    /// One query's walk: depth first, nearer side first, a far side only when the query's box
    /// distance to it (kept per axis as the walk descends) could still beat the k-th best.
    private struct KNearestSearch {
        let tree: Tree
        let query: (Double, Double, Double)
        let best: UnsafeMutableBufferPointer<Candidate>
        let accept: (Int) -> Bool
        var found = 0

        /// The bound a point must beat (or tie) to enter the list.
        var worst: Double { found < best.count ? .infinity : best[found - 1].squaredChord }

        mutating func visit(node: Int, lo: Int, hi: Int, lowerBound: Double, offsets: inout (Double, Double, Double)) {
            if hi - lo <= NearestIndex.leafSize {
                for i in lo..<hi {
                    let d2 = tree.squaredChord(i, to: query)
                    if d2 <= worst { offer(Candidate(squaredChord: d2, id: tree.ids[i])) }
                }
                return
            }
            let axis = Int(tree.axes[node])
            let mid = (lo + hi) / 2
            let diff = NearestIndex.coordinate(query, axis) - tree.splits[node]
            let old = NearestIndex.coordinate(offsets, axis)
            let left = (node: 2 * node + 1, lo: lo, hi: mid), right = (node: 2 * node + 2, lo: mid, hi: hi)
            let (near, far) = diff < 0 ? (left, right) : (right, left)
            visit(node: near.node, lo: near.lo, hi: near.hi, lowerBound: lowerBound, offsets: &offsets)
            let farBound = lowerBound - old * old + diff * diff
            guard farBound <= worst else { return }
            set(&offsets, axis, diff)
            visit(node: far.node, lo: far.lo, hi: far.hi, lowerBound: farBound, offsets: &offsets)
            set(&offsets, axis, old)
        }

        /// Inserts in order (the list is short), dropping the last when full.
        mutating func offer(_ candidate: Candidate) {
            if found == best.count {
                guard candidate.isNearer(than: best[found - 1]) else { return }
            }
            guard accept(Int(candidate.id)) else { return }
            var at = min(found, best.count - 1)
            while at > 0 && candidate.isNearer(than: best[at - 1]) {
                best[at] = best[at - 1]
                at -= 1
            }
            best[at] = candidate
            if found < best.count { found += 1 }
        }

        func set(_ offsets: inout (Double, Double, Double), _ axis: Int, _ value: Double) {
            switch axis {
            case 0: offsets.0 = value
            case 1: offsets.1 = value
            default: offsets.2 = value
            }
        }
    }

    /// The points within `radius` metres (great-circle) of `c`: how many, and the nearest of
    /// them (nil when none). One walk of the tree gives both, so that a commune's nearest place
    /// and its places within 10 km cost one query when a place is that near.
    public func within(_ radius: Double, of c: GeoCoordinate) -> (count: Int, nearest: (index: Int, distance: Double)?) {
        guard count > 0 else { return (0, nil) }
        let q = Self.unitVector(c)
        let chord = 2 * sin(min(radius / Self.earthRadius, .pi) / 2)
        let limit = chord * chord
        var found = 0
        var best: Candidate?
        withTree { tree in
            withUnsafeTemporaryAllocation(of: (node: Int, lo: Int, hi: Int).self, capacity: Self.maximumDepth + 1) { stack in
                stack[0] = (0, 0, count)
                var top = 1
                while top > 0 {
                    top -= 1
                    let (node, lo, hi) = stack[top]
                    if hi - lo <= Self.leafSize {
                        for i in lo..<hi {
                            let d2 = tree.squaredChord(i, to: q)
                            guard d2 <= limit else { continue }
                            found += 1
                            let candidate = Candidate(squaredChord: d2, id: tree.ids[i])
                            if best.map({ candidate.isNearer(than: $0) }) ?? true { best = candidate }
                        }
                        continue
                    }
                    let axis = Int(tree.axes[node])
                    let mid = (lo + hi) / 2
                    let diff = Self.coordinate(q, axis) - tree.splits[node]
                    let left = (2 * node + 1, lo, mid), right = (2 * node + 2, mid, hi)
                    let (near, far) = diff < 0 ? (left, right) : (right, left)
                    if diff * diff <= limit { stack[top] = far; top += 1 }
                    stack[top] = near
                    top += 1
                }
            }
        }
        return (found, best.map { (Int($0.id), Self.metres(squaredChord: $0.squaredChord)) })
    }

    /// How many points lie within `radius` metres (great-circle) of `c`.
    public func count(within radius: Double, of c: GeoCoordinate) -> Int {
        within(radius, of: c).count
    }
}
