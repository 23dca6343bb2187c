import Foundation

/// Finds the configuration file as a Linux user expects, whatever the working directory:
/// `--config`, else `$INCLUSION_MAP_CONFIG`, else what the installer writes, else the checkout's.
enum ConfigurationLocator {
    static let environmentVariable = "INCLUSION_MAP_CONFIG"
    /// Where `scripts/install.sh` puts the configuration.
    static let installedPath = "/etc/inclusion-map/kiosk.toml"
    /// The bundled configuration, when run from a checkout.
    static let checkoutPath = "kiosk-config/kiosk.toml"

    /// The file to read. An explicit choice (option or environment) is used as given, so a
    /// mistake there is reported rather than silently replaced by another file.
    static func path(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                     fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) throws -> String {
        if let option { return option }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        let candidates = [installedPath, checkoutPath]
        if let found = candidates.first(where: fileExists) { return found }
        let here = FileManager.default.currentDirectoryPath
        throw CommandFailure(description:
            "no configuration file: give --config FILE or set \(environmentVariable); looked in \(installedPath) and \(here)/\(checkoutPath)")
    }
}
