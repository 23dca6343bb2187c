import Testing
@testable import MapGeometry

@Suite struct WebMercatorTests {
    @Test func originAndCorners() {
        let p = WebMercator.project(GeoCoordinate(latitude: 0, longitude: 0))
        #expect(abs(p.x - 128) < 1e-9 && abs(p.y - 128) < 1e-9)
        let nw = WebMercator.project(GeoCoordinate(latitude: WebMercator.maxLatitude, longitude: -180))
        #expect(abs(nw.x) < 1e-9 && abs(nw.y) < 1e-6)
    }

    @Test func roundTrip() {
        for (lat, lon) in [(50.6292, 3.0573), (48.8566, 2.3522), (-33.86, 151.2), (0.001, -179.9)] {
            let back = WebMercator.unproject(WebMercator.project(GeoCoordinate(latitude: lat, longitude: lon)))
            #expect(abs(back.latitude - lat) < 1e-9 && abs(back.longitude - lon) < 1e-9)
        }
    }

    /// EPSG:3857 metres (OpenStreetMap extracts) land where their WGS84 equivalent does.
    @Test func metresMatchDegrees() {
        // Lille, Grand-Place: 3.0630 E, 50.6372 N ≈ (340 971.6 m, 6 557 367.8 m) in EPSG:3857.
        let fromMetres = WebMercator.fromMeters(x: 340_971.6, y: 6_557_367.8)
        let fromDegrees = WebMercator.project(GeoCoordinate(latitude: 50.6372, longitude: 3.0630))
        // 1 world unit ≈ 156 km at the equator; 1e-6 unit ≈ 0.16 m.
        #expect(fromMetres.distance(to: fromDegrees) < 1e-6)
    }

    @Test func greatCircleDistance() {
        let lille = GeoCoordinate(latitude: 50.6292, longitude: 3.0573)
        let amiens = GeoCoordinate(latitude: 49.8941, longitude: 2.2958)
        let d = lille.distance(to: amiens)
        #expect(abs(d - 99_500) < 1_500)
    }
}
