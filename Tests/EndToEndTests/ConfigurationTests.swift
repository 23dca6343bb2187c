import Foundation
import Testing

/// Configuration errors name the file, the key, the value and what was expected.
@Suite struct ConfigurationTests {
    func check(_ toml: String) throws -> InclusionMapBinary.Result {
        let dir = try InclusionMapBinary.temporaryDirectory()
        // Keep the bundled config's relative paths valid by writing next to it.
        let file = InclusionMapBinary.packageRoot.appendingPathComponent("kiosk-config/test-\(UUID().uuidString).toml")
        defer { try? FileManager.default.removeItem(at: file); try? FileManager.default.removeItem(at: dir) }
        try toml.write(to: file, atomically: true, encoding: .utf8)
        return try InclusionMapBinary.run(["config", "check", file.path])
    }

    func bundled() throws -> String {
        try String(contentsOf: InclusionMapBinary.packageRoot.appendingPathComponent("kiosk-config/kiosk.toml"), encoding: .utf8)
    }

    @Test func bundledConfigurationIsValid() throws {
        let result = try InclusionMapBinary.run(["config", "check", "kiosk-config/kiosk.toml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("OK"))
    }

    /// A coverage file that is not what `[coverage]` says is refused by `config check`, by name;
    /// a commune source that is not a basemap source, by key.
    @Test func coverageFilesAreChecked() throws {
        var result = try check(try bundled().replacingOccurrences(of: "fragility = \"../assets/population/indice-fragilite-numerique-hdf.csv\"",
                                                                   with: "fragility = \"../assets/population/epci-hdf.csv\""))
        #expect(result.status != 0)
        #expect(result.stderr.contains("epci-hdf.csv: lacks the columns code, no_thd_coverage_rate"), "\(result.stderr)")
        result = try check(try bundled().replacingOccurrences(of: "commune_source = \"communes\"", with: "commune_source = \"villes\""))
        #expect(result.status != 0)
        #expect(result.stderr.contains("coverage.commune_source") && result.stderr.contains("villes"), "\(result.stderr)")
    }

    @Test func unknownKeyIsNamed() throws {
        let result = try check(try bundled().replacingOccurrences(of: "idle_timeout_s = 90", with: "idle_timout_s = 90"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("kiosk.idle_timout_s") && result.stderr.contains("unknown key"))
    }

    @Test func wrongTypeIsNamed() throws {
        let result = try check(try bundled().replacingOccurrences(of: "home_zoom = 8.3", with: "home_zoom = \"eight\""))
        #expect(result.status != 0)
        #expect(result.stderr.contains("map.home_zoom") && result.stderr.contains("expected a number"))
    }

    @Test func outOfRangeIsNamed() throws {
        let result = try check(try bundled().replacingOccurrences(of: "idle_timeout_s = 90", with: "idle_timeout_s = 2"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("kiosk.idle_timeout_s") && result.stderr.contains("out of range"))
    }

    @Test func missingFileIsNamed() throws {
        let result = try check(try bundled().replacingOccurrences(of: "region-hauts-de-france.geojson", with: "nowhere.geojson"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("basemap.sources.region") && result.stderr.contains("nowhere.geojson"))
    }

    @Test func brokenTOMLGivesTheLine() throws {
        let result = try check("[kiosk\nid = 1\n")
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 1"))
    }
}

@Suite struct StaffPINConfigurationTests {
    @Test func hashPINThenUseItInTheConfiguration() throws {
        let hash = try InclusionMapBinary.run(["config", "hash-pin", "--pin", "2468"])
        #expect(hash.status == 0, "\(hash.stderr)")
        let value = hash.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(value.hasPrefix("pbkdf2-sha256$120000$") && !value.contains("2468"))
        let bundled = try String(contentsOf: InclusionMapBinary.packageRoot.appendingPathComponent("kiosk-config/kiosk.toml"), encoding: .utf8)
        let file = InclusionMapBinary.packageRoot.appendingPathComponent("kiosk-config/test-\(UUID().uuidString).toml")
        defer { try? FileManager.default.removeItem(at: file) }
        try bundled.replacingOccurrences(of: "hold_s = 3", with: "hold_s = 3\npin_hash = \"\(value)\"").write(to: file, atomically: true, encoding: .utf8)
        let ok = try InclusionMapBinary.run(["config", "check", file.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        try bundled.replacingOccurrences(of: "hold_s = 3", with: "hold_s = 3\npin_hash = \"1234\"").write(to: file, atomically: true, encoding: .utf8)
        let bad = try InclusionMapBinary.run(["config", "check", file.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("staff.pin_hash") && bad.stderr.contains("hash-pin"))
    }

    @Test func aPINMustBeDigits() throws {
        let result = try InclusionMapBinary.run(["config", "hash-pin", "--pin", "12ab"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("4 to 8 digits"))
    }
}
