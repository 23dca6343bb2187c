import Testing
@testable import MapGeometry

@Suite struct StrokeMeshTests {
    @Test func twoTrianglesPerSegmentPlusJoins() {
        var mesh = StrokeMesh()
        mesh.append(line: [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10)])
        // 2 segments × 2 triangles + 1 join × 2 triangles.
        #expect(mesh.triangleCount == 6)
        // Extrusions are unit length (or zero at join centres).
        for e in mesh.extrusions { #expect(e.length == 0 || abs(e.length - 1) < 1e-12) }
    }

    @Test func duplicatePointsAreSkipped() {
        var mesh = StrokeMesh()
        mesh.append(line: [Point(x: 0, y: 0), Point(x: 0, y: 0), Point(x: 5, y: 0)])
        #expect(mesh.triangleCount == 2)
        var single = StrokeMesh()
        single.append(line: [Point(x: 1, y: 1), Point(x: 1, y: 1)])
        #expect(single.triangleCount == 0)
    }
}
