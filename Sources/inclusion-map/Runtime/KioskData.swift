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
    /// so that a new kiosk shows its region's places at once.
    static func placeStore(configuration: KioskConfiguration, stateDirectory: URL, logger: Logger) throws -> PlaceStore {
        let store: PlaceStore
        do {
            store = try PlaceStore(path: placeStorePath(stateDirectory))
        } catch {
            throw CommandFailure(description: "place store \(placeStorePath(stateDirectory)) cannot be opened: \(error)")
        }
        if try store.summary().places == 0, !configuration.placeFiles.isEmpty {
            let importer = try placeImporter(configuration: configuration, townHalls: nil)
            var batches: [(file: String, places: [Place])] = []
            var problems = 0
            for url in configuration.placeFiles {
                let result = try importer.read(fileAt: url)
                batches.append((url.lastPathComponent, result.places))
                problems += result.problems.count
            }
            let summary = try store.importPlaces(batches, mode: .replace)
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
