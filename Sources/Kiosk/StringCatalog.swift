import Foundation

/// Every piece of visible text, by key and language. Loaded from `assets/strings/<lang>.json`.
public struct StringCatalog: Sendable {
    /// Keys the interface uses; every catalog file must define them all.
    public enum Key: String, Sendable, CaseIterable {
        case languageName = "language.name"
        case languageSwitch = "language.switch"
        case appTitle = "app.title"
        case appSubtitle = "app.subtitle"
        case zoomIn = "button.zoom_in"
        case zoomOut = "button.zoom_out"
        case home = "button.home"
        case idleWarning = "idle.warning"
        case idleCountdown = "idle.countdown"
        case staffPinTitle = "staff.pin_title"
        case staffPinWrong = "staff.pin_wrong"
        case staffPinLocked = "staff.pin_locked"
        case staffCancel = "staff.cancel"
        case staffTitle = "staff.title"
        case staffReload = "staff.reload"
        case staffClose = "staff.close"
    }

    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "string catalog \(file): \(reason)" }
    }

    /// Language codes in the order the language button cycles through; the first is the default.
    public let languages: [String]
    private let table: [String: [String: String]]

    public init(languages: [String], table: [String: [String: String]]) {
        self.languages = languages
        self.table = table
    }

    /// Loads `<code>.json` for each language from a folder; a missing key is an error naming it.
    public static func load(directory: URL, languages: [String]) throws -> StringCatalog {
        var table: [String: [String: String]] = [:]
        for code in languages {
            let url = directory.appendingPathComponent("\(code).json")
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw LoadError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
            }
            guard let entries = try? JSONDecoder().decode([String: String].self, from: data) else {
                throw LoadError(file: url.path, reason: "is not a JSON object of strings")
            }
            let missing = Key.allCases.map(\.rawValue).filter { entries[$0] == nil }
            guard missing.isEmpty else {
                throw LoadError(file: url.path, reason: "missing keys: \(missing.joined(separator: ", "))")
            }
            table[code] = entries
        }
        return StringCatalog(languages: languages, table: table)
    }

    public var defaultLanguage: String { languages.first ?? "fr" }

    public func text(_ key: Key, _ language: String) -> String {
        table[language]?[key.rawValue] ?? table[defaultLanguage]?[key.rawValue] ?? key.rawValue
    }

    /// Text with `{n}` replaced, for counters such as the idle countdown.
    public func text(_ key: Key, _ language: String, n: Int) -> String {
        text(key, language).replacingOccurrences(of: "{n}", with: String(n))
    }

    public func language(after code: String) -> String {
        guard let i = languages.firstIndex(of: code) else { return defaultLanguage }
        return languages[(i + 1) % languages.count]
    }
}
