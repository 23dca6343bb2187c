import Testing
@testable import MapGeometry

@Suite struct LineStrokeTests {
    struct Walked {
        var segments: [[Float]] = []
        var bends: [[Float]] = []
    }

    func walk(_ points: [Float], from start: Int = 0, to end: Int? = nil) -> Walked {
        var walked = Walked()
        LineStroke.walk(points, from: start, to: end ?? points.count / 2,
                        segment: { walked.segments.append([$0, $1, $2, $3, $4, $5]) },
                        bend: { walked.bends.append([$0, $1, $2, $3, $4, $5]) })
        return walked
    }

    @Test func eachSegmentHasItsUnitNormalAndEachTurnABevel() {
        let walked = walk([0, 0, 10, 0, 10, 10])
        #expect(walked.segments == [[0, 0, 10, 0, 0, 1], [10, 0, 10, 10, -1, 0]])
        // At (10, 0), from the first segment's normal to the second's.
        #expect(walked.bends == [[10, 0, 0, 1, -1, 0]])
        let slanted = walk([1, 2, 4, 6])
        let s = slanted.segments[0]
        #expect(abs(s[4] * s[4] + s[5] * s[5] - 1) < 1e-6)
        #expect(abs(3 * s[4] + 4 * s[5]) < 1e-6, "perpendicular to (3, 4)")
    }

    @Test func aStraightLineNeedsNoBevelNorDoesAnAlmostStraightOne() {
        #expect(walk([0, 0, 5, 0, 10, 0]).bends.isEmpty)
        // A bend of a millionth of a radian: no bevel; of a hundredth: one.
        #expect(walk([0, 0, 1000, 0, 2000, 0.001]).bends.isEmpty)
        #expect(walk([0, 0, 1000, 0, 2000, 10]).bends.count == 1)
        // Turning back on itself is a bend (a half-turn has a cross product of zero too).
        #expect(walk([0, 0, 10, 0, 5, 0]).bends.count == 1)
    }

    @Test func repeatedPointsAreSkippedAndAPointAloneDrawsNothing() {
        let walked = walk([0, 0, 0, 0, 5, 0, 5, 0, 5, 5])
        #expect(walked.segments == [[0, 0, 5, 0, 0, 1], [5, 0, 5, 5, -1, 0]])
        #expect(walked.bends.count == 1)
        #expect(walk([1, 1, 1, 1]).segments.isEmpty)
        #expect(walk([1, 1]).segments.isEmpty)
    }

    @Test func aRunIsWalkedAloneWithinSharedPoints() {
        // Two runs in one array: points 0..<2 and 2..<4; the second is walked without the first.
        let points: [Float] = [0, 0, 10, 0, 20, 20, 20, 30]
        let second = walk(points, from: 2, to: 4)
        #expect(second.segments == [[20, 20, 20, 30, -1, 0]])
        #expect(second.bends.isEmpty)
    }
}
