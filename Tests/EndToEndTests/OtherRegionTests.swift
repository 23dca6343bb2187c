import Foundation
import Testing
import SDLBackend

/// Another region needs only its own files and a configuration: here the Somme department plays a
/// region of its own, with its communes and towns, and the bundled style.
@Suite struct OtherRegionTests {
    @Test func aDepartmentAsARegionByConfigurationAlone() throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let assets = InclusionMapBinary.packageRoot.appendingPathComponent("assets")
        func features(_ path: String) throws -> [[String: Any]] {
            let root = try JSONSerialization.jsonObject(with: Data(contentsOf: assets.appendingPathComponent(path))) as! [String: Any]
            return root["features"] as! [[String: Any]]
        }
        func write(_ features: [[String: Any]], _ name: String) throws {
            let data = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features])
            try data.write(to: dir.appendingPathComponent(name))
        }
        func code(_ f: [String: Any]) -> String { (f["properties"] as! [String: Any])["code"] as! String }
        try write(try features("basemap/hauts-de-france/departements-hauts-de-france.geojson").filter { code($0) == "80" }, "somme.geojson")
        try write(try features("basemap/hauts-de-france/communes-hauts-de-france.geojson").filter { code($0).hasPrefix("80") }, "communes.geojson")
        let towns = try String(contentsOf: assets.appendingPathComponent("population/communes-hdf-population.csv"), encoding: .utf8)
            .split(separator: "\n").enumerated().filter { $0.offset == 0 || $0.element.hasPrefix("80") }.map(\.element)
        try towns.joined(separator: "\n").write(to: dir.appendingPathComponent("towns.csv"), atomically: true, encoding: .utf8)
        let config = """
        [kiosk]
        strings = "\(assets.path)/strings"
        [map]
        home_latitude = 49.95
        home_longitude = 2.35
        home_zoom = 9
        bounds = [1.37, 49.57, 3.21, 50.37]
        [basemap]
        style = "\(assets.path)/styles/calm.json"
        font = "\(assets.path)/fonts/DejaVuSans.ttf"
        font_bold = "\(assets.path)/fonts/DejaVuSans-Bold.ttf"
        towns = "towns.csv"
        [basemap.sources]
        region = "somme.geojson"
        communes = "communes.geojson"
        """
        try config.write(to: dir.appendingPathComponent("somme.toml"), atomically: true, encoding: .utf8)

        let prepare = try InclusionMapBinary.run(["prepare", "--config", dir.appendingPathComponent("somme.toml").path,
                                                  "--state-dir", dir.path])
        #expect(prepare.status == 0, "\(prepare.stderr)")
        #expect(prepare.stdout.contains("region:") && prepare.stdout.contains("communes:"))
        #expect(!prepare.stdout.contains("lille_streets"))

        let out = dir.appendingPathComponent("somme.png").path
        let render = try InclusionMapBinary.run(["render", "--config", dir.appendingPathComponent("somme.toml").path,
                                                 "--state-dir", dir.path, "--size", "800x600", "--out", out])
        #expect(render.status == 0, "\(render.stderr)")
        let image = try RGBAImage.load(path: out)
        let centre = (300 * 800 + 400) * 4
        #expect(Array(image.pixels[centre..<centre + 3]) == [0xf4, 0xf1, 0xe8], "the Somme's land at the centre of its home view")
    }
}
