import ArgumentParser
import Feedback
import Foundation
import Logging
import Places
import PostgresNIO

/// `inclusion-map lab publish|datasets|kiosks`: the fleet as one system, for the lab's staff.
extension LabCommand {
    /// Runs `body` on a connection to the lab at `url`, closed afterwards; a failure says `doing`.
    static func withLab<T: Sendable>(_ url: String, _ common: CommonOptions, doing: String,
                                     _ body: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        let logger = common.logger("inclusion-map.lab")
        let settings = try LabSettings.resolve(url: url, configuration: nil)
        let connection = try await LabConnector(settings: settings, logger: logger).connect()
        do {
            let value = try await body(connection, logger)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw CommandFailure(description: "\(doing): \(LabConnector.describe(error))")
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check place files as `import --dry-run` does and publish them in the lab as a new dataset version, which every kiosk takes.",
            discussion: "The files become the kiosks' whole place data. The same files published again give the version they already are.")

        @OptionGroup var common: CommonOptions

        @Argument(help: "Place files (national standard CSV/JSON/GeoJSON, France Services CSV, Aidants Connect CSV).")
        var files: [String]

        @Option(name: .long, help: "postgres://owner:password@host:port/database (a role that may write datasets).")
        var labURL: String

        @Option(name: .long, help: "Town halls CSV (code_insee, mairie_lat, mairie_lon) for rows without coordinates; published with the files.")
        var townHalls: String?

        @Option(name: .long, help: "What changed, for the lab's staff (`lab datasets` shows it).")
        var note: String?

        func run() async throws {
            var published: [PublishedDatasets.File] = []
            for path in files {
                guard let content = FileManager.default.contents(atPath: path) else {
                    throw CommandFailure(description: "publish refused, nothing stored: \(path) cannot be read")
                }
                published.append(.init(name: URL(fileURLWithPath: path).lastPathComponent, role: .places, content: content))
            }
            let names = published.map(\.name)
            if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
                throw CommandFailure(description: "publish refused, nothing stored: two files are named \(duplicate) (a kiosk keeps rows by file name)")
            }
            let configuration = try? common.loadConfiguration()
            if let path = townHalls ?? configuration?.townHallsFile?.path {
                guard let content = FileManager.default.contents(atPath: path) else {
                    throw CommandFailure(description: "publish refused, nothing stored: town halls \(path) cannot be read")
                }
                published.append(.init(name: URL(fileURLWithPath: path).lastPathComponent, role: .townHalls, content: content))
            }
            // What `import` would refuse is refused here, naming the file: nothing reaches the lab.
            let batches: [(file: String, places: [Place])]
            do {
                batches = try DatasetInstaller.read(published, configuration: nil)
            } catch {
                throw CommandFailure(description: "publish refused, nothing stored: \(error)")
            }
            let rows = batches.reduce(0) { $0 + $1.places.count }
            let places = PlaceMerger().groups(batches.flatMap(\.places)).count
            let (version, isNew) = try await LabCommand.withLab(labURL, common, doing: "publish failed, nothing stored") { connection, logger in
                try await PublishedDatasets.publish(published, rows: rows, places: places, note: note, on: connection, logger: logger)
            }
            for batch in batches { print("\(batch.file): \(batch.places.count) rows") }
            print(isNew ? "published version \(version): \(rows) rows, \(places) places; kiosks take it at their next heartbeat"
                        : "these files are already version \(version); nothing new stored")
        }
    }

    struct Datasets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The published place data versions, newest first, and how many kiosks run each.")

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "postgres://user:password@host:port/database (the lab's owner or reader).")
        var labURL: String

        @Flag(name: .long, help: "[{version, published_at, sha256, rows, places, note, files, kiosks}]")
        var json = false

        func run() async throws {
            let versions = try await LabCommand.withLab(labURL, common, doing: "lab datasets") { connection, logger in
                try await PublishedDatasets.list(on: connection, logger: logger)
            }
            if json { return try CLIJSON.print(versions) }
            if versions.isEmpty { print("no place data published yet (inclusion-map lab publish FILE…)") }
            for v in versions {
                print("v\(v.version)  \(ISO8601DateFormatter().string(from: v.published_at))  \(v.places) places, \(v.rows) rows, "
                      + "\(v.kiosks) kiosk\(v.kiosks == 1 ? "" : "s")  \(v.files.joined(separator: ", "))\(v.note.map { "  — \($0)" } ?? "")")
            }
        }
    }

    struct Kiosks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The fleet: each kiosk's last heartbeat (versions, places, queue, last error); stale when silent for three intervals.")

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "postgres://user:password@host:port/database (the lab's owner or reader).")
        var labURL: String

        @Flag(name: .long, help: "[{kiosk, last_seen, app_version, data_version, places, pending, quarantined, uptime_s, last_error, stale}]")
        var json = false

        func run() async throws {
            let fleet = try await LabCommand.withLab(labURL, common, doing: "lab kiosks") { connection, logger in
                try await FleetReport.fetch(on: connection, logger: logger)
            }
            if json { return try CLIJSON.print(fleet.kiosks) }
            UnbufferedOutput.write(fleet.text())
        }
    }
}
