import Feedback
import Foundation
import Logging
import MapGeometry
import Places

/// The state directory's two SQLite files: `places.sqlite` (rebuildable from the place files) and
/// `outbox.sqlite` (visitors' answers until the lab has them; never rebuilt, never shared with
/// bulk imports, so an import's writes never delay an answer's commit).
enum KioskData {
    static func placeStorePath(_ stateDirectory: URL) -> String { stateDirectory.appendingPathComponent("places.sqlite").path }
    static func outboxPath(_ stateDirectory: URL) -> String { stateDirectory.appendingPathComponent("outbox.sqlite").path }

    /// Opens the place store; on first use (no place yet) imports the files the configuration names,
    /// so that a new kiosk shows its region's places at once. A damaged store (a disk error, a power
    /// cut on a poor SD card) is moved aside, kept for inspection, and rebuilt from those files: the
    /// places can always be imported again, and a kiosk must not stay dark for them.
    /// The place store opened (imported first if empty) and everything in it loaded for search.
    struct LoadedPlaces: Sendable {
        var store: PlaceStore
        var places: PlaceDirectory
        var summary: PlaceStore.Summary
        var timings: [(stage: String, milliseconds: Double)]
    }

    static func loadPlaces(configuration: KioskConfiguration, stateDirectory: URL, logger: Logger) throws -> LoadedPlaces {
        var start = ProcessMetrics.monotonicSeconds()
        func lap() -> Double {
            let now = ProcessMetrics.monotonicSeconds()
            defer { start = now }
            return (now - start) * 1000
        }
        let store = try placeStore(configuration: configuration, stateDirectory: stateDirectory, logger: logger)
        let opened = lap()
        let places = PlaceDirectory(places: try store.allPlaces())
        let loaded = lap()
        return LoadedPlaces(store: store, places: places, summary: try store.summary(),
                            timings: [("open places", opened), ("load places", loaded)])
    }

    static func placeStore(configuration: KioskConfiguration, stateDirectory: URL, logger: Logger) throws -> PlaceStore {
        let path = placeStorePath(stateDirectory)
        let store: PlaceStore
        let placeCount: Int
        do {
            store = try PlaceStore(path: path)
            placeCount = try store.summary().places
        } catch {
            guard !configuration.placeFiles.isEmpty else {
                throw CommandFailure(description: "place store \(path) cannot be opened: \(error)")
            }
            let aside = path + ".damaged-\(Int(Date().timeIntervalSince1970))"
            logger.error("place store damaged; moved aside and rebuilt from the configured files",
                         metadata: ["file": "\(path)", "moved_to": "\(aside)", "error": "\(error)"])
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
            }
            return try placeStore(configuration: configuration, stateDirectory: stateDirectory, logger: logger)
        }
        if placeCount == 0, !configuration.placeFiles.isEmpty {
            let importer = try placeImporter(configuration: configuration, townHalls: nil)
            let read = try importer.read(filesAt: configuration.placeFiles)
            let problems = read.reduce(0) { $0 + $1.result.problems.count }
            let summary = try store.importPlaces(read.map { ($0.file, $0.result.places) }, mode: .replace)
            logger.info("bundled places imported", metadata: [
                "files": "\(configuration.placeFiles.count)", "places": "\(summary.places)", "rows": "\(summary.rowsImported)",
                "problems": "\(problems)",
            ])
        }
        return store
    }

    static func placeImporter(configuration: KioskConfiguration?, townHalls: String?) throws -> PlaceImporter {
        guard let url = townHalls.map({ URL(fileURLWithPath: $0) }) ?? configuration?.townHallsFile else { return PlaceImporter() }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CommandFailure(description: "town halls \(url.path) cannot be read (\(error.localizedDescription))")
        }
        return PlaceImporter(townHalls: try AidantsConnectReader.townHalls(populationCSV: data))
    }

    static func outbox(configuration: KioskConfiguration, stateDirectory: URL) throws -> Outbox {
        do {
            return try Outbox(path: outboxPath(stateDirectory), limits: configuration.outboxLimits)
        } catch {
            throw CommandFailure(description: "feedback outbox \(outboxPath(stateDirectory)) cannot be opened: \(error)")
        }
    }
}
