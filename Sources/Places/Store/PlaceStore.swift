import Foundation
import GRDB
import MapGeometry

/// The kiosk's place database: one SQLite file, opened through GRDB with migrations.
///
/// Source rows are kept as imported (file and row, for audit); the places shown are the merge of
/// all source rows (``PlaceMerger``), rebuilt in the same transaction as every import, so an import
/// succeeds whole or changes nothing. Two indexes serve the screen: an FTS5 index that ignores case
/// and accents and matches prefixes ("mediat" finds "Médiathèque"), and an R*Tree for "places in
/// this box".
///
/// ```swift
/// let store = try PlaceStore(path: stateDir + "/places.sqlite")
/// let summary = try store.importPlaces(batch, mode: .merge)
/// let hits = try store.search("mediat", limit: 20)
/// ```
public final class PlaceStore: Sendable {
    public enum ImportMode: String, Sendable, Codable, CaseIterable {
        /// Rows of the imported files replace earlier rows from files of the same name; others stay.
        case merge
        /// The imported files become the whole content.
        case replace
    }

    /// What an import changed, and what the store holds now.
    public struct ImportSummary: Sendable, Codable, Equatable {
        public var rowsImported: Int
        public var rowsRemoved: Int
        public var places: Int
        public var approximatePlaces: Int

        public init(rowsImported: Int, rowsRemoved: Int, places: Int, approximatePlaces: Int) {
            self.rowsImported = rowsImported
            self.rowsRemoved = rowsRemoved
            self.places = places
            self.approximatePlaces = approximatePlaces
        }
    }

    /// What the staff screen and `STATUS=` show.
    public struct Summary: Sendable, Equatable {
        public var places: Int
        /// The most recent update date among the places (YYYY-MM-DD), the data's date.
        public var dataDate: String?
        public var lastImportAt: Date?
        /// The lab's dataset version the places came from; nil when the last import was local
        /// (the bundled files, or `inclusion-map import`).
        public var dataVersion: Int?
        /// The newest lab dataset ever imported here (a later local import does not make the
        /// kiosk take that version again).
        public var newestDatasetVersion: Int?
    }

    let writer: any DatabaseWriter
    /// Opened with ``init(readingOnly:)``: every write is refused.
    public let isReadOnly: Bool
    /// The directory as last built, beside the store (`places.snapshot` for `places.sqlite`).
    public let snapshot: PlaceSnapshot

