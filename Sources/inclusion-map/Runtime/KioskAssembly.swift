import Foundation
import Kiosk
import Logging
import MapGeometry
import MapScene

/// Loads what the configuration names (style, strings, basemap sources) and builds the pieces the
/// kiosk is made of. All file reading happens here, before the first frame.
struct KioskAssembly {
    let configuration: KioskConfiguration
    let style: MapStyle
    let catalog: StringCatalog
    let basemap: PreparedBasemap
    let timings: [(stage: String, milliseconds: Double)]

    init(configuration: KioskConfiguration, logger: Logger) throws {
        self.configuration = configuration
        var timings: [(String, Double)] = []
        func timed<T>(_ stage: String, _ work: () throws -> T) rethrows -> T {
            let start = ProcessMetrics.monotonicSeconds()
            let result = try work()
            timings.append((stage, (ProcessMetrics.monotonicSeconds() - start) * 1000))
            return result
        }
        style = try timed("style") { try MapStyle.load(from: configuration.styleFile) }
        for layer in style.layers where configuration.basemapSources[layer.source] == nil {
            throw ConfigurationError(file: configuration.file.path, key: "basemap.sources", value: nil,
                                     expected: "style layer \"\(layer.id)\" draws source \"\(layer.source)\", which the configuration does not name")
        }
        catalog = try timed("strings") {
            try StringCatalog.load(directory: configuration.stringsDirectory, languages: configuration.languages)
        }
        var features: [String: [MapFeature]] = [:]
        for (name, url) in configuration.basemapSources {
            features[name] = try timed("read \(name)") { try GeoJSONReader.read(fileAt: url) }
        }
        basemap = timed("prepare basemap") { BasemapPreparer().prepare(sources: features) }
        self.timings = timings
        for t in timings {
            logger.debug("loaded", metadata: ["stage": "\(t.0)", "ms": "\(String(format: "%.1f", t.1))"])
        }
    }

    var renderer: MapRenderer { MapRenderer(basemap: basemap, style: style) }

    func makeKiosk(viewport: Size, measurer: any TextMeasuring, now: Double) -> Kiosk {
        Kiosk(settings: configuration.kioskSettings, map: renderer, catalog: catalog,
              measurer: measurer, viewport: viewport, now: now)
    }
}
