import Foundation
import Testing
@testable import MapGeometry

/// Every commune of the region (3,808 polygons with holes and multipolygon parts, as published):
/// triangles cover each polygon exactly and never leave it.
@Suite struct CommuneTriangulationTests {
    func communes() throws -> [(code: String, polygons: [Polygon])] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../assets/basemap/hauts-de-france/communes-hauts-de-france.geojson")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (root["features"] as! [[String: Any]]).map { f in
            let code = (f["properties"] as! [String: Any])["code"] as! String
            let g = f["geometry"] as! [String: Any]
            func ring(_ r: [[Double]]) -> [Point] {
                Polygon.openRing(r.map { WebMercator.project(GeoCoordinate(latitude: $0[1], longitude: $0[0])) })
            }
            let parts: [[[[Double]]]] = g["type"] as! String == "Polygon"
                ? [g["coordinates"] as! [[[Double]]]] : g["coordinates"] as! [[[[Double]]]]
            return (code, parts.map { Polygon(rings: $0.map(ring)) })
        }
    }

    @Test func everyCommuneTriangulatesExactly() throws {
        let all = try communes()
        #expect(all.count == 3808)
        var worst = 0.0
        var outside = 0
        for commune in all {
            for polygon in commune.polygons {
                let (coords, triangles) = Earcut.triangulate(polygon)
                let holes = polygon.rings.dropLast().reduce(into: [Int]()) { acc, r in acc.append((acc.last ?? 0) + r.count) }
                let deviation = Earcut.deviation(coords, holeIndices: holes, triangles: triangles)
                worst = max(worst, deviation)
                #expect(deviation < 1e-6, "commune \(commune.code): area deviation \(deviation)")
                var i = 0
                while i < triangles.count {
                    let a = Int(triangles[i]) * 2, b = Int(triangles[i + 1]) * 2, c = Int(triangles[i + 2]) * 2
                    let twiceArea = abs((coords[a] - coords[c]) * (coords[b + 1] - coords[a + 1]) - (coords[a] - coords[b]) * (coords[c + 1] - coords[a + 1]))
                    if twiceArea > 1e-16 {
                        let centroid = Point(x: (coords[a] + coords[b] + coords[c]) / 3, y: (coords[a + 1] + coords[b + 1] + coords[c + 1]) / 3)
                        if !polygon.contains(centroid) { outside += 1 }
                    }
                    i += 3
                }
            }
        }
        #expect(outside == 0, "\(outside) triangles outside their commune")
    }
}
