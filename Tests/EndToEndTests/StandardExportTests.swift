import CSV
import Foundation
import Testing

/// `places --csv`: the merged places in the national standard v1.0.2, checked by the standard's
/// reference validator (frictionless, from PyPI; `scripts/setup-debian.sh --tests` installs it).
@Suite struct StandardExportTests {
    static let schema = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/PlacesTests/Fixtures/standard-schema-v1.0.2.json")
    static let v1Example = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/PlacesTests/Fixtures/standard-v1-example.csv")

    /// A CSV file's records (a header first), fields unquoted: newlines inside fields are kept.
    static func records(_ url: URL) throws -> [[String]] {
        let reader = try CSVReader(string: try String(contentsOf: url, encoding: .utf8), hasHeaderRow: false)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    /// The validator's errors, by kind and field.
    static func validate(_ csv: URL) throws -> [(type: String, field: String, message: String)] {
        let frictionless = try #require(ProcessInfo.processInfo.environment["INCLUSION_MAP_FRICTIONLESS"],
                                        "INCLUSION_MAP_FRICTIONLESS names the validator (scripts/test.sh sets it)")
        // frictionless refuses absolute paths as unsafe: both files side by side, relative.
        let folder = csv.deletingLastPathComponent()
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("schema.json"))
        try FileManager.default.copyItem(at: schema, to: folder.appendingPathComponent("schema.json"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: frictionless)
        process.arguments = ["validate", "--schema", "schema.json", csv.lastPathComponent, "--json"]
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let task = try #require((report["tasks"] as? [[String: Any]])?.first)
        return (task["errors"] as? [[String: Any]] ?? []).map {
            ($0["type"] as? String ?? "", $0["fieldName"] as? String ?? "", $0["message"] as? String ?? "")
        }
    }

    /// The bundled region: the validator finds nothing wrong but the required cells no source
    /// filled (no SIRET, no update date), which the places' own JSON counts alike.
    @Test func theRegionExportsInTheStandard() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let csv = state.appendingPathComponent("places.csv")
        let result = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--csv", "-o", csv.path])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try Self.records(csv)
        #expect(records.first?.count == 32 && records.allSatisfy { $0.count == 32 })
        let listed = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--json"])
        let places = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let errors = try Self.validate(csv)
        let unexpected = errors.filter { !($0.type == "constraint-error" && $0.message.contains("\"required\"") && ["pivot", "date_maj"].contains($0.field)) }
        #expect(unexpected.isEmpty, "\(unexpected.prefix(5))")
        #expect(errors.filter { $0.field == "pivot" }.count == places.filter { $0["pivot"] is NSNull }.count)
        #expect(errors.filter { $0.field == "date_maj" }.count == places.filter { $0["date_maj"] is NSNull }.count)
        // The rows as imported, before merging: one a source row.
        let rows = state.appendingPathComponent("rows.csv")
        #expect(try InclusionMapBinary.run(["places", "--state-dir", state.path, "--csv", "--source-rows", "-o", rows.path]).status == 0)
        #expect(try Self.records(rows).count == 1 + 1020)
        #expect(records.count == 1 + places.count)
    }

    /// The standard's own valid example goes in and comes out the same, and still validates.
    @Test func theStandardsExampleComesBackAsItWent() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        #expect(try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", Self.v1Example.path]).status == 0)
        let csv = state.appendingPathComponent("example.csv")
        #expect(try InclusionMapBinary.run(["places", "--state-dir", state.path, "--csv", "-o", csv.path]).status == 0)
        let exported = try Self.records(csv), original = try Self.records(Self.v1Example)
        #expect(exported.count == 2)
        #expect(exported == original, "\(zip(exported[1], original[1]).filter { $0 != $1 })")
        #expect(try Self.validate(csv).isEmpty)
    }

    @Test func exportOptionsAreChecked() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let both = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--csv", "--json"])
        #expect(both.status != 0 && both.stderr.contains("--json and --csv"))
        let unwritable = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--csv", "-o", "/proc/nowhere/places.csv"])
        #expect(unwritable.status != 0 && unwritable.stderr.contains("--output /proc/nowhere/places.csv: cannot be written"))
    }
}
