import Foundation
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene

/// A kiosk on the bundled assets (real style, strings and region outline), with no display.
enum KioskFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static let viewport = Size(width: 1920, height: 1080)

    static let renderer: MapRenderer = {
        let style = try! MapStyle.load(from: root.appendingPathComponent("assets/styles/calm.json"))
        let region = try! GeoJSONReader.read(fileAt: root.appendingPathComponent("assets/basemap/hauts-de-france/region-hauts-de-france.geojson"))
        return MapRenderer(basemap: BasemapPreparer().prepare(sources: ["region": BasemapSource(features: region)]), style: style)
    }()

    static let catalog = try! StringCatalog.load(directory: root.appendingPathComponent("assets/strings"), languages: ["fr", "en"])

    static let settings = KioskSettings(
        homeCenter: GeoCoordinate(latitude: 49.93, longitude: 2.8), homeZoom: 8.3,
        constraints: CameraConstraints(west: 1.38, south: 48.83, east: 4.26, north: 51.09, minZoom: 7, maxZoom: 17),
        idleTimeout: 90, idleWarning: 10, screenDiagonalInches: 43, attribution: "© IGN Admin Express / Etalab")

    static func make(settings: KioskSettings = settings) -> Kiosk {
        Kiosk(settings: settings, map: renderer, catalog: catalog, viewport: viewport, now: 0)
    }
}

extension Kiosk {
    /// Sends events at increasing times, advancing the clock at 120 Hz as a touch screen would.
    mutating func play(_ events: [(Double, InputEvent)]) {
        for (t, e) in events {
            advance(to: t)
            handle(e, at: t)
        }
    }

    /// Runs the clock until nothing moves (or `limit` seconds pass).
    mutating func settle(from t: Double, limit: Double = 10) -> Double {
        var now = t
        repeat {
            now += 1.0 / 60
            advance(to: now)
        } while isAnimating && now < t + limit
        return now
    }
}