    /// Opens (creating if needed) the store at `path`; migrations run on open.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        writer = try DatabasePool(path: path, configuration: configuration)
        isReadOnly = false
        snapshot = Self.snapshot(beside: path)
        try Self.migrator.migrate(writer)
    }

    /// Opens an existing store for reading only, without locks or write-ahead files (SQLite's
    /// `immutable`): what a kiosk can still read from a full or read-only disk, or a folder it may
    /// not write. Nothing may write the file meanwhile, which is the case while the machine is sick.
    public init(readingOnly path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "no such file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        writer = try DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: configuration)
        isReadOnly = true
        snapshot = Self.snapshot(beside: path)
        // A store whose tables are not there yet is no use read-only.
        _ = try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM place") }
    }

    static func snapshot(beside path: String) -> PlaceSnapshot {
        PlaceSnapshot(url: URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("snapshot"))
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("places-v1") { db in
            try db.create(table: "source_row") { t in
                t.column("file", .text).notNull()
                t.column("row", .integer).notNull()
                t.column("format", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("record", .jsonText).notNull()
                t.primaryKey(["file", "row"])
            }
            try db.create(table: "place") { t in
                t.column("rowid", .integer).primaryKey()
                t.column("id", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("commune", .text).notNull()
                t.column("latitude", .double)
                t.column("longitude", .double)
                t.column("record", .jsonText).notNull()
            }
            try db.create(virtualTable: "place_search", using: FTS5()) { t in
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("name")
                t.column("commune")
                t.column("address")
                t.column("services")
            }
            try db.execute(sql: "CREATE VIRTUAL TABLE place_location USING rtree(id, min_lat, max_lat, min_lon, max_lon)")
            try db.create(table: "import_run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("imported_at", .datetime).notNull()
                t.column("mode", .text).notNull()
                t.column("files", .jsonText).notNull()
                t.column("rows", .integer).notNull()
                t.column("places", .integer).notNull()
            }
        }
        migrator.registerMigration("places-v2-dataset-version") { db in
            // Which of the lab's published datasets an import came from (nil: a local import).
            try db.alter(table: "import_run") { t in t.add(column: "data_version", .integer) }
        }
        migrator.registerMigration("places-v3-data-date") { db in
            // The data's date, kept with the import that made it: a summary then reads one row
            // instead of every place's record.
            try db.alter(table: "import_run") { t in t.add(column: "data_date", .text) }
            try db.execute(sql: """
                UPDATE import_run SET data_date = (SELECT max(json_extract(record, '$.updated')) FROM place)
                WHERE id = (SELECT max(id) FROM import_run)
                """)
        }
        return migrator
    }

    // MARK: Import

    /// Stores `batches` (each one file's rows) in one transaction and rebuilds the merged places and
    /// their indexes. Throws without changing anything if any step fails. With `dryRun` the whole
    /// import runs and is rolled back: the summary is exactly what a real import would give.
    /// `dataVersion`: the lab's dataset these files are (nil for a local import).
    @discardableResult
    public func importPlaces(_ batches: [(file: String, places: [Place])], mode: ImportMode, dryRun: Bool = false,
                             merger: PlaceMerger = PlaceMerger(), now: Date = Date(), dataVersion: Int? = nil) throws -> ImportSummary {
        var summary: ImportSummary?
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                summary = try Self.importPlaces(db, batches, mode: mode, merger: merger, now: now, dataVersion: dataVersion)
                return dryRun ? .rollback : .commit
            }
            // The import's write-ahead log is as large as the store: give its room back to the disk
            // (a kiosk's is small, and shared with the visitors' answers). Readers in the way only
            // make it wait for the next import.
            _ = try? db.checkpoint(.truncate)
        }
        return summary!
    }

    static func importPlaces(_ db: Database, _ batches: [(file: String, places: [Place])], mode: ImportMode,
                             merger: PlaceMerger, now: Date, dataVersion: Int?) throws -> ImportSummary {
        do {
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM source_row") ?? 0
            switch mode {
            case .replace:
                try db.execute(sql: "DELETE FROM source_row")
            case .merge:
                for batch in batches {
                    try db.execute(sql: "DELETE FROM source_row WHERE file = ?", arguments: [batch.file])
                }
            }
            let kept = try Int.fetchOne(db, sql: "SELECT count(*) FROM source_row") ?? 0
            var position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM source_row") ?? 0) + 1
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let insert = try db.makeStatement(sql: "INSERT OR REPLACE INTO source_row (file, row, format, position, record) VALUES (?, ?, ?, ?, ?)")
            // Rows kept from earlier imports come first (their positions are lower), then the new ones.
            var rows: [(place: Place, json: String)] = try String.fetchAll(db, sql: "SELECT record FROM source_row ORDER BY position")
                .map { (try JSONDecoder().decode(Place.self, from: Data($0.utf8)), $0) }
            var imported = 0
            for batch in batches {
                for place in batch.places {
                    let source = place.sources.first
                    let json = String(decoding: try encoder.encode(place), as: UTF8.self)
                    try insert.execute(arguments: [batch.file, source?.row ?? position, source?.format ?? "", position, json])
                    rows.append((place, json))
                    position += 1
                    imported += 1
                }
            }
            let merged = try Self.rebuildPlaces(db, rows: rows, merger: merger, encoder: encoder)
            try db.execute(sql: """
                INSERT INTO import_run (imported_at, mode, files, rows, places, data_version, data_date) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [now, mode.rawValue, String(decoding: try encoder.encode(batches.map(\.file)), as: UTF8.self),
                                 imported, merged.count, dataVersion, merged.compactMap(\.updated).max()])
            return ImportSummary(rowsImported: imported, rowsRemoved: before - kept, places: merged.count,
                                 approximatePlaces: merged.filter(\.isApproximate).count)
        }
    }

    /// Recomputes `place`, `place_search` and `place_location` from every source row (in
    /// position order, with their JSON: a place from one row reuses it rather than encoding again).
    static func rebuildPlaces(_ db: Database, rows: [(place: Place, json: String)], merger: PlaceMerger,
                              encoder: JSONEncoder) throws -> [Place] {
        let groups = merger.groups(rows.map(\.place))
        let places = groups.map { group in group.count == 1 ? rows[group[0]].place : PlaceMerger.combine(group.map { rows[$0].place }) }
        try db.execute(sql: "DELETE FROM place; DELETE FROM place_search; DELETE FROM place_location")
        let insertPlace = try db.makeStatement(sql: "INSERT INTO place (rowid, id, name, commune, latitude, longitude, record) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let insertSearch = try db.makeStatement(sql: "INSERT INTO place_search (rowid, name, commune, address, services) VALUES (?, ?, ?, ?, ?)")
        let insertLocation = try db.makeStatement(sql: "INSERT INTO place_location (id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)")
        for (offset, place) in places.enumerated() {
            let rowid = offset + 1
            let json = groups[offset].count == 1 ? rows[groups[offset][0]].json : String(decoding: try encoder.encode(place), as: UTF8.self)
            try insertPlace.execute(arguments: [rowid, place.id, place.name, place.commune, place.coordinate?.latitude,
                                                place.coordinate?.longitude, json])
            try insertSearch.execute(arguments: [rowid, place.name, place.commune, "\(place.address) \(place.postalCode)",
                                                 (place.services + place.typology).joined(separator: " ")])
            if let c = place.coordinate {
                try insertLocation.execute(arguments: [rowid, c.latitude, c.latitude, c.longitude, c.longitude])
            }
        }
        return places
    }

    // MARK: Queries

    /// Every place, in a stable order (the order of their first source row).
    public func allPlaces() throws -> [Place] {
        try writer.read { db in try Self.decode(String.fetchAll(db, sql: "SELECT record FROM place ORDER BY rowid")) }
    }

    /// Every source row as imported, before merging, in import order.
    public func sourceRows() throws -> [Place] {
        try writer.read { db in try Self.decode(String.fetchAll(db, sql: "SELECT record FROM source_row ORDER BY position")) }
    }

    public func place(id: String) throws -> Place? {
        try writer.read { db in
            try Self.decode(String.fetchAll(db, sql: "SELECT record FROM place WHERE id = ?", arguments: [id])).first
        }
    }

    /// Places whose name, commune, address or services contain words starting with each word of
    /// `text`, ignoring case and accents, best matches first. Empty text finds nothing.
    public func search(_ text: String, limit: Int = 50) throws -> [Place] {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else { return [] }
        return try writer.read { db in
            try Self.decode(String.fetchAll(db, sql: """
                SELECT place.record FROM place_search JOIN place ON place.rowid = place_search.rowid
                WHERE place_search MATCH ? ORDER BY bm25(place_search, 10.0, 4.0, 1.0, 1.0) LIMIT ?
                """, arguments: [pattern, limit]))
        }
    }

    /// Places with a position inside `box` (through the R*Tree).
    public func places(in box: GeoBox) throws -> [Place] {
        try writer.read { db in
            try Self.decode(String.fetchAll(db, sql: """
                SELECT place.record FROM place_location JOIN place ON place.rowid = place_location.id
                WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ? ORDER BY place.rowid
                """, arguments: [box.south, box.north, box.west, box.east]))
        }
    }

    public func summary() throws -> Summary {
        try writer.read { db in
            // Every change of the places is an import, which records their count and date.
            // (An import by an earlier version of the program left no date: it is read from the places.)
            let last = try Row.fetchOne(db, sql: """
                SELECT imported_at, data_version, places,
                       coalesce(data_date, (SELECT max(json_extract(record, '$.updated')) FROM place)) AS data_date
                FROM import_run ORDER BY id DESC LIMIT 1
                """)
            return Summary(places: last?["places"] ?? 0, dataDate: last?["data_date"],
                           lastImportAt: last?["imported_at"], dataVersion: last?["data_version"],
                           newestDatasetVersion: try Int.fetchOne(db, sql: "SELECT max(data_version) FROM import_run"))
        }
    }

    /// Where ``directory()`` found the places.
    public enum DirectorySource: Sendable, Equatable {
        /// The snapshot written for this data.
        case snapshot
        /// The store's records, because the snapshot was missing, damaged or for other data;
        /// `written` tells whether a new snapshot was written for the next start.
        case records(written: Bool)
    }

    /// Every place loaded for search, and where it came from; `problem` says why the snapshot
    /// could not be read or written (a damaged file, a full disk), which costs only time.
    public struct LoadedDirectory: Sendable {
        public var directory: PlaceDirectory
        public var source: DirectorySource
        public var problem: String?
    }

    /// Every place, with what search and filters work out of them: from the snapshot when it was
    /// written for the current data, else from the records, and then a snapshot is written for
    /// next time (unless the store is read-only).
    public func directory() throws -> LoadedDirectory {
        let dataKey = try writer.read { db in try Self.dataKey(db) }
        var problem: String?
        do {
            if let directory = try snapshot.read(dataKey: dataKey) { return LoadedDirectory(directory: directory, source: .snapshot) }
        } catch {
            problem = "\(error)"
        }
        // The records and their key are read in one transaction: an import in between cannot
        // pair one data's key with another's places.
        let (records, readKey) = try writer.read { db in
            (try String.fetchAll(db, sql: "SELECT record FROM place ORDER BY rowid"), try Self.dataKey(db))
        }
        let directory = PlaceDirectory(places: try Self.decode(records))
        guard !isReadOnly else { return LoadedDirectory(directory: directory, source: .records(written: false), problem: problem) }
        do {
            try snapshot.write(directory, dataKey: readKey)
            return LoadedDirectory(directory: directory, source: .records(written: true), problem: problem)
        } catch {
            let cause = error is PlaceSnapshot.NotWritten ? "\(error)" : "\(StorageFault.classify(error, path: snapshot.url.path))"
            let unwritten = "place snapshot not written: \(cause)"
            return LoadedDirectory(directory: directory, source: .records(written: false),
                                   problem: [problem, unwritten].compactMap { $0 }.joined(separator: "; "))
        }
    }

    /// Names the places' data: the last import (its number, time and place count).
    static func dataKey(_ db: Database) throws -> String {
        let last = try Row.fetchOne(db, sql: "SELECT id, imported_at, places FROM import_run ORDER BY id DESC LIMIT 1")
        return "import \(last?["id"] as Int? ?? 0) at \(last?["imported_at"] as String? ?? "never") of \(last?["places"] as Int? ?? 0) places"
    }

    static func decode(_ records: [String]) throws -> [Place] {
        try ChunkedMap.map(records) { try JSONDecoder().decode(Place.self, from: Data($0.utf8)) }
    }
}

/// A latitude/longitude box, for "places in view".
public struct GeoBox: Sendable, Equatable {
    public var west, south, east, north: Double
    public init(west: Double, south: Double, east: Double, north: Double) {
        (self.west, self.south, self.east, self.north) = (west, south, east, north)
    }
}
