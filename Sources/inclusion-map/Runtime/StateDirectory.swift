import Foundation

/// Where SQLite files and caches live: `--state-dir`, else systemd's `STATE_DIRECTORY`, else the
/// configuration's `kiosk.state_dir`, else `$XDG_STATE_HOME/inclusion-map` (~/.local/state/…).
enum StateDirectory {
    static func resolve(option: String?, configured: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let chosen: String
        if let option {
            chosen = option
        } else if let systemd = environment["STATE_DIRECTORY"]?.split(separator: ":").first {
            chosen = String(systemd)
        } else if let configured {
            chosen = configured
        } else if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty {
            chosen = xdg + "/inclusion-map"
        } else {
            chosen = (environment["HOME"] ?? "/tmp") + "/.local/state/inclusion-map"
        }
        let url = URL(fileURLWithPath: chosen).standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ConfigurationError(file: "state directory", key: nil, value: url.path,
                                     expected: "a folder the kiosk can create and write (\(error.localizedDescription))")
        }
        return url
    }
}
