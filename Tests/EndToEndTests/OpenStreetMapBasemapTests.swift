import Foundation
import SDLBackend
import Testing

/// An OpenStreetMap extract as a deployer brings it: `[basemap.sources] osm = "….osm.pbf"`,
/// `prepare`, and the map. The extracts are made here (OSM XML by scripts/osm-fixtures.py,
/// converted by Debian's osmium), as there is no network to download one.
@Suite struct OpenStreetMapBasemapTests {
    static let root = InclusionMapBinary.packageRoot

    /// `osmium cat in.osm -o out.osm.pbf`, once per test process and fixture.
    static func extract(_ name: String, _ script: [String]) throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("osm-e2e-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let xml = folder.appendingPathComponent("\(name).osm"), pbf = folder.appendingPathComponent("\(name).osm.pbf")
        if FileManager.default.fileExists(atPath: pbf.path) { return pbf }
        for (tool, arguments) in [("python3", [root.appendingPathComponent("scripts/osm-fixtures.py").path] + script + [xml.path]),
                                  ("osmium", ["cat", xml.path, "-o", pbf.path, "--overwrite"])] {
            let result = try InclusionMapBinary.run(arguments, executable: "/usr/bin/\(tool)")
            try #require(result.status == 0, "\(tool) failed (osmium-tool installed? scripts/setup-debian.sh --tests): \(result.stderr)")
        }
        return pbf
    }
    static let lock = NSLock()

    /// The bundled configuration with absolute paths, its Lille GeoJSON sources replaced by `sources`.
    static func configuration(in folder: URL, sources: String, style: String = "calm.json") throws -> String {
        var text = try String(contentsOf: root.appendingPathComponent("kiosk-config/kiosk.toml"), encoding: .utf8)
            .replacingOccurrences(of: "\"../", with: "\"\(root.path)/")
            .replacingOccurrences(of: "styles/calm.json", with: "styles/\(style)")
        text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("lille_") }.joined(separator: "\n")
        text = text.replacingOccurrences(of: "[basemap.sources]\n", with: "[basemap.sources]\n\(sources)\n")
        let file = folder.appendingPathComponent("kiosk.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func render(_ config: String, state: URL, center: String, zoom: Double, out: URL) throws -> RGBAImage {
        let result = try InclusionMapBinary.run(["render", "--config", config, "--state-dir", state.path, "--center", center,
                                                 "--zoom", "\(zoom)", "--at", "2026-11-30T10:00:00", "--out", out.path])
        try #require(result.status == 0, "\(result.stderr)")
        return try RGBAImage.load(path: out.path)
    }

    @Test func theLilleExtractDrawsTheStreetsOfTheGeoJSONSample() throws {
        let pbf = try Self.extract("lille", ["lille", Self.root.appendingPathComponent("assets").path])
        let dir = try InclusionMapBinary.temporaryDirectory()
        let fromExtract = try Self.configuration(in: dir, sources: "osm = \"\(pbf.path)\"")
        let bare = try InclusionMapBinary.temporaryDirectory()
        let withoutStreets = try Self.configuration(in: bare, sources: "")
        let prepare = try InclusionMapBinary.run(["prepare", "--config", fromExtract, "--state-dir", dir.path])
        #expect(prepare.status == 0, "\(prepare.stderr)")
        for stage in ["osm ways and relations (osm)", "osm node locations (osm)", "osm geometry (osm)", "prepare osm"] {
            #expect(prepare.stdout.contains(stage), "prepare times each stage: \(stage)")
        }
        #expect(prepare.stdout.contains("peak memory:") && prepare.stdout.contains("cache:"))
        // The same view through the GeoJSON sample (the bundled configuration) and through the extract.
        let comparison = GoldenImage(channelTolerance: 32, maxDifferingFraction: 0.005, shiftTolerance: 1)
        for (center, zoom) in [("50.6366,3.0635", 15.0), ("50.6330,3.0500", 13.5), ("50.6400,3.0600", 16.5)] {
            let geojson = try render(InclusionMapBinary.packageRoot.appendingPathComponent("kiosk-config/kiosk.toml").path,
                                     state: URL(fileURLWithPath: InclusionMapBinary.sharedStateDirectory), center: center, zoom: zoom,
                                     out: dir.appendingPathComponent("geojson-\(zoom).png"))
            let osm = try render(fromExtract, state: dir, center: center, zoom: zoom, out: dir.appendingPathComponent("osm-\(zoom).png"))
            let empty = try render(withoutStreets, state: bare, center: center, zoom: zoom, out: bare.appendingPathComponent("bare-\(zoom).png"))
            let (same, _) = comparison.compare(osm, geojson)
            #expect(same.matches, "zoom \(zoom): the extract's map differs from the GeoJSON sample's: \(same.message)")
            // White streets on cream land differ by a few levels: any difference counts here.
            let (streets, _) = GoldenImage(channelTolerance: 4, maxDifferingFraction: 0).compare(osm, empty)
            #expect(streets.differingFraction > 0.015, "zoom \(zoom): streets drawn (\(streets.differingFraction) of the pixels)")
        }
    }

