import Foundation
import Testing
@testable import MapGeometry
@testable import MapScene

@Suite struct BasemapPreparerTests {
    func region() throws -> [MapFeature] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../assets/basemap/hauts-de-france/region-hauts-de-france.geojson")
        return try GeoJSONReader.read(fileAt: url)
    }

    /// Coarser levels never carry more geometry than finer ones.
    @Test func levelsOfDetailNeverAddVerticesAsZoomDecreases() throws {
        let prepared = BasemapPreparer().prepare(sources: ["region": try region()])
        let levels = try #require(prepared.sources["region"])
        let counts = levels.map { $0.fills.reduce(0) { $0 + $1.positions.count } }
        for i in 1..<counts.count { #expect(counts[i - 1] <= counts[i], "level \(i - 1) has more vertices than level \(i)") }
        #expect(counts.first! < counts.last!)
    }

    @Test func drawsOnlyWhatIsVisible() throws {
        let style = MapStyle(name: "t", background: .white, layers: [
            .init(id: "f", source: "region", type: .fill, color: .black, width: nil, minzoom: nil, maxzoom: nil),
        ], ui: .init(bar: .black, barText: .white, button: .white, buttonText: .black, accent: .black, panel: .white,
                     panelText: .black, shade: .black, attributionText: .black, attributionBackground: .white))
        let renderer = MapRenderer(basemap: BasemapPreparer().prepare(sources: ["region": try region()]), style: style)
        var onRegion = DisplayList(background: .white)
        renderer.draw(camera: Camera(coordinate: GeoCoordinate(latitude: 50, longitude: 2.8), zoom: 8,
                                     viewport: Size(width: 800, height: 600)), into: &onRegion)
        #expect(onRegion.triangleCount > 100)
        var overSpain = DisplayList(background: .white)
        renderer.draw(camera: Camera(coordinate: GeoCoordinate(latitude: 40, longitude: -3), zoom: 8,
                                     viewport: Size(width: 800, height: 600)), into: &overSpain)
        #expect(overSpain.triangleCount == 0)
    }
}
