import Foundation
import Testing
@testable import MapGeometry
@testable import MapScene

/// A region's streets are prepared only for the levels of detail of the zooms that draw them.
@Suite struct DrawnZoomsTests {
    let style = MapStyle(name: "t", background: .white, layers: [
        .init(id: "main", source: "streets", type: .line, color: .black, width: 3, minzoom: 8, classes: ["primary"]),
        .init(id: "minor", source: "streets", type: .line, color: .black, width: 3, minzoom: 14, classes: ["residential"]),
        .init(id: "far", source: "streets", type: .line, color: .black, width: 3, maxzoom: 9, classes: ["motorway"]),
        .init(id: "main-thin", source: "streets", type: .line, color: .black, width: 1, minzoom: 8, maxzoom: 10, classes: ["primary"]),
    ], labels: nil, ui: testUI)

    func source(pruned: Bool) -> BasemapSource {
        let base = WebMercator.project(GeoCoordinate(latitude: 50.63, longitude: 3.06))
        func street(_ featureClass: String, _ offset: Double) -> MapFeature {
            let line = (0 ..< 20).map { Point(x: base.x + Double($0) * 1e-4, y: base.y + offset + sin(Double($0)) * 1e-5) }
            return MapFeature(geometry: .lines([line]), properties: ["highway": featureClass])
        }
        var source = BasemapSource(features: [street("primary", 0), street("residential", 1e-3), street("motorway", 2e-3), street("footway", 3e-3)],
                                   classProperty: "highway", needs: .of("streets", in: style))
        if pruned { source.drawnZooms = .of("streets", in: [style]) }
        return source
    }

    func classes(_ level: DetailLevel) -> Set<String> { Set(level.lines.compactMap(\.featureClass)) }

    @Test func aClassIsPreparedOnlyWhereItsLayersDrawIt() {
        let prepared = BasemapPreparer().prepare(sources: ["streets": source(pruned: true)])
        let levels = prepared.sources["streets"]!
        for level in levels {
            let kept = classes(level)
            // A level serves the zooms from its own − ¼ to the next level's − ¼.
            #expect(kept.contains("primary") == (level.zoom >= 8), "primary at z\(level.zoom)")
            #expect(kept.contains("residential") == (level.zoom >= 13), "residential at z\(level.zoom)")
            #expect(kept.contains("motorway") == (level.zoom <= 9), "motorway at z\(level.zoom)")
            #expect(!kept.contains("footway"), "no layer draws footways")
        }
        let everything = BasemapPreparer().prepare(sources: ["streets": source(pruned: false)])
        #expect(everything.sources["streets"]!.allSatisfy { classes($0).count == 4 })
    }

    @Test func whatIsDrawnIsTheSameAtEveryZoom() {
        let pruned = MapRenderer(basemap: BasemapPreparer().prepare(sources: ["streets": source(pruned: true)]), style: style)
        let whole = MapRenderer(basemap: BasemapPreparer().prepare(sources: ["streets": source(pruned: false)]), style: style)
        for zoom in stride(from: 6.0, through: 17.0, by: 0.25) {
            let camera = Camera(coordinate: GeoCoordinate(latitude: 50.6305, longitude: 3.0605), zoom: zoom, viewport: Size(width: 800, height: 600))
            var a = DisplayList(background: .white), b = DisplayList(background: .white)
            pruned.draw(camera: camera, into: &a)
            whole.draw(camera: camera, into: &b)
            #expect(a.triangleCount == b.triangleCount, "zoom \(zoom)")
            #expect(a.triangleCount > 0 || zoom < 8, "zoom \(zoom): something drawn")
        }
    }

    @Test func spansJoinEveryLayerOfAClass() {
        let zooms = BasemapSource.DrawnZooms.of("streets", in: [style, MapStyle(name: "u", background: .white, layers: [
            .init(id: "all", source: "streets", type: .line, color: .black, width: 1, minzoom: 12, maxzoom: 13),
        ], labels: nil, ui: testUI)])
        #expect(zooms.span(of: "residential") == 12 ... 30)
        #expect(zooms.span(of: "motorway") == 0 ... 13)
        #expect(zooms.span(of: "footway") == 12 ... 13)
        #expect(BasemapSource.DrawnZooms.of("streets", in: [style]).span(of: "footway") == nil)
    }
}
