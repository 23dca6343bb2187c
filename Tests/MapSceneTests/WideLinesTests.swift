import Testing
@testable import MapGeometry
@testable import MapScene

/// Wide lines are drawn from their polylines: quads along the segments, a bevel at each bend.
@Suite struct WideLinesTests {
    /// Zoom 0, centred so that world and screen coincide on a 200-pixel square.
    let transform = ScreenTransform(camera: Camera(center: Point(x: 100, y: 100), zoom: 0, viewport: Size(width: 200, height: 200)))

    func bucket(_ runs: [[Float]]) -> LineBucket {
        var starts: [Int32] = [0]
        for run in runs { starts.append(starts.last! + Int32(run.count / 2)) }
        return LineBucket(featureClass: nil, bounds: BoundingBox(minX: -200, minY: -200, maxX: 400, maxY: 400),
                          origin: Point(x: 0, y: 0), runPoints: runs.flatMap { $0 }, runStarts: starts)
    }

    @Test func anElbowIsTwoRowsOfQuadsAndABevel() {
        let elbow = bucket([[50, 50, 150, 50, 150, 150]])
        let mesh = transform.line(elbow, halfWidth: 2, joins: true, color: .black)
        // Each 100-pixel segment in pieces of at most 12 pixels (9), two triangles a piece; the bevel two.
        #expect(mesh.triangleCount == 9 * 2 * 2 + 2)
        // The first segment starts half a width either side of (50, 50), along its normal (0, 1).
        #expect(Array(mesh.vertices.prefix(4)) == [50, 52, 50, 48])
        // The bevel comes after the first segment's 20 vertices: at the bend, between the two segments' edges.
        let bevel = Array(mesh.vertices[40 ..< 50])
        #expect(bevel == [150, 50, 150, 52, 148, 50, 150, 48, 152, 50])
        #expect(transform.line(elbow, halfWidth: 2, joins: false, color: .black).triangleCount == 9 * 2 * 2)
        #expect(elbow.triangleCount == 2 * 2 + 2, "the bucket counts a triangle pair a segment, before cutting, and a bevel")
    }

    @Test func whatLiesOffScreenIsNotDrawnAndRunsAreNotJoined() {
        // A bend wholly off the screen's top-left: neither its segments nor its bevel.
        let offScreen = bucket([[-100, -60, -50, -50, -60, -100]])
        #expect(transform.line(offScreen, halfWidth: 2, joins: true, color: .black).triangleCount == 0)
        // Two runs end to end at a right angle are two lines: no bevel between them.
        let twoRuns = bucket([[50, 50, 62, 50], [62, 50, 62, 62]])
        #expect(transform.line(twoRuns, halfWidth: 2, joins: true, color: .black).triangleCount == 4)
    }
}
