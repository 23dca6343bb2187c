import Foundation
import Testing
import SDLBackend

/// The executable, run as a person would run it: real SDL (dummy video driver, software renderer),
/// real PNG files, the bundled configuration and data.
@Suite(.serialized) struct ReplayAndRenderTests {
    let traces = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces")

    struct Stats: Decodable {
        struct Camera: Decodable { var lat: Double; var lon: Double; var zoom: Double; var bearing: Double }
        struct Frames: Decodable { var p50: Double; var p95: Double; var p99: Double; var max: Double }
        var frames: Int
        var frame_ms: Frames
        var first_frame_ms: Double
        var peak_rss_mb: Double
        var camera_start: Camera
        var camera_end: Camera
    }

    func replay(_ trace: String, size: String = "960x540", screenshot: String? = nil, frameLog: String? = nil) throws -> Stats {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let statsFile = dir.appendingPathComponent("stats.json").path
        var args = ["run", "--headless", "--replay", traces.appendingPathComponent(trace).path, "--size", size,
                    "--stats", statsFile, "--state-dir", InclusionMapBinary.sharedStateDirectory]
        if let screenshot { args += ["--screenshot", screenshot] }
        if let frameLog { args += ["--frame-log", frameLog] }
        let result = try InclusionMapBinary.run(args)
        #expect(result.status == 0, "replay failed: \(result.stderr)")
        return try JSONDecoder().decode(Stats.self, from: Data(contentsOf: URL(fileURLWithPath: statsFile)))
    }

    @Test func renderWritesARealPNGOfTheRequestedSize() throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("lille.png").path
        let result = try InclusionMapBinary.run(["render", "--center", "50.0,2.6", "--zoom", "9", "--size", "800x600",
                                                 "--out", out, "--state-dir", InclusionMapBinary.sharedStateDirectory])
        #expect(result.status == 0, "\(result.stderr)")
        let image = try RGBAImage.load(path: out)
        #expect(image.width == 800 && image.height == 600)
        // A view inside the region is mostly the style's land colour (#f4f1e8).
        var land = 0
        for i in stride(from: 0, to: image.pixels.count, by: 4)
        where image.pixels[i] == 0xf4 && image.pixels[i + 1] == 0xf1 && image.pixels[i + 2] == 0xe8 { land += 1 }
        #expect(Double(land) / Double(800 * 600) > 0.5)
    }

    @Test func pinchReplayZoomsInAroundTheFingers() throws {
        let stats = try replay("pinch.jsonl")
        #expect(stats.frames > 20)
        #expect(stats.camera_end.zoom > stats.camera_start.zoom + 1)
        #expect(stats.first_frame_ms > 0 && stats.peak_rss_mb > 0)
    }

    /// `--frame-log` writes one line per frame drawn, in order, with its basemap and zoom.
    @Test func theFrameLogHasALinePerFrame() throws {
        let log = try InclusionMapBinary.temporaryDirectory().appendingPathComponent("frames.tsv").path
        let stats = try replay("pinch.jsonl", frameLog: log)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(lines.first == ["seconds", "ms", "basemap", "zoom", "scene_ms", "basemap_ms", "draw_ms", "present_ms"])
        let frames = lines.dropFirst()
        #expect(frames.count == stats.frames)
        #expect(frames.allSatisfy { $0.count == 8 && ["direct", "tiles", "tilesWithStandIns", "tilesWithGaps"].contains(String($0[2])) })
        let seconds = frames.compactMap { Double($0[0]) }, zooms = frames.compactMap { Double($0[3]) }
        #expect(seconds == seconds.sorted() && seconds.count == stats.frames)
        #expect(abs(zooms.first! - stats.camera_start.zoom) < 1e-3 && abs(zooms.last! - stats.camera_end.zoom) < 1e-3)
        // The replay ends on the map at rest, drawn from its tiles once they are in, however slow
        // the machine was to render them during the gesture.
        #expect(frames.last.map { String($0[2]) } == "tiles", "\(frames.suffix(3))")
        // The statistics are those of the frames logged (nearest rank, as the stats compute them).
        let times = frames.compactMap { Double($0[1]) }.sorted()
        func rank(_ p: Double) -> Double { times[min(times.count - 1, max(0, Int((p * Double(times.count)).rounded(.up)) - 1))] }
        #expect(abs(times.last! - stats.frame_ms.max) < 0.02)
        #expect(abs(rank(0.5) - stats.frame_ms.p50) < 0.02 && abs(rank(0.99) - stats.frame_ms.p99) < 0.02,
                "p50 \(stats.frame_ms.p50) p99 \(stats.frame_ms.p99) against the log's \(rank(0.5)) and \(rank(0.99))")
        // The stages are parts of the frame: the basemap of draw; scene, draw and present of the whole.
        for frame in frames {
            let ms = frame.compactMap { Double($0) }
            let (total, scene, basemap, draw, present) = (ms[1], ms[3], ms[4], ms[5], ms[6])
            #expect(basemap <= draw + 0.01 && scene + draw + present <= total + 0.03)
        }
    }

    @Test func panReplayMovesTheMapWithTheFinger() throws {
        let stats = try replay("pan.jsonl")
        // Finger moved right and down: the map follows, so the centre moves west and north.
        #expect(stats.camera_end.lon < stats.camera_start.lon)
        #expect(stats.camera_end.lat > stats.camera_start.lat)
        #expect(stats.camera_end.zoom == stats.camera_start.zoom)
    }

    @Test func flingGlidesAfterRelease() throws {
        let stats = try replay("fling.jsonl")
        // The flick itself is 0.25 of the width; the glide carries the map further before stopping.
        let flickDegrees = 0.25 * 960 / (256 * pow(2, stats.camera_start.zoom) / 360)
        #expect(stats.camera_end.lon - stats.camera_start.lon > flickDegrees * 1.2 ||
                stats.camera_end.lon >= 4.25, "no glide after the fling")
    }

    @Test func doubleTapZoomsOneLevel() throws {
        let stats = try replay("double-tap.jsonl")
        #expect(abs(stats.camera_end.zoom - (stats.camera_start.zoom + 1)) < 1e-6)
    }

    @Test func badTraceIsRefusedWithItsLine() throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let trace = dir.appendingPathComponent("bad.jsonl")
        try "{\"t\": 0, \"type\": \"finger_down\", \"id\": 1, \"x\": 0.5, \"y\": 0.5}\nnot json\n".write(to: trace, atomically: true, encoding: .utf8)
        let result = try InclusionMapBinary.run(["run", "--headless", "--replay", trace.path, "--state-dir", InclusionMapBinary.sharedStateDirectory])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.jsonl:2"))
    }
}

/// Golden images of the views a visitor must recognise (``GoldenScene/all``), drawn by the
/// software renderer. Tolerance and re-recording: see ``GoldenImage``.
@Suite(.serialized) struct GoldenImageTests {
    @Test(arguments: GoldenScene.all)
    func theViewMatchesItsGoldenImage(_ scene: GoldenScene) throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let actual = dir.appendingPathComponent("\(scene.name).png").path
        let result = try InclusionMapBinary.run(scene.arguments(output: actual, state: try scene.stateDirectory(), renderer: nil))
        #expect(result.status == 0, "\(result.stderr)")
        let outcome = try GoldenImage().compare(actualPath: actual, goldenPath: scene.goldenPath,
                                                failureDirectory: dir.appendingPathComponent("golden-failure"))
        #expect(outcome.matches, "\(scene.name): \(outcome.message)")
    }
}
