import Foundation
import TOMLKit

/// Reads one TOML table strictly: every value is checked for type and range, and ``finish()``
/// refuses any key nobody asked for (a typo must not pass silently).
final class TOMLSection {
    let table: TOMLTable
    let path: String
    let file: String
    let baseDirectory: URL
    private var known: Set<String> = []
    private var children: [TOMLSection] = []

    init(table: TOMLTable, path: String, file: String, baseDirectory: URL) {
        self.table = table
        self.path = path
        self.file = file
        self.baseDirectory = baseDirectory
    }

    func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func fail(_ key: String, _ value: TOMLValueConvertible?, _ expected: String) -> ConfigurationError {
        ConfigurationError(file: file, key: qualified(key), value: value.map { "\($0.debugDescription) (\($0.type))" },
                           expected: expected)
    }

    func section(_ key: String, required: Bool = false) throws -> TOMLSection {
        known.insert(key)
        let sub: TOMLTable
        if let value = table[key] {
            guard let t = value.table else { throw fail(key, value, "expected a table [\(qualified(key))]") }
            sub = t
        } else if required {
            throw ConfigurationError(file: file, key: qualified(key), value: nil, expected: "missing table [\(qualified(key))]")
        } else {
            sub = TOMLTable()
        }
        let child = TOMLSection(table: sub, path: qualified(key), file: file, baseDirectory: baseDirectory)
        children.append(child)
        return child
    }

    func double(_ key: String, default def: Double?, range: ClosedRange<Double>) throws -> Double {
        known.insert(key)
        guard let value = table[key] else {
            if let def { return def }
            throw fail(key, nil, "missing; expected a number in \(range.lowerBound)…\(range.upperBound)")
        }
        guard let d = value.double ?? value.int.map(Double.init) else {
            throw fail(key, value, "expected a number in \(range.lowerBound)…\(range.upperBound)")
        }
        guard range.contains(d) else { throw fail(key, value, "out of range; expected \(range.lowerBound)…\(range.upperBound)") }
        return d
    }

    /// One of a fixed set of words (an enumeration's raw values).
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, default def: Choice) throws -> Choice where Choice.RawValue == String {
        known.insert(key)
        let expected = "one of " + Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard let value = table[key] else { return def }
        guard let word = value.string, let choice = Choice(rawValue: word) else { throw fail(key, value, expected) }
        return choice
    }

    func bool(_ key: String, default def: Bool) throws -> Bool {
        known.insert(key)
        guard let value = table[key] else { return def }
        guard let b = value.bool else { throw fail(key, value, "expected true or false") }
        return b
    }

    func string(_ key: String, default def: String?) throws -> String {
        known.insert(key)
        guard let value = table[key] else {
            if let def { return def }
            throw fail(key, nil, "missing; expected a string")
        }
        guard let s = value.string else { throw fail(key, value, "expected a string") }
        return s
    }

    /// A file path; relative paths are resolved from the configuration file's folder. The file must exist.
    func file(_ key: String, default def: String?) throws -> URL {
        let raw = try string(key, default: def)
        let url = raw.hasPrefix("/") ? URL(fileURLWithPath: raw) : baseDirectory.appendingPathComponent(raw).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw fail(key, raw, "expected an existing file or folder; \(url.path) does not exist")
        }
        return url
    }

    /// A path from a list (e.g. `places.files`), resolved like ``file(_:default:)``.
    func resolveFile(_ raw: String, key: String) throws -> URL {
        let url = raw.hasPrefix("/") ? URL(fileURLWithPath: raw) : baseDirectory.appendingPathComponent(raw).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw fail(key, raw, "expected existing files; \(url.path) does not exist")
        }
        return url
    }

    func integer(_ key: String, default def: Int?, range: ClosedRange<Int>) throws -> Int {
        known.insert(key)
        guard let value = table[key] else {
            if let def { return def }
            throw fail(key, nil, "missing; expected a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        guard let i = value.int else { throw fail(key, value, "expected a whole number in \(range.lowerBound)…\(range.upperBound)") }
        guard range.contains(i) else { throw fail(key, value, "out of range; expected \(range.lowerBound)…\(range.upperBound)") }
        return i
    }

    func strings(_ key: String, default def: [String]) throws -> [String] {
        known.insert(key)
        guard let value = table[key] else { return def }
        guard let array = value.array else { throw fail(key, value, "expected an array of strings") }
        return try array.map { element in
            guard let s = element.string else { throw fail(key, value, "expected an array of strings") }
            return s
        }
    }

    func numbers(_ key: String, count: Int, default def: [Double]?) throws -> [Double] {
        known.insert(key)
        guard let value = table[key] else {
            if let def { return def }
            throw fail(key, nil, "missing; expected an array of \(count) numbers")
        }
        guard let array = value.array, array.count == count else {
            throw fail(key, value, "expected an array of \(count) numbers")
        }
        return try array.map { element in
            guard let d = element.double ?? element.int.map(Double.init) else {
                throw fail(key, value, "expected an array of \(count) numbers")
            }
            return d
        }
    }

    /// All keys of a free-form table of strings (e.g. basemap sources by name).
    func stringMap() throws -> [String: String] {
        var out: [String: String] = [:]
        for key in table.keys {
            known.insert(key)
            guard let s = table[key]?.string else { throw fail(key, table[key], "expected a string") }
            out[key] = s
        }
        return out
    }

    /// Refuses keys that were never read, here and in every sub-table.
    func finish() throws {
        for key in table.keys.sorted() where !known.contains(key) {
            throw ConfigurationError(file: file, key: qualified(key), value: nil,
                                     expected: "unknown key; known keys here: \(known.sorted().joined(separator: ", "))")
        }
        for child in children { try child.finish() }
    }
}
