import Testing
@testable import MapGeometry

@Suite struct LineSimplifierTests {
    func zigzag(_ n: Int) -> [Point] {
        (0..<n).map { i -> Point in
            let y: Double = i % 2 == 0 ? 0 : 0.3 + Double(i % 7) * 0.1
            return Point(x: Double(i), y: y)
        }
    }

    @Test func keepsEndpointsAndNeverAddsPoints() {
        let line = zigzag(200)
        var previous = line.count
        for tolerance in [0.01, 0.2, 0.5, 1, 5] {
            let s = LineSimplifier.simplify(line, tolerance: tolerance)
            #expect(s.first == line.first && s.last == line.last)
            #expect(s.count <= previous, "a larger tolerance must not add points")
            previous = s.count
        }
        #expect(previous == 2)
    }

    @Test func straightLineCollapses() {
        let line = (0...50).map { Point(x: Double($0), y: 2 * Double($0)) }
        #expect(LineSimplifier.simplify(line, tolerance: 0.001).count == 2)
    }

    @Test func tinyRingIsDropped() {
        let ring = [Point(x: 0, y: 0), Point(x: 0.001, y: 0), Point(x: 0.001, y: 0.001), Point(x: 0, y: 0.001)]
        #expect(LineSimplifier.simplifyRing(ring, tolerance: 1).isEmpty)
        let big = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10)]
        #expect(LineSimplifier.simplifyRing(big, tolerance: 1).count == 4)
    }
}
