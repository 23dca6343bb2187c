import Foundation
import Logging
import MapScene
import OSMFormat

extension KioskAssembly {
    /// Reads and prepares every basemap source the styles draw: GeoJSON files, and OpenStreetMap
    /// extracts through the styles' `osm` selection; then the town names, the population file's
    /// before the extract's places.
    static func prepareBasemap(configuration: KioskConfiguration, styles: [MapStyle], clock: StageClock, logger: Logger,
                               progress: ((String, Double) -> Void)?) throws -> (PreparedBasemap, BasemapPreparer.Report) {
        // One source at a time: its features are read, prepared and let go before the next
        // (the raw GeoJSON of all sources at once is what made the peak memory).
        var report = BasemapPreparer.Report()
        var prepared = PreparedBasemap(sources: [:], bounds: .empty)
        var osmPlaces: [TownLabel] = []
        for (name, file) in configuration.basemapSources.sorted(by: { $0.key < $1.key }) {
            let shadeProperty = configuration.shadeProperty(of: name)
            let needs = configuration.needs(of: name, styles: styles)
            guard needs.fills || needs.lines else { continue }
            var source: BasemapSource
            if file.isOpenStreetMapExtract {
                let extract = try OSMExtractor(selection: try configuration.osmSelection(of: name, styles: styles), progress: progress)
                    .extract(fileAt: file.url)
                for stage in extract.stages { clock.record("\(stage.name) (\(name))", milliseconds: stage.seconds * 1000) }
                logger.info("OpenStreetMap extract read", metadata: [
                    "source": "\(name)", "ways_read": "\(extract.counts.waysRead)", "ways_kept": "\(extract.counts.waysKept)",
                    "multipolygons_kept": "\(extract.counts.relationsKept)", "nodes_read": "\(extract.counts.nodesRead)",
                    "nodes_kept": "\(extract.counts.nodesKept)", "nodes_missing": "\(extract.counts.nodesMissing)",
                    "places": "\(extract.places.count)", "peak_rss_mb": "\(Int(ProcessMetrics.peakRSSMegabytes()))"])
                osmPlaces += extract.places
                source = BasemapSource(features: extract.features, classProperty: OSMExtractor.classProperty, needs: needs)
                source.strokesOutlines = false
            } else {
                source = BasemapSource(features: try clock.timed("read \(name)") { try GeoJSONReader.read(fileAt: file.url) },
                                       classProperty: file.classProperty, shadeProperty: shadeProperty, needs: needs)
            }
            source.drawnZooms = .of(name, in: styles)
            let one = clock.timed("prepare \(name)") { BasemapPreparer().prepare(sources: [name: source], report: &report) }
            prepared.sources[name] = one.sources[name]
            prepared.bounds.include(one.bounds)
        }
        let fileTowns = try configuration.townsFile.map { url in try clock.timed("read towns") { try TownListReader.read(fileAt: url) } } ?? []
        prepared.towns = TownListReader.preferring(fileTowns, over: osmPlaces).sorted { $0.population > $1.population }
        return (prepared, report)
    }
}
