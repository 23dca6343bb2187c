import ArgumentParser
import Foundation
import Logging
import Places

/// `inclusion-map import FILE…`: reads place files (format told from the content), merges
/// duplicates across sources and stores the result in one transaction: all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import place files (national standard CSV/JSON/GeoJSON, France Services CSV, Aidants Connect CSV).",
        discussion: """
            Rows that cannot be used are skipped and reported (file, row, field, value, reason). A file that \
            cannot be read at all is refused and nothing changes. The exit status is non-zero when no valid \
            place was found.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Place files.")
    var files: [String]

    @Flag(help: "--merge (default): replace only the rows of files with the same names; --replace: these files become all the data.")
    var mode: PlaceStore.ImportMode = .merge

    @Flag(name: .long, help: "Read and report, change nothing.")
    var dryRun = false

    @Option(name: .long, help: "Write the import report as JSON to this file.")
    var report: String?

    @Option(name: .long, help: "Town halls CSV (code_insee, mairie_lat, mairie_lon) for rows without coordinates (default: places.town_halls).")
    var townHalls: String?

    struct Report: Encodable {
        struct FileReport: Encodable {
            var file: String
            var format: String
            var places: Int
            var skipped_rows: Int
            var dropped_fields: Int
        }
        struct Problem: Encodable {
            var file: String
            var row: Int
            var field: String
            var value: String
            var reason: String
            var skipped: Bool
        }
        var mode: String
        var dry_run: Bool
        var files: [FileReport]
        var problems: [Problem]
        var rows_imported: Int
        var places_before: Int
        var places_after: Int
        var approximate_places: Int
    }

    func run() throws {
        let logger = common.logger("inclusion-map.import")
        let configuration = try? common.loadConfiguration()
        let stateDirectory = try StateDirectory.resolve(option: common.stateDir, configured: configuration?.stateDirectory)
        let importer = try KioskData.placeImporter(configuration: configuration, townHalls: townHalls)

        var batches: [(file: String, places: [Place])] = []
        var fileReports: [Report.FileReport] = []
        var problems: [ImportProblem] = []
        let read: [(file: String, result: NationalStandardReader.Result)]
        do {
            read = try importer.read(filesAt: files.map { URL(fileURLWithPath: $0) })
        } catch {
            throw CommandFailure(description: "import refused, nothing changed: \(error)")
        }
        for (path, (file, result)) in zip(files, read) {
            batches.append((file, result.places))
            problems += result.problems
            fileReports.append(.init(file: path, format: result.format, places: result.places.count,
                                     skipped_rows: result.problems.filter(\.skipped).count,
                                     dropped_fields: result.problems.filter { !$0.skipped }.count))
        }
        let path = KioskData.placeStorePath(stateDirectory)
        let found = batches.reduce(0) { $0 + $1.places.count }
        let before: Int
        var summary: PlaceStore.ImportSummary
        do {
            // One transaction: a full disk or any other fault of the machine changes nothing.
            let store = try PlaceStore(path: path)
            before = try store.summary().places
            summary = PlaceStore.ImportSummary(rowsImported: found, rowsRemoved: 0, places: before, approximatePlaces: 0)
            if found > 0 {
                summary = try store.importPlaces(batches, mode: mode, dryRun: dryRun)
                if !dryRun { Self.writeSnapshot(store, logger: logger) }
            }
        } catch {
            throw CommandFailure(description: "nothing imported: place store \(StorageFault.classify(error, path: path))")
        }

        for file in fileReports {
            print("\(file.file): \(file.format): \(file.places) places, \(file.skipped_rows) rows skipped, \(file.dropped_fields) fields dropped")
        }
        for problem in problems.prefix(common.verbose ? .max : 20) { print("  \(problem)") }
        if problems.count > 20 && !common.verbose { print("  … \(problems.count - 20) more (see --report, or --verbose)") }
        let verb = dryRun ? "would hold" : "holds"
        print("\(found) rows read; the kiosk \(verb) \(summary.places) places (\(before) before)\(dryRun ? "; nothing changed (--dry-run)" : "")")

        if let report {
            let value = Report(
                mode: mode.rawValue, dry_run: dryRun, files: fileReports,
                problems: problems.map { .init(file: $0.file, row: $0.row, field: $0.field, value: $0.value, reason: $0.reason, skipped: $0.skipped) },
                rows_imported: found, places_before: before, places_after: summary.places, approximate_places: summary.approximatePlaces)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(value).write(to: URL(fileURLWithPath: report))
        }
        if found == 0 {
            logger.error("no valid place found; nothing changed")
            throw ExitCode(2)
        }
        logger.info("places imported", metadata: ["rows": "\(found)", "places": "\(summary.places)", "dry_run": "\(dryRun)"])
    }
}

extension ImportCommand {
    /// The snapshot the next start reads. The import is committed whatever happens here: only the
    /// next start's speed depends on it, and that start writes it again.
    static func writeSnapshot(_ store: PlaceStore, logger: Logger) {
        do {
            if let problem = try store.directory().problem { logger.warning("place snapshot", metadata: ["problem": "\(problem)"]) }
        } catch {
            logger.warning("place snapshot not written", metadata: ["error": "\(error)"])
        }
    }
}

extension PlaceStore.ImportMode: EnumerableFlag {}
