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
        /// Why the store could only be read (a full or read-only disk…), if so.
        var fault: StorageFault?
        var timings: [(stage: String, milliseconds: Double)]
    }

    static func loadPlaces(configuration: KioskConfiguration, stateDirectory: URL, logger: Logger) throws -> LoadedPlaces {
        var start = ProcessMetrics.monotonicSeconds()
        func lap() -> Double {
            let now = ProcessMetrics.monotonicSeconds()
            defer { start = now }
            return (now - start) * 1000
        }
        let (store, fault) = try openPlaceStore(configuration: configuration, stateDirectory: stateDirectory, logger: logger)
        let opened = lap()
        let loaded = try store.directory()
        let loading = lap()
        if let problem = loaded.problem { logger.warning("places read from the store, not the snapshot", metadata: ["problem": "\(problem)"]) }
        return LoadedPlaces(store: store, places: loaded.directory, summary: try store.summary(), fault: fault,
                            timings: [("open places", opened), (loaded.source == .snapshot ? "load places (snapshot)" : "load places", loading)])
    }

    /// The place store, for reading (the kiosk, `places`, `nearest`, checking an answer's place).
    static func placeStore(configuration: KioskConfiguration, stateDirectory: URL, logger: Logger) throws -> PlaceStore {
        try openPlaceStore(configuration: configuration, stateDirectory: stateDirectory, logger: logger).store
    }

    /// With a fault of the machine the store is opened for reading only, rather than refused, and
    /// `fault` says why.
    static func openPlaceStore(configuration: KioskConfiguration, stateDirectory: URL, logger: Logger) throws
        -> (store: PlaceStore, fault: StorageFault?) {
        let path = placeStorePath(stateDirectory)
        let store: PlaceStore
        let placeCount: Int
        do {
            store = try PlaceStore(path: path)
            placeCount = try store.summary().places
        } catch {
            let fault = StorageFault.classify(error, path: path)
            // A fault of the machine (full disk, read-only, permission, lock, I/O) leaves every file
            // as it is: the data are valid, and the fault goes away with the machine's.
            guard fault.isCorruption else {
                if let readable = try? PlaceStore(readingOnly: path) {
                    logger.error("place store opened for reading only", metadata: ["fault": "\(fault)"])
                    return (readable, fault)
                }
                throw CommandFailure(description: "place store \(fault)")
            }
            guard !configuration.placeFiles.isEmpty else {
                throw CommandFailure(description: "place store \(fault), and no place files are configured to rebuild it from")
            }
            try setAside(damaged: path, fault: fault, configuration: configuration, logger: logger)
            return try openPlaceStore(configuration: configuration, stateDirectory: stateDirectory, logger: logger)
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
        return (store, nil)
    }

    /// Moves a damaged place store aside to be rebuilt from the configured files, only when there
    /// is room for the rebuild, and keeps one damaged copy at most: a copy already there is never
    /// overwritten (the newer damaged file is then removed instead).
    static func setAside(damaged path: String, fault: StorageFault, configuration: KioskConfiguration, logger: Logger) throws {
        let fm = FileManager.default
        let size = { (file: String) in ((try? fm.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.uint64Value ?? 0 }
        let sources = configuration.placeFiles.reduce(UInt64(0)) { $0 + size($1.path) }
        // The store is several times the size of the source files (indexes, full text, the rows
        // as imported), and the import's write-ahead log as large again until it is checkpointed
        // (README, "Places").
        let needed = max(12 * sources, 4 << 20)
        if let free = StorageFault.freeBytes(near: path), free < needed {
            throw CommandFailure(description: "place store \(fault); not rebuilt: \(free >> 20) MB free, about \(needed >> 20) MB needed (nothing was changed)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let name = URL(fileURLWithPath: path).lastPathComponent
        let copies = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(name + ".damaged-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        do {
            if let kept = copies.first {
                logger.error("place store damaged; rebuilt from the configured files (a damaged copy is already kept: this one is removed)",
                             metadata: ["file": "\(path)", "kept": "\(folder.appendingPathComponent(kept).path)", "error": "\(fault.detail)"])
                for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path + suffix) { try fm.removeItem(atPath: path + suffix) }
            } else {
                let aside = path + ".damaged-\(Int(Date().timeIntervalSince1970))"
                logger.error("place store damaged; moved aside and rebuilt from the configured files",
                             metadata: ["file": "\(path)", "moved_to": "\(aside)", "error": "\(fault.detail)"])
                for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
                    try fm.moveItem(atPath: path + suffix, toPath: aside + suffix)
                }
            }
        } catch {
            throw CommandFailure(description: "place store \(fault); could not be set aside: \(StorageFault.classify(error, path: path))")
        }
    }

    static func placeImporter(configuration: KioskConfiguration?, townHalls: String?) throws -> PlaceImporter {
        guard let url = townHalls.map({ URL(fileURLWithPath: $0) }) ?? configuration?.townHallsFile else { return PlaceImporter() }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CommandFailure(description: "town halls \(url.path) cannot be read (\(error.localizedDescription))")
        }
        return PlaceImporter(townHalls: try AidantsConnectReader.townHalls(populationCSV: data))
    }

    /// Opens the outbox. It is never moved aside or rebuilt: it may hold answers not yet delivered.
    static func outbox(configuration: KioskConfiguration, stateDirectory: URL) throws -> Outbox {
        let path = outboxPath(stateDirectory)
        do {
            return try Outbox(path: path, limits: configuration.outboxLimits, reserve: OutboxReserve(outboxPath: path))
        } catch {
            throw CommandFailure(description: "feedback outbox \(StorageFault.classify(error, path: path))")
        }
    }
}
