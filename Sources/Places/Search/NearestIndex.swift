import Foundation
import MapGeometry

/// k-nearest places by great-circle distance: a static k-d tree over points on the unit sphere.
///
/// Working in 3-D chord distance (monotonic with the great-circle distance) avoids the seams and
/// distortions of latitude/longitude; the tree is built once per data load, queries allocate little.
///
/// ```swift
/// let index = NearestIndex(coordinates: places.map(\.coordinate))
/// let hits = index.nearest(to: here, k: 10) { places[$0].isOpen }   // [(index, metres)]
/// ```
public struct NearestIndex: Sendable {
    /// Points in tree order (x, y, z) and the caller's index of each.
    private var xyz: [Double] = []
    private var ids: [Int32] = []
    public let count: Int

    static let earthRadius = 6_371_008.8

    public init(coordinates: [GeoCoordinate]) {
        count = coordinates.count
        var points = coordinates.enumerated().map { (Int32($0.offset), Self.unitVector($0.element)) }
        Self.build(&points, 0, points.count, depth: 0)
        xyz.reserveCapacity(points.count * 3)
        for (id, v) in points {
            ids.append(id)
            xyz += [v.0, v.1, v.2]
        }
    }

    static func unitVector(_ c: GeoCoordinate) -> (Double, Double, Double) {
        let lat = c.latitude * .pi / 180, lon = c.longitude * .pi / 180
        return (cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
    }

    /// Median split on x, y, z in turn; the median of each range is its node (implicit tree).
    static func build(_ p: inout [(Int32, (Double, Double, Double))], _ lo: Int, _ hi: Int, depth: Int) {
        guard hi - lo > 1 else { return }
        let axis = depth % 3
        let mid = (lo + hi) / 2
        func key(_ e: (Int32, (Double, Double, Double))) -> Double { axis == 0 ? e.1.0 : axis == 1 ? e.1.1 : e.1.2 }
        // Quickselect the median.
        var l = lo, r = hi - 1
        while l < r {
            let pivot = key(p[(l + r) / 2])
            var i = l, j = r
            while i <= j {
                while key(p[i]) < pivot { i += 1 }
                while key(p[j]) > pivot { j -= 1 }
                if i <= j { p.swapAt(i, j); i += 1; j -= 1 }
            }
            if mid <= j { r = j } else if mid >= i { l = i } else { break }
        }
        build(&p, lo, mid, depth: depth + 1)
        build(&p, mid + 1, hi, depth: depth + 1)
    }

    /// The `k` nearest points accepted by `accept` (given the caller's index), nearest first, with
    /// their great-circle distance in metres.
    public func nearest(to c: GeoCoordinate, k: Int, where accept: (Int) -> Bool = { _ in true }) -> [(index: Int, distance: Double)] {
        guard k > 0, count > 0 else { return [] }
        let q = Self.unitVector(c)
        var best: [(Double, Int32)] = []   // squared chord, id; sorted ascending
        best.reserveCapacity(k + 1)
        xyz.withUnsafeBufferPointer { pts in
            ids.withUnsafeBufferPointer { idp in
                var stack: [(Int, Int, Int)] = [(0, count, 0)]
                stack.reserveCapacity(64)
                while let (lo, hi, depth) = stack.popLast() {
                    guard hi > lo else { continue }
                    let mid = (lo + hi) / 2
                    let px = pts[mid * 3], py = pts[mid * 3 + 1], pz = pts[mid * 3 + 2]
                    let dx = px - q.0, dy = py - q.1, dz = pz - q.2
                    let d2 = dx * dx + dy * dy + dz * dz
                    if best.count < k || d2 < best[best.count - 1].0, accept(Int(idp[mid])) {
                        let at = best.firstIndex { $0.0 > d2 } ?? best.count
                        best.insert((d2, idp[mid]), at: at)
                        if best.count > k { best.removeLast() }
                    }
                    let axis = depth % 3
                    let diff = axis == 0 ? q.0 - px : axis == 1 ? q.1 - py : q.2 - pz
                    let (near, far) = diff < 0 ? ((lo, mid), (mid + 1, hi)) : ((mid + 1, hi), (lo, mid))
                    // Visit the far side only if the splitting plane is closer than the k-th best.
                    if best.count < k || diff * diff < best[best.count - 1].0 {
                        stack.append((far.0, far.1, depth + 1))
                    }
                    stack.append((near.0, near.1, depth + 1))
                }
            }
        }
        return best.map { (Int($0.1), 2 * Self.earthRadius * asin(min(1, $0.0.squareRoot() / 2))) }
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
        var best: (d2: Double, id: Int32)?
        xyz.withUnsafeBufferPointer { pts in
            ids.withUnsafeBufferPointer { idp in
                // The tree is balanced: its depth is log2 of the count, so 128 entries are plenty.
                withUnsafeTemporaryAllocation(of: (Int, Int, Int).self, capacity: 128) { stack in
                    var top = 0
                    stack[0] = (0, count, 0)
                    top = 1
                    while top > 0 {
                        top -= 1
                        let (lo, hi, depth) = stack[top]
                        guard hi > lo else { continue }
                        let mid = (lo + hi) / 2
                        let px = pts[mid * 3], py = pts[mid * 3 + 1], pz = pts[mid * 3 + 2]
                        let dx = px - q.0, dy = py - q.1, dz = pz - q.2
                        let d2 = dx * dx + dy * dy + dz * dz
                        if d2 <= limit {
                            found += 1
                            if best == nil || d2 < best!.d2 || (d2 == best!.d2 && idp[mid] < best!.id) { best = (d2, idp[mid]) }
                        }
                        let axis = depth % 3
                        let diff = axis == 0 ? q.0 - px : axis == 1 ? q.1 - py : q.2 - pz
                        let (near, far) = diff < 0 ? ((lo, mid), (mid + 1, hi)) : ((mid + 1, hi), (lo, mid))
                        if diff * diff <= limit { stack[top] = (far.0, far.1, depth + 1); top += 1 }
                        stack[top] = (near.0, near.1, depth + 1)
                        top += 1
                    }
                }
            }
        }
        return (found, best.map { (Int($0.id), 2 * Self.earthRadius * asin(min(1, $0.d2.squareRoot() / 2))) })
    }

    /// How many points lie within `radius` metres (great-circle) of `c`.
    public func count(within radius: Double, of c: GeoCoordinate) -> Int {
        within(radius, of: c).count
    }
}
