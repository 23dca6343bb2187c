import ArgumentParser
import Foundation

/// `inclusion-map config check FILE`: validates a configuration without starting anything.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with the configuration file.",
        subcommands: [Check.self, HashPIN.self])

    struct HashPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash-pin",
            abstract: "Print the salted hash of a staff PIN, for `staff.pin_hash` in the configuration.")

        @Option(name: .long, help: "The PIN (4 to 8 digits); read from standard input when absent.")
        var pin: String?

        func run() throws {
            let value = pin ?? readLine(strippingNewline: true) ?? ""
            guard PINHash.isValidPIN(value) else {
                throw ValidationError("a staff PIN is 4 to 8 digits (what the on-screen pad can type)")
            }
            print(PINHash.make(pin: value))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a configuration file and the files it names.")

        @Argument(help: "The configuration file to check (default: as --config finds it).")
        var file: String?

        func run() throws {
            let file = try ConfigurationLocator.path(option: self.file)
            let configuration = try KioskConfiguration.load(path: file)
            let style = try MapStyleCheck.check(configuration)
            print("\(file): OK (\(configuration.basemapSources.count) basemap sources, style \"\(style)\", languages \(configuration.languages.joined(separator: ", ")))")
        }
    }
}

import Kiosk
import MapScene

/// The checks of `config check` beyond the TOML itself: the style, string and coverage files load.
enum MapStyleCheck {
    static func check(_ configuration: KioskConfiguration) throws -> String {
        let style = try MapStyle.load(from: configuration.styleFile)
        if let contrast = configuration.contrastStyleFile { _ = try MapStyle.load(from: contrast) }
        _ = try StringCatalog.load(directory: configuration.stringsDirectory, languages: configuration.languages)
        if configuration.coverage != nil { _ = try CoverageSetup.territories(configuration) }
        return style.name
    }
}
