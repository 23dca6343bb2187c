import ArgumentParser
import Feedback
import Foundation
import Places

/// `inclusion-map lab migrate|report|publish|datasets|kiosks`: the lab database side, for the lab's staff and testers.
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Prepare the lab's PostgreSQL database, see what came in, publish place data and watch the fleet.",
        subcommands: [Migrate.self, Report.self, Publish.self, Datasets.self, Kiosks.self, Serve.self, HashPassword.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the lab database's SQL migrations (lab/migrations); running it again changes nothing.")

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "postgres://owner:password@host:port/database (a role that may create tables and roles).")
        var labURL: String

        @Option(name: .long, help: "Folder of the NNNN_name.sql migrations (default: lab/migrations beside the program).")
        var migrations: String?

        func run() async throws {
            let logger = common.logger("inclusion-map.lab")
            let settings = try LabSettings.resolve(url: labURL, configuration: nil)
            let migrator = try LabMigrator(directory: try LabMigrationsFolder.find(migrations))
            let connection = try await LabConnector(settings: settings, logger: logger).connect()
            do {
                let applied = try await migrator.migrate(connection, logger: logger)
                print(applied.isEmpty ? "lab database \(settings.displayName) is up to date (\(migrator.migrations.count) migrations)"
                                      : "applied \(applied.joined(separator: ", ")) to \(settings.displayName)")
                try await connection.close()
            } catch {
                try? await connection.close()
                throw CommandFailure(description: "\(error)")
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What came in, per place and per question; --follow shows each answer as it arrives.")

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "postgres://user:password@host:port/database (a role that may read feedback).")
        var labURL: String

        @Option(name: .long, help: "today, week or all.")
        var period: LabReport.Period = .all

        @Flag(name: .long, help: "After the report, print each new answer as it arrives (LISTEN feedback) until stopped.")
        var follow = false

        @Flag(name: .long, help: "The report as JSON.")
        var json = false

        func run() async throws {
            let logger = common.logger("inclusion-map.lab")
            let settings = try LabSettings.resolve(url: labURL, configuration: nil)
            let names = PlaceNames.load(common)
            let connection = try await LabConnector(settings: settings, logger: logger).connect()
            do {
                let report = try await LabReport.fetch(period, on: connection, logger: logger)
                if json { try CLIJSON.print(report) } else { UnbufferedOutput.write(report.text(placeName: names.name)) }
                if follow {
                    UnbufferedOutput.write("\nwaiting for answers (Ctrl-C to stop)…\n")
                    try await LabFollower(connection: connection, logger: logger).follow { line in
                        UnbufferedOutput.write(line.text(placeName: names.name) + "\n")
                    }
                }
                try await connection.close()
            } catch {
                try? await connection.close()
                throw CommandFailure(description: "lab report: \(LabConnector.describe(error))")
            }
        }
    }
}

extension LabReport.Period: ExpressibleByArgument {}

/// Place names for reports, from this machine's place store when there is one.
struct PlaceNames: Sendable {
    var names: [String: String] = [:]
    func name(_ id: String) -> String? { names[id] }

    static func load(_ common: CommonOptions) -> PlaceNames {
        PlaceNames(names: Dictionary(storedPlaces(common).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The places of this machine's store (none when there is none).
    static func storedPlaces(_ common: CommonOptions) -> [Place] {
        guard let configuration = try? common.loadConfiguration(),
              let directory = try? StateDirectory.resolve(option: common.stateDir, configured: configuration.stateDirectory),
              FileManager.default.fileExists(atPath: KioskData.placeStorePath(directory)),
              let places = try? PlaceStore(path: KioskData.placeStorePath(directory)).allPlaces() else { return [] }
        return places
    }
}

/// Where the lab migrations are: `--migrations`, `INCLUSION_MAP_LAB_MIGRATIONS`, the installed
/// share folder, or a `lab/migrations` folder above the executable (a source checkout).
enum LabMigrationsFolder {
    static func find(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let option { return URL(fileURLWithPath: option) }
        if let env = environment["INCLUSION_MAP_LAB_MIGRATIONS"] { return URL(fileURLWithPath: env) }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [executable.deletingLastPathComponent().appendingPathComponent("../share/inclusion-map/lab/migrations")]
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent("lab/migrations"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: "lab/migrations"))
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.standardizedFileURL.path) {
            return candidate.standardizedFileURL
        }
        throw CommandFailure(description: "lab migrations not found (looked in \(candidates.map { $0.standardizedFileURL.path }.joined(separator: ", "))); pass --migrations DIR")
    }
}

/// Writes straight to standard output, so that a reader at the other end of a pipe sees each line
/// as it comes (`lab report --follow`).
enum UnbufferedOutput {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
