import Feedback
import Foundation
import Logging
import Places

/// Installs a dataset published in the lab: its files read as `import` reads them, stored in the
/// place store as one transaction (`--replace`: the dataset is the whole data), and the new places
/// handed to the screen. Any failure changes nothing.
struct DatasetInstaller: Sendable {
    let store: PlaceStore
    let configuration: KioskConfiguration
    let live: LivePlaces?
    let logger: Logger

    func install(version: Int, files: [PublishedDatasets.File]) throws {
        if ProcessInfo.processInfo.environment["INCLUSION_MAP_FAULT"] == "dataset-import" {
            throw CommandFailure(description: "simulated failure (INCLUSION_MAP_FAULT=dataset-import)")
        }
        guard !store.isReadOnly else {
            throw CommandFailure(description: "the place store is read-only now (the disk is full or read-only)")
        }
        let batches = try Self.read(files, configuration: configuration)
        let summary = try store.importPlaces(batches, mode: .replace, dataVersion: version)
        let loaded = try store.directory()
        if let problem = loaded.problem { logger.warning("place snapshot", metadata: ["problem": "\(problem)"]) }
        let places = loaded.directory
        logger.info("dataset imported", metadata: ["version": "\(version)", "places": "\(summary.places)", "rows": "\(summary.rowsImported)"])
        live?.post(places, summary: try store.summary())
    }

    /// The dataset's place files read, with its town halls (else the configuration's) placing rows
    /// without coordinates. Refuses a dataset with no valid place.
    static func read(_ files: [PublishedDatasets.File], configuration: KioskConfiguration?) throws -> [(file: String, places: [Place])] {
        var importer = try KioskData.placeImporter(configuration: configuration, townHalls: nil)
        if let townHalls = files.first(where: { $0.role == .townHalls }) {
            importer = PlaceImporter(townHalls: try AidantsConnectReader.townHalls(populationCSV: townHalls.content))
        }
        let batches = try files.filter { $0.role == .places }.map { file in
            (file: file.name, places: try importer.read(data: file.content, file: file.name).places)
        }
        guard batches.contains(where: { !$0.places.isEmpty }) else {
            throw CommandFailure(description: "no valid place in \(files.map(\.name).joined(separator: ", "))")
        }
        return batches
    }
}
