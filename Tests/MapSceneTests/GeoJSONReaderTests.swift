import Foundation
import Testing
@testable import MapGeometry
@testable import MapScene

@Suite struct GeoJSONReaderTests {
    @Test func readsWGS84Polygon() throws {
        let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"Lille","code":59350},"geometry":{"type":"Polygon","coordinates":[[[3.0,50.6],[3.1,50.6],[3.1,50.7],[3.0,50.7],[3.0,50.6]]]}}]}"#
        let features = try GeoJSONReader.read(data: Data(json.utf8), name: "test.geojson")
        #expect(features.count == 1)
        #expect(features[0].properties["nom"] == "Lille")
        #expect(features[0].properties["code"] == "59350")
        guard case .polygons(let polygons) = features[0].geometry else { Issue.record("not a polygon"); return }
        #expect(polygons[0].outer.count == 4, "the closing point is dropped")
    }

    @Test func convertsEPSG3857() throws {
        let json = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[340971.6,6557367.8],[341000,6557400]]}}]}"#
        let features = try GeoJSONReader.read(data: Data(json.utf8), name: "lille.json")
        guard case .lines(let lines) = features[0].geometry else { Issue.record("not a line"); return }
        let expected = WebMercator.project(GeoCoordinate(latitude: 50.6372, longitude: 3.0630))
        #expect(lines[0][0].distance(to: expected) < 1e-6)
    }

    @Test func refusesUnknownCRSNamingTheFile() {
        let json = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2154"}},"features":[]}"#
        #expect {
            try GeoJSONReader.read(data: Data(json.utf8), name: "lambert93.geojson")
        } throws: { error in
            "\(error)".contains("lambert93.geojson") && "\(error)".contains("EPSG:2154")
        }
    }

    @Test func refusesMalformedGeometryNamingTheFeature() {
        let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[3.0,50.6]}},{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[3.0,"x"],[3.1,50.6],[3.1,50.7]]]}}]}"#
        #expect {
            try GeoJSONReader.read(data: Data(json.utf8), name: "bad.geojson")
        } throws: { error in
            let text = "\(error)"
            return text.contains("bad.geojson") && text.contains("feature 1")
        }
    }

    @Test func refusesNonJSON() {
        #expect(throws: GeoJSONError.self) { try GeoJSONReader.read(data: Data("{not json".utf8), name: "x") }
    }
}
