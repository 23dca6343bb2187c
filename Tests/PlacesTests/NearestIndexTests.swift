import Foundation
import Testing
import MapGeometry
@testable import Places

@Suite struct NearestIndexTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func randomFrance(_ n: Int, seed: UInt64) -> [GeoCoordinate] {
        var rng = SplitMix(state: seed)
        return (0..<n).map { _ in GeoCoordinate(latitude: .random(in: 42...51, using: &rng), longitude: .random(in: -4.5...8, using: &rng)) }
    }

    /// Property: the index returns exactly what a brute force over great-circle distances returns.
    @Test func nearestEqualsBruteForce() {
        let points = randomFrance(5_000, seed: 7)
        let index = NearestIndex(coordinates: points)
        var rng = SplitMix(state: 99)
        for _ in 0..<200 {
            let q = GeoCoordinate(latitude: .random(in: 41...52, using: &rng), longitude: .random(in: -5...9, using: &rng))
            let k = Int.random(in: 1...12, using: &rng)
            let got = index.nearest(to: q, k: k)
            let expected = points.enumerated().map { ($0.offset, q.distance(to: $0.element)) }.sorted { $0.1 < $1.1 }.prefix(k)
            #expect(got.map(\.index) == expected.map(\.0))
            for (g, e) in zip(got, expected) { #expect(abs(g.distance - e.1) < 0.01) }
        }
    }

    /// A tree read from a snapshot's bytes is the tree built, and answers as it does.
    @Test(arguments: [0, 1, 8, 9, 5_000]) func aTreeReadBackIsTheTreeBuilt(count: Int) throws {
        let index = NearestIndex(coordinates: randomFrance(count, seed: 11))
        var writer = ByteWriter()
        index.write(to: &writer)
        let read = try writer.bytes.withUnsafeBytes { bytes in
            var reader = ByteReader(bytes)
            let read = try NearestIndex(from: &reader)
            #expect(reader.isAtEnd)
            return read
        }
        #expect(read.count == count && read.xyz == index.xyz && read.ids == index.ids && read.axes == index.axes && read.splits == index.splits)
        var rng = SplitMix(state: 5)
        for _ in 0..<50 {
            let q = GeoCoordinate(latitude: .random(in: 41...52, using: &rng), longitude: .random(in: -5...9, using: &rng))
            #expect(read.nearest(to: q, k: 7).map(\.index) == index.nearest(to: q, k: 7).map(\.index))
        }
    }

    /// Bytes a query would trust are checked: a point numbered past the others, a split on a
    /// fourth axis, a tree cut short.
    @Test func aDamagedTreeIsRefused() {
        var writer = ByteWriter()
        NearestIndex(coordinates: randomFrance(100, seed: 3)).write(to: &writer)
        let good = writer.bytes
        let idsStart = 1 + 100 * 24
        let axesStart = idsStart + 100 * 4 + 1
        var pastTheEnd = good
        pastTheEnd.replaceSubrange(idsStart..<(idsStart + 4), with: [200, 0, 0, 0])
        var fourthAxis = good
        fourthAxis[axesStart] = 3
        for damaged in [pastTheEnd, fourthAxis, Array(good.dropLast(3)), [0xFF, 0xFF, 0x03]] {
            #expect(throws: ByteReader.Damaged.self) {
                try damaged.withUnsafeBytes { bytes in
                    var reader = ByteReader(bytes)
                    _ = try NearestIndex(from: &reader)
                }
            }
        }
    }

    @Test func filtersAreAppliedAndStillNearestFirst() {
        let points = randomFrance(3_000, seed: 11)
        let index = NearestIndex(coordinates: points)
        let lille = GeoCoordinate(latitude: 50.63, longitude: 3.06)
        let even = index.nearest(to: lille, k: 10) { $0 % 2 == 0 }
        let expected = points.enumerated().filter { $0.offset % 2 == 0 }.map { ($0.offset, lille.distance(to: $0.element)) }
            .sorted { $0.1 < $1.1 }.prefix(10)
        #expect(even.map(\.index) == expected.map(\.0))
        #expect(index.nearest(to: lille, k: 5) { _ in false }.isEmpty)
    }

    @Test func edgeCases() {
        #expect(NearestIndex(coordinates: []).nearest(to: GeoCoordinate(latitude: 0, longitude: 0), k: 3).isEmpty)
        let one = NearestIndex(coordinates: [GeoCoordinate(latitude: 50, longitude: 3)])
        #expect(one.nearest(to: GeoCoordinate(latitude: 50, longitude: 3), k: 3).map(\.index) == [0])
        // Duplicates and points across the antimeridian.
        let wrap = NearestIndex(coordinates: [GeoCoordinate(latitude: 0, longitude: 179.9), GeoCoordinate(latitude: 0, longitude: -179.9),
                                              GeoCoordinate(latitude: 0, longitude: 0), GeoCoordinate(latitude: 0, longitude: 179.9)])
        let hits = wrap.nearest(to: GeoCoordinate(latitude: 0, longitude: -179.95), k: 3)
        #expect(Set(hits.map(\.index)) == [0, 1, 3])
    }

    /// Property: `within` counts exactly the points a brute force finds in the radius, and names
    /// the nearest of them.
    @Test func withinEqualsBruteForce() {
        let points = randomFrance(4_000, seed: 21)
        let index = NearestIndex(coordinates: points)
        var rng = SplitMix(state: 5)
        for _ in 0..<150 {
            let q = GeoCoordinate(latitude: .random(in: 42...51, using: &rng), longitude: .random(in: -4.5...8, using: &rng))
            let radius = Double.random(in: 1_000...60_000, using: &rng)
            let inside = points.enumerated().map { ($0.offset, q.distance(to: $0.element)) }.filter { $0.1 <= radius }
            let got = index.within(radius, of: q)
            #expect(abs(got.count - inside.count) <= 1, "a point on the rim may round either way")
            if let nearest = inside.min(by: { $0.1 < $1.1 }), nearest.1 < radius - 1 {
                #expect(got.nearest?.index == nearest.0)
            }
        }
    }

    /// Places often share a building: many equal points (more than a leaf holds) come nearest
    /// first in the caller's order, whatever the tree made of them.
    @Test func equalPointsComeInTheCallersOrder() {
        var points = randomFrance(500, seed: 3)
        let townHall = GeoCoordinate(latitude: 50.29, longitude: 2.78)
        let shared = [17, 40, 41, 99, 120, 230, 231, 232, 300, 301, 302, 303, 480, 499]
        for i in shared { points[i] = townHall }
        let index = NearestIndex(coordinates: points)
        #expect(index.nearest(to: townHall, k: 10).map(\.index) == Array(shared.prefix(10)))
        #expect(index.nearest(to: townHall, k: 3) { $0 % 2 == 1 }.map(\.index) == [17, 41, 99])
        #expect(index.within(10, of: townHall).count == shared.count)
        #expect(index.within(10, of: townHall).nearest?.index == 17)
    }
}
