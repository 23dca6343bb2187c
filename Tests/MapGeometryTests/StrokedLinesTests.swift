import Testing
@testable import MapGeometry

@Suite struct StrokedLinesTests {
    @Test func segmentsAndJoints() {
        var lines = StrokedLines()
        lines.append(line: [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10)])
        #expect(lines.segments.count == 2)
        #expect(lines.joints.count == 1)
        #expect(lines.joints[0].point == Point(x: 10, y: 0))
        for s in lines.segments { #expect(abs(s.normal.length - 1) < 1e-12) }
        // The normal is perpendicular to its segment.
        for s in lines.segments { let d = s.b - s.a; #expect(abs(d.x * s.normal.x + d.y * s.normal.y) < 1e-12) }
    }

    @Test func straightRunsNeedNoJoint() {
        var lines = StrokedLines()
        lines.append(line: [Point(x: 0, y: 0), Point(x: 5, y: 0), Point(x: 10, y: 0)])
        #expect(lines.segments.count == 2 && lines.joints.isEmpty)
    }

    @Test func closedRingJoinsBackToItsStart() {
        var lines = StrokedLines()
        lines.append(line: [Point(x: 0, y: 0), Point(x: 4, y: 0), Point(x: 4, y: 4), Point(x: 0, y: 4)], closed: true)
        #expect(lines.segments.count == 4 && lines.joints.count == 4)
    }

    @Test func duplicatePointsAreSkipped() {
        var lines = StrokedLines()
        lines.append(line: [Point(x: 0, y: 0), Point(x: 0, y: 0), Point(x: 5, y: 0)])
        #expect(lines.segments.count == 1)
        var single = StrokedLines()
        single.append(line: [Point(x: 1, y: 1), Point(x: 1, y: 1)])
        #expect(single.segments.isEmpty)
    }
}
