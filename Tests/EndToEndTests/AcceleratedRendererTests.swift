import Foundation
import SDLBackend
import Testing

/// The path a real table takes: SDL's OpenGL and OpenGL ES 2 renderers, the basemap's geometry
/// drawn every frame, stamps and text as textures, in a real X11 window (Xvfb). Mesa's llvmpipe
/// stands in for the GPU: a complete implementation of both, so what is drawn can be checked here,
/// though not how fast.
@Suite(.serialized) struct AcceleratedRendererTests {
    static let renderers = ["opengl", "opengles2"]

    /// Edges may fall a pixel apart from the software renderer's (OpenGL's rasterisation rules
    /// differ from SDL's software rasteriser at half pixels) and blended edges differ a little; a
    /// misplaced layer, a missing texture or a wrong colour must fail (see
    /// ``theComparisonSeesWhatMatters()``).
    static let tolerance = GoldenImage(channelTolerance: 32, maxDifferingFraction: 0.005, shiftTolerance: 1)

    @Test(arguments: renderers, GoldenScene.all)
    func everyGoldenSceneMatchesTheSoftwareRenderer(_ renderer: String, _ scene: GoldenScene) throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let actual = dir.appendingPathComponent("\(scene.name)-\(renderer).png").path
        let result = try X11Display.run(scene.arguments(output: actual, state: try scene.stateDirectory(), renderer: renderer))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("renderer=\(renderer)"), "\(result.stderr)")
        // Never re-recorded from here: the software renderer's image is the reference.
        let outcome = try Self.tolerance.compare(actualPath: actual, goldenPath: scene.goldenPath,
                                                 failureDirectory: dir.appendingPathComponent("golden-failure"), recording: false)
        #expect(outcome.matches, "\(scene.name) through \(renderer): \(outcome.message)")
    }

    /// The tolerance passes an edge a pixel off, and fails a layer moved further, a texture
    /// missing and a wrong colour: the golden card changed each way must be told apart.
    @Test func theComparisonSeesWhatMatters() throws {
        let golden = try RGBAImage.load(path: GoldenScene.all.first { $0.name == "card-large-text" }!.goldenPath)
        func shifted(by dx: Int) -> RGBAImage {
            var pixels = golden.pixels
            for y in 0..<golden.height {
                for x in 0..<golden.width {
                    let from = (y * golden.width + min(golden.width - 1, max(0, x - dx))) * 4
                    for c in 0..<4 { pixels[(y * golden.width + x) * 4 + c] = golden.pixels[from + c] }
                }
            }
            return RGBAImage(width: golden.width, height: golden.height, pixels: pixels)
        }
        #expect(Self.tolerance.compare(shifted(by: 1), golden).0.matches)
        #expect(!Self.tolerance.compare(shifted(by: 3), golden).0.matches, "a layer three pixels off")
        // Red and blue swapped, as a texture uploaded in the wrong pixel format would be.
        var swapped = golden
        for i in stride(from: 0, to: swapped.pixels.count, by: 4) { swapped.pixels.swapAt(i, i + 2) }
        #expect(!Self.tolerance.compare(swapped, golden).0.matches, "red and blue swapped")
        // The title's texture missing: its box shows the map's cream.
        var missing = golden
        for y in 8..<72 {
            for x in 8..<460 { missing.pixels.replaceSubrange((y * golden.width + x) * 4..<(y * golden.width + x) * 4 + 4, with: [244, 241, 232, 255]) }
        }
        #expect(!Self.tolerance.compare(missing, golden).0.matches, "the title missing")
    }

    struct Outcome: Decodable, Equatable {
        struct Camera: Decodable, Equatable { var lat: Double; var lon: Double; var zoom: Double; var bearing: Double }
        var panel: String
        var listed_places: [String]
        var interface_facing: String
        var panel_facing: String
        var camera_end: Camera
        var renderer: String
    }

    /// Replays `trace` in its own state directory, with the software renderer (nil, headless) or
    /// an accelerated one; its outcome, and the outbox's answers without their ids and times.
    func replay(_ trace: String, renderer: String?, extra: [String] = []) throws -> (Outcome, [[String: String]]) {
        let state = try InclusionMapBinary.temporaryDirectory()
        let stats = state.appendingPathComponent("stats.json").path
        let arguments = ["run", "--replay", InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces/\(trace)").path,
                         "--size", "960x540", "--at", "2026-12-01T10:30", "--stats", stats, "--state-dir", state.path] + extra
        let result = try renderer.map { try X11Display.run(arguments + ["--windowed", "--renderer", $0]) }
            ?? InclusionMapBinary.run(arguments + ["--headless"])
        guard result.status == 0 else { throw CommandFailure("\(trace) through \(renderer ?? "software"): \(result.stderr)") }
        let outcome = try JSONDecoder().decode(Outcome.self, from: Data(contentsOf: URL(fileURLWithPath: stats)))
        let list = try InclusionMapBinary.run(["feedback", "list", "--json", "--state-dir", state.path])
        let rows = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []
        let answers = rows.map { row in
            var flat = (row["answers"] as? [String: String]) ?? [:]
            for key in ["place", "kind", "comment", "status", "kiosk"] { flat[key] = row[key] as? String }
            return flat
        }
        return (outcome, answers)
    }

    /// The visitor's flows end on the same panel, list, facing, view and outbox whichever
    /// renderer draws them: nothing of what a visitor does depends on the renderer.
    @Test(arguments: ["visitor-feedback.jsonl", "visitor-nearby.jsonl", "visitor-search.jsonl", "table-far-side.jsonl", "pan-pinch-tour.jsonl"])
    func theVisitorsFlowsEndTheSameThroughEveryRenderer(_ trace: String) throws {
        let extra = trace == "table-far-side.jsonl" ? ["--center", "50.6145,3.0446", "--zoom", "14"] : []
        var (software, softwareOutbox) = try replay(trace, renderer: nil, extra: extra)
        #expect(software.renderer == "software")
        for renderer in Self.renderers {
            let (accelerated, outbox) = try replay(trace, renderer: renderer, extra: extra)
            #expect(accelerated.renderer == renderer)
            software.renderer = renderer
            #expect(accelerated == software, "\(trace) through \(renderer)")
            #expect(outbox == softwareOutbox, "\(trace) through \(renderer)")
        }
        if trace == "visitor-feedback.jsonl" { #expect(softwareOutbox.count == 1) }
    }

    struct Textures: Decodable {
        struct Figures: Decodable { var text_lines: Int; var text_lines_made: Int; var text_bytes: Int; var stamps: Int; var stamps_made: Int }
        var textures: Figures
        var render_resets: Int
    }

    /// After a device reset (every texture lost, as after a suspend or a driver restart) and a
    /// render-targets reset (their pixels lost), SDL's own events posted in the middle of the
    /// form: the textures are made again and the next frames are whole, the form's question
    /// exactly as without the resets.
    @Test(arguments: ["software", "opengl", "opengles2"])
    func aRendererResetIsSurvived(_ renderer: String) throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        func run(_ trace: String) throws -> (Textures, String) {
            let screenshot = dir.appendingPathComponent("\(trace)-\(renderer).png").path
            let stats = dir.appendingPathComponent("\(trace)-\(renderer).json").path
            let arguments = ["run", "--replay", InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces/\(trace)").path,
                             "--size", "960x540", "--at", "2026-12-01T10:30", "--stats", stats, "--screenshot", screenshot,
                             "--state-dir", InclusionMapBinary.sharedStateDirectory]
            let result = renderer == "software" ? try InclusionMapBinary.run(arguments + ["--headless"])
                : try X11Display.run(arguments + ["--windowed", "--renderer", renderer])
            guard result.status == 0 else { throw CommandFailure("\(trace): \(result.stderr)") }
            return (try JSONDecoder().decode(Textures.self, from: Data(contentsOf: URL(fileURLWithPath: stats))), screenshot)
        }
        let (quiet, _) = try run("visitor-form-question.jsonl")
        let (reset, screenshot) = try run("renderer-reset.jsonl")
        #expect(quiet.render_resets == 0 && reset.render_resets == 2)
        // The same trace with the resets between its steps: what was on screen was made again,
        // the question's lines and the map's names after the device reset, the markers after each.
        #expect(reset.textures.text_lines_made >= quiet.textures.text_lines_made + 10, "\(reset.textures) vs \(quiet.textures)")
        #expect(reset.textures.stamps_made > quiet.textures.stamps_made, "\(reset.textures) vs \(quiet.textures)")
        let golden = GoldenScene.all.first { $0.name == "form" }!.goldenPath
        let comparison = renderer == "software" ? GoldenImage() : Self.tolerance
        let outcome = try comparison.compare(actualPath: screenshot, goldenPath: golden,
                                             failureDirectory: dir.appendingPathComponent("golden-failure"), recording: false)
        #expect(outcome.matches, "after the resets, through \(renderer): \(outcome.message)")
    }

    /// `[screen] renderer` chooses it for the kiosk; a renderer SDL cannot make is an error
    /// naming it, the video driver and what SDL offers; a wrong value names the key and the choices.
    @Test func theRendererIsChosenAndAnImpossibleOneIsNamed() throws {
        let assets = InclusionMapBinary.packageRoot.appendingPathComponent("assets").path
        let bundled = try String(contentsOf: InclusionMapBinary.packageRoot.appendingPathComponent("kiosk-config/kiosk.toml"), encoding: .utf8)
            .replacingOccurrences(of: "\"../assets/", with: "\"\(assets)/")
        let dir = try InclusionMapBinary.temporaryDirectory()
        func configuration(_ renderer: String) throws -> String {
            let file = dir.appendingPathComponent("kiosk-\(renderer).toml")
            try bundled.replacingOccurrences(of: "renderer = \"auto\"", with: "renderer = \"\(renderer)\"")
                .write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        let trace = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces/pan.jsonl").path
        let stats = dir.appendingPathComponent("stats.json")
        let chosen = try X11Display.run(["run", "--config", try configuration("opengles2"), "--windowed", "--size", "640x360",
                                         "--replay", trace, "--stats", stats.path, "--state-dir", InclusionMapBinary.sharedStateDirectory])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(try JSONDecoder().decode(Outcome.self, from: Data(contentsOf: stats)).renderer == "opengles2")

        // No display: SDL's dummy video driver has no OpenGL.
        let impossible = try InclusionMapBinary.run(["render", "--renderer", "opengl", "--out", dir.appendingPathComponent("x.png").path,
                                                     "--state-dir", InclusionMapBinary.sharedStateDirectory])
        #expect(impossible.status != 0)
        #expect(impossible.stderr.contains("renderer \"opengl\" cannot be created on video driver \"dummy\""), "\(impossible.stderr)")
        #expect(impossible.stderr.contains("SDL offers") && impossible.stderr.contains("\"software\""), "\(impossible.stderr)")
        let headless = try InclusionMapBinary.run(["run", "--headless", "--renderer", "opengles2", "--replay", trace])
        #expect(headless.status != 0 && headless.stderr.contains("--renderer opengles2 needs a display"), "\(headless.stderr)")
        let wrong = try InclusionMapBinary.run(["config", "check", try configuration("vulkan")])
        #expect(wrong.status != 0 && wrong.stderr.contains("renderer") && wrong.stderr.contains("\"opengles2\""), "\(wrong.stderr)")
    }

    /// Pans row after row over the region at a zoom where every village is named: more lines of
    /// text than the cache keeps. Through OpenGL the text textures stay within their budget
    /// (the least recently used go), the stamps too. The soak's figures: `scripts/soak.sh`.
    @Test func texturesStayWithinTheirBudget() throws {
        var entries: [String] = []
        var t = 0.0, finger = 0
        func drag(from start: (Double, Double), by delta: (Double, Double)) {
            finger += 1
            entries.append(#"{"t": \#(t), "type": "finger_down", "id": \#(finger), "x": \#(start.0), "y": \#(start.1)}"#)
            for step in 1...8 {
                t += 16
                let x = start.0 + delta.0 * Double(step) / 8, y = start.1 + delta.1 * Double(step) / 8
                entries.append(#"{"t": \#(t), "type": "finger_motion", "id": \#(finger), "x": \#(x), "y": \#(y)}"#)
            }
            t += 300  // held still: no fling
            entries.append(#"{"t": \#(t), "type": "finger_up", "id": \#(finger), "x": \#(start.0 + delta.0), "y": \#(start.1 + delta.1)}"#)
            t += 200
        }
        for row in 0..<20 {
            for _ in 0..<8 { drag(from: row % 2 == 0 ? (0.9, 0.5) : (0.1, 0.5), by: (row % 2 == 0 ? -0.8 : 0.8, 0)) }
            drag(from: (0.5, 0.8), by: (0, -0.6))
        }
        let dir = try InclusionMapBinary.temporaryDirectory()
        let trace = dir.appendingPathComponent("rows.jsonl")
        try (entries.joined(separator: "\n") + "\n").write(to: trace, atomically: true, encoding: .utf8)
        let stats = dir.appendingPathComponent("stats.json")
        let result = try X11Display.run(["run", "--windowed", "--renderer", "opengl", "--size", "960x540", "--center", "51.0,2.0", "--zoom", "12.5",
                                         "--replay", trace.path, "--stats", stats.path, "--state-dir", InclusionMapBinary.sharedStateDirectory])
        #expect(result.status == 0, "\(result.stderr)")
        let textures = try JSONDecoder().decode(Textures.self, from: Data(contentsOf: stats)).textures
        #expect(textures.text_lines_made > 1024, "the rows should name more places than the cache keeps: \(textures)")
        #expect(textures.text_lines <= 1024 && textures.stamps <= 256, "\(textures)")
        #expect(textures.text_bytes <= 8 << 20, "\(textures)")
    }
}
