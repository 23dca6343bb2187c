import Foundation
import MapScene

/// OpenStreetMap extracts made for the tests: OSM XML written by `scripts/osm-fixtures.py`,
/// converted to `.osm.pbf` by Debian's `osmium` as a real extract is made (no network here).
enum OSMFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("osm-fixtures-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    struct ToolFailure: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailure(description: "\(tool) \(arguments.joined(separator: " ")) failed (is osmium-tool installed? scripts/setup-debian.sh --tests): \(message)")
        }
        return message
    }

    /// OSM XML from the script, converted with osmium (`options`: osmium's output format options).
    static func make(_ name: String, script: [String], options: String? = nil) throws -> URL {
        let xml = folder.appendingPathComponent("\(name).osm")
        let pbf = folder.appendingPathComponent("\(name).osm.pbf")
        if FileManager.default.fileExists(atPath: pbf.path) { return pbf }
        try run("python3", [packageRoot.appendingPathComponent("scripts/osm-fixtures.py").path] + script.map { $0 == "OUT" ? xml.path : $0 })
        let partial = folder.appendingPathComponent("\(name).partial.osm.pbf")
        try run("osmium", ["cat", xml.path, "-o", partial.path, "--overwrite"] + (options.map { ["-f", $0] } ?? []))
        // Renamed when complete: suites running at once never read half a file.
        try? FileManager.default.removeItem(at: pbf)
        try FileManager.default.moveItem(at: partial, to: pbf)
        return pbf
    }

    static let lock = NSLock()

    /// The central-Lille sample as an extract (zlib blocks, as Geofabrik's).
    static func lille() throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        return try make("lille", script: ["lille", packageRoot.appendingPathComponent("assets").path, "OUT"])
    }

    /// The same, with uncompressed blocks.
    static func lilleUncompressed() throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        return try make("lille-raw", script: ["lille", packageRoot.appendingPathComponent("assets").path, "OUT"], options: "pbf,pbf_compression=none")
    }

    /// A small synthetic region (a street grid over the region's bounds, lakes, forests, towns, buildings).
    static func region(ways: Int = 20_000) throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        return try make("region-\(ways)", script: ["region", "--ways", "\(ways)", "OUT"])
    }

    /// What the bundled calm style keeps of an extract.
    static func calmSelection() throws -> OSMSelection {
        let style = try MapStyle.load(from: packageRoot.appendingPathComponent("assets/styles/calm.json"))
        return style.osm!
    }

    /// Features of a GeoJSON file of the Lille sample, by the value of `key`.
    static func geoJSONCounts(_ file: String, key: String) throws -> [String: Int] {
        let url = packageRoot.appendingPathComponent("assets/basemap/lille-centre-osm-2017/\(file)")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var counts: [String: Int] = [:]
        for feature in root["features"] as! [[String: Any]] {
            if let value = (feature["properties"] as! [String: Any])[key] as? String { counts[value, default: 0] += 1 }
        }
        return counts
    }
}
