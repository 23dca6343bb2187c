import Foundation
import Testing
@testable import MapGeometry

/// Triangulation covers the polygon exactly: same area, no triangle outside.
@Suite struct EarcutTests {
    /// Every triangle's centroid lies inside the polygon (even-odd over all rings).
    func assertInside(_ polygon: Polygon, _ coords: [Double], _ triangles: [Int32]) {
        var i = 0
        while i < triangles.count {
            let a = Int(triangles[i]) * 2, b = Int(triangles[i + 1]) * 2, c = Int(triangles[i + 2]) * 2
            let area = abs((coords[a] - coords[c]) * (coords[b + 1] - coords[a + 1]) - (coords[a] - coords[b]) * (coords[c + 1] - coords[a + 1]))
            if area > 1e-18 {
                let centroid = Point(x: (coords[a] + coords[b] + coords[c]) / 3, y: (coords[a + 1] + coords[b + 1] + coords[c + 1]) / 3)
                #expect(polygon.contains(centroid), "triangle \(i / 3) lies outside the polygon")
            }
            i += 3
        }
    }

    @Test func square() {
        let t = Earcut.triangulate([0, 0, 10, 0, 10, 10, 0, 10])
        #expect(t.count == 6)
        #expect(Earcut.deviation([0, 0, 10, 0, 10, 10, 0, 10], holeIndices: [], triangles: t) < 1e-12)
    }

    @Test func squareWithSquareHole() {
        let polygon = Polygon(rings: [
            [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10)],
            [Point(x: 3, y: 3), Point(x: 3, y: 7), Point(x: 7, y: 7), Point(x: 7, y: 3)],
        ])
        let (coords, t) = Earcut.triangulate(polygon)
        #expect(t.count == 8 * 3)
        #expect(Earcut.deviation(coords, holeIndices: [4], triangles: t) < 1e-12)
        assertInside(polygon, coords, t)
    }

    @Test func duplicatePointsAndCollinearEdges() {
        // A square written with repeated and collinear points, as real data has them.
        let coords: [Double] = [0, 0, 5, 0, 5, 0, 10, 0, 10, 5, 10, 10, 10, 10, 5, 10, 0, 10, 0, 5]
        let t = Earcut.triangulate(coords)
        #expect(!t.isEmpty)
        #expect(Earcut.deviation(coords, holeIndices: [], triangles: t) < 1e-12)
    }

    @Test func holeTouchingOuterRing() {
        // The hole shares a vertex with the outer ring.
        let polygon = Polygon(rings: [
            [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10)],
            [Point(x: 0, y: 5), Point(x: 4, y: 7), Point(x: 4, y: 3)],
        ])
        let (coords, t) = Earcut.triangulate(polygon)
        #expect(Earcut.deviation(coords, holeIndices: [4], triangles: t) < 1e-9)
    }

    @Test func degenerateInputGivesNothing() {
        #expect(Earcut.triangulate([]).isEmpty)
        #expect(Earcut.triangulate([0, 0, 1, 1]).isEmpty)
        #expect(Earcut.triangulate([0, 0, 1, 1, 2, 2]).isEmpty)          // collinear
        #expect(Earcut.triangulate([1, 1, 1, 1, 1, 1, 1, 1]).isEmpty)    // one point repeated
    }

    @Test func concaveComb() {
        // A comb: many reflex vertices.
        var ring: [Double] = [0, 0, 40, 0, 40, 10]
        for k in stride(from: 38, through: 2, by: -4) {
            ring += [Double(k), 10, Double(k), 2, Double(k - 2), 2, Double(k - 2), 10]
        }
        ring += [0, 10]
        let t = Earcut.triangulate(ring)
        #expect(Earcut.deviation(ring, holeIndices: [], triangles: t) < 1e-12)
    }

    /// The bundled region outline: 4,036 vertices of real boundary data, in world units.
    @Test func regionOutline() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../assets/basemap/hauts-de-france/region-hauts-de-france.geojson")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let ring = ((object["geometry"] as! [String: Any])["coordinates"] as! [[[Double]]])[0]
        let polygon = Polygon(rings: [Polygon.openRing(ring.map {
            WebMercator.project(GeoCoordinate(latitude: $0[1], longitude: $0[0]))
        })])
        let (coords, t) = Earcut.triangulate(polygon)
        #expect(t.count == (polygon.vertexCount - 2) * 3)
        #expect(Earcut.deviation(coords, holeIndices: [], triangles: t) < 1e-6)
        assertInside(polygon, coords, t)
    }
}
