import Foundation
import Testing

/// The command line as a Linux user expects it: negative numbers are values, and every command
/// finds its configuration from any working directory.
@Suite struct CommandLineConventionsTests {
    /// Rennes lies west of Greenwich: `--lon -1.68` is a longitude, not an option.
    @Test func negativeCoordinatesAreValues() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let result = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat", "48.11", "--lon", "-1.68", "-k", "3", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        // The nearest places of Hauts-de-France to Rennes are a few hundred kilometres away, nearest first.
        let ranks = rows.compactMap { row in (row["distance_m"] as? Double).map { $0 + (row["position_approximative"] as? Bool == true ? 3_000 : 0) } }
        #expect(ranks.count == 3 && ranks == ranks.sorted() && ranks[0] > 200_000)
        // The same with the value glued to the option.
        let glued = try InclusionMapBinary.run(["nearest", "--state-dir", state.path, "--lat=48.11", "--lon=-1.68", "-k", "3", "--json"])
        #expect(glued.status == 0 && glued.stdout == result.stdout)
    }

    @Test func theConfigurationIsFoundFromAnyDirectory() throws {
        let elsewhere = try InclusionMapBinary.temporaryDirectory()
        let state = try InclusionMapBinary.temporaryDirectory()
        let config = InclusionMapBinary.packageRoot.appendingPathComponent("kiosk-config/kiosk.toml").path
        // Named by the environment, from a folder that has no kiosk-config/.
        let named = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--json"],
                                               environment: ["INCLUSION_MAP_CONFIG": config], in: elsewhere)
        #expect(named.status == 0, "\(named.stderr)")
        let places = try #require(try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [[String: Any]])
        #expect(places.count == 896)
        // --config wins over the environment.
        let bad = elsewhere.appendingPathComponent("nowhere.toml").path
        let option = try InclusionMapBinary.run(["places", "--config", config, "--state-dir", state.path, "--json"],
                                                environment: ["INCLUSION_MAP_CONFIG": bad], in: elsewhere)
        #expect(option.status == 0, "\(option.stderr)")
        // The environment names a file that is not there: said, not replaced by another file.
        let missing = try InclusionMapBinary.run(["places", "--state-dir", state.path], environment: ["INCLUSION_MAP_CONFIG": bad], in: elsewhere)
        #expect(missing.status != 0 && missing.stderr.contains(bad))
    }

    /// Nowhere to look (no option, no variable, no /etc file, no checkout): the error says where it looked.
    @Test(.enabled(if: !FileManager.default.fileExists(atPath: "/etc/inclusion-map/kiosk.toml")))
    func withoutAConfigurationTheErrorSaysWhereItLooked() throws {
        let elsewhere = try InclusionMapBinary.temporaryDirectory()
        let result = try InclusionMapBinary.run(["status"], environment: ["INCLUSION_MAP_CONFIG": ""], in: elsewhere)
        #expect(result.status != 0)
        #expect(result.stderr.contains("/etc/inclusion-map/kiosk.toml") && result.stderr.contains("kiosk-config/kiosk.toml")
                && result.stderr.contains("INCLUSION_MAP_CONFIG"), "\(result.stderr)")
    }
}
