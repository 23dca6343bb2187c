import ArgumentParser
import Foundation
import Logging

@main
struct InclusionMap: AsyncParsableCommand {
    static let version = "0.3.0"

    static let configuration = CommandConfiguration(
        commandName: "inclusion-map",
        abstract: "A touch-table map of the places that help with online administrative procedures.",
        version: version,
        subcommands: [RunCommand.self, RenderCommand.self, PrepareCommand.self, ImportCommand.self, NearestCommand.self,
                      PlacesCommand.self, CoverageCommand.self, SpeakCommand.self, FeedbackCommand.self, SyncCommand.self, StatusCommand.self, LabCommand.self,
                      ConfigCommand.self],
        defaultSubcommand: RunCommand.self)
}

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (TOML); default: $INCLUSION_MAP_CONFIG, else /etc/inclusion-map/kiosk.toml, else ./kiosk-config/kiosk.toml.")
    var config: String?

    @Option(name: .long, help: "Folder for SQLite files and caches (overrides the configuration and STATE_DIRECTORY).")
    var stateDir: String?

    @Flag(name: .long, help: "Log debug messages.")
    var verbose = false

    /// The configuration file these options point to (see ``ConfigurationLocator``).
    func configurationPath() throws -> String {
        try ConfigurationLocator.path(option: config)
    }

    func loadConfiguration() throws -> KioskConfiguration {
        try KioskConfiguration.load(path: configurationPath())
    }

    /// The configuration and the state directory it and the options point to (created if needed).
    func configurationAndState() throws -> (KioskConfiguration, URL) {
        let configuration = try loadConfiguration()
        return (configuration, try StateDirectory.resolve(option: stateDir, configured: configuration.stateDirectory))
    }

    func logger(_ label: String) -> Logger {
        LoggingSetup.bootstrapOnce()
        var logger = Logger(label: label)
        logger.logLevel = verbose ? .debug : .info
        return logger
    }
}

/// Errors that the command line reports as a plain message and a failure status.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}