    @Test func streetsAppearAtTownsAllOverTheRegionAndTheCacheServesTheNextStart() throws {
        let pbf = try Self.extract("region", ["region", "--ways", "20000"])
        let dir = try InclusionMapBinary.temporaryDirectory()
        let config = try Self.configuration(in: dir, sources: "osm = \"\(pbf.path)\"")
        let bare = try InclusionMapBinary.temporaryDirectory()
        let withoutStreets = try Self.configuration(in: bare, sources: "")
        let first = try InclusionMapBinary.run(["prepare", "--config", config, "--state-dir", dir.path])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try InclusionMapBinary.run(["prepare", "--config", config, "--state-dir", dir.path])
        #expect(again.stdout.contains("loaded from cache"), "a second start reads the prepared cache: \(again.stdout)")
        #expect(!again.stdout.contains("osm node locations"))
        // Guise, Abbeville, Maubeuge: far from the Lille sample, streets all the same.
        for center in ["49.900,3.628", "50.106,1.834", "50.278,3.973"] {
            let osm = try render(config, state: dir, center: center, zoom: 14, out: dir.appendingPathComponent("\(center).png"))
            let empty = try render(withoutStreets, state: bare, center: center, zoom: 14, out: bare.appendingPathComponent("\(center).png"))
            let (difference, _) = GoldenImage(channelTolerance: 4, maxDifferingFraction: 0).compare(osm, empty)
            #expect(difference.differingFraction > 0.005, "streets at \(center): \(difference.differingFraction) of the pixels")
        }
        // Zoomed out, the residential streets are not drawn: only main roads, rails, water.
        let far = try render(config, state: dir, center: "49.95,2.80", zoom: 9, out: dir.appendingPathComponent("far.png"))
        let farEmpty = try render(withoutStreets, state: bare, center: "49.95,2.80", zoom: 9, out: bare.appendingPathComponent("far.png"))
        let (farDifference, _) = GoldenImage(channelTolerance: 4, maxDifferingFraction: 0).compare(far, farEmpty)
        #expect(farDifference.differingFraction > 0 && farDifference.differingFraction < 0.02, "zoom 9 shows main roads, not every street: \(farDifference.differingFraction)")
    }

    @Test func aDamagedNewDownloadKeepsThePreviousMapAndSaysSo() throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let download = dir.appendingPathComponent("region.osm.pbf")
        try FileManager.default.copyItem(at: try Self.extract("lille", ["lille", Self.root.appendingPathComponent("assets").path]), to: download)
        let config = try Self.configuration(in: dir, sources: "osm = \"\(download.path)\"")
        let first = try InclusionMapBinary.run(["prepare", "--config", config, "--state-dir", dir.path])
        try #require(first.status == 0, "\(first.stderr)")
        let before = try render(config, state: dir, center: "50.6366,3.0635", zoom: 15, out: dir.appendingPathComponent("before.png"))

        // The next download is cut short.
        let whole = try Data(contentsOf: download)
        try whole.prefix(whole.count / 2).write(to: download)
        let again = try InclusionMapBinary.run(["prepare", "--config", config, "--state-dir", dir.path])
        #expect(again.status != 0, "prepare says the new file is refused")
        #expect(again.stderr.contains(download.path) && again.stderr.contains("truncated"), "\(again.stderr)")
        #expect(again.stderr.contains("previous files"))
        let after = try render(config, state: dir, center: "50.6366,3.0635", zoom: 15, out: dir.appendingPathComponent("after.png"))
        let (same, _) = GoldenImage(channelTolerance: 0, maxDifferingFraction: 0).compare(after, before)
        #expect(same.matches, "the table keeps the streets it had: \(same.message)")
    }

    /// A first start under systemd that prepares an extract asks for more start-up time than the
    /// unit's `TimeoutStartSec`, saying how far it is, before READY=1.
    @Test func aFirstStartPreparingAnExtractKeepsSystemdWaiting() throws {
        let pbf = try Self.extract("lille", ["lille", Self.root.appendingPathComponent("assets").path])
        let dir = try InclusionMapBinary.temporaryDirectory()
        let config = try Self.configuration(in: dir, sources: "osm = \"\(pbf.path)\"")
        let socket = try NotifySocket(abstract: true)
        let process = try InclusionMapBinary.launch(["run", "--headless", "--size", "640x360", "--config", config, "--state-dir", dir.path],
                                                    environment: ["NOTIFY_SOCKET": socket.address])
        defer { if process.isRunning { process.terminate() } }
        let extending = socket.wait(for: "EXTEND_TIMEOUT_USEC=", timeout: 120)
        #expect(extending?.contains("STATUS=Preparing the basemap: ") == true, "\(extending ?? "no EXTEND_TIMEOUT_USEC")")
        #expect(socket.wait(for: "READY=1", timeout: 120) != nil, "ready once prepared")
        process.terminate()
        process.waitUntilExit()
    }

    @Test func anExtractWithoutAStyleSayingWhatToKeepIsRefused() throws {
        let pbf = try Self.extract("lille", ["lille", Self.root.appendingPathComponent("assets").path])
        let dir = try InclusionMapBinary.temporaryDirectory()
        let styleText = try String(contentsOf: Self.root.appendingPathComponent("assets/styles/calm.json"), encoding: .utf8)
        var style = try JSONSerialization.jsonObject(with: Data(styleText.utf8)) as! [String: Any]
        style.removeValue(forKey: "osm")
        let styleFile = dir.appendingPathComponent("no-osm.json")
        try JSONSerialization.data(withJSONObject: style).write(to: styleFile)
        var config = try Self.configuration(in: dir, sources: "osm = \"\(pbf.path)\"")
        let text = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "\(Self.root.path)/assets/styles/calm.json", with: styleFile.path)
            .replacingOccurrences(of: "contrast_style = ", with: "# contrast_style = ")
        config = dir.appendingPathComponent("no-osm.toml").path
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try InclusionMapBinary.run(["prepare", "--config", config, "--state-dir", dir.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("basemap.sources.osm") && result.stderr.contains("\"osm\" section"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("basemap.cache").path))
    }
}
