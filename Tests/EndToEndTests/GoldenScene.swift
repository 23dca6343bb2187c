import Foundation
import Testing

/// A view a visitor must recognise, the command that draws it, and its golden image
/// (`Golden/<name>-<size>.png`, drawn by the software renderer). ``GoldenImageTests`` draws each
/// with the software renderer, ``AcceleratedRendererTests`` with OpenGL and OpenGL ES 2.
struct GoldenScene: Sendable, CustomTestStringConvertible {
    var name: String
    var size = "960x540"
    /// `render …` (a still), or a trace replayed by `run --replay` (its last frame).
    var render: [String] = []
    var trace: String?
    /// Places imported into a state directory of its own instead of the bundled ones.
    var places: String?
    /// At a fixed time: "open now", the hours of the day.
    var fixedTime = true

    var testDescription: String { "\(name)-\(size)" }
    var goldenPath: String {
        InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/\(name)-\(size).png").path
    }

    static let card = ["render", "--place", "france-services-1933"]

    static let all: [GoldenScene] = [
        GoldenScene(name: "region", render: ["render"], fixedTime: false),
        // The home view on a small kiosk, a 43-inch full HD table and a 4K one: the region fills
        // the map between the title and the chips, names as tall in millimetres.
        GoldenScene(name: "home", size: "1280x720", render: ["render"], fixedTime: false),
        GoldenScene(name: "home", size: "1920x1080", render: ["render"], fixedTime: false),
        GoldenScene(name: "home", size: "3840x2160", render: ["render"], fixedTime: false),
        // A card on a 15-inch screen and on a 55-inch 4K table: text sized in millimetres.
        GoldenScene(name: "card", size: "1280x720", render: card),
        GoldenScene(name: "card", size: "3840x2160", render: card),
        // A card with every field of the national standard filled (its own valid example): what
        // helps, the presentation, publics and support, the booking and Acceslibre codes.
        GoldenScene(name: "card-standard", size: "1920x1080", render: ["render", "--place", "structure-1"],
                    places: "Tests/PlacesTests/Fixtures/standard-v1-example.csv"),
        // The interface, the hours and the days translated, the place's data as published.
        GoldenScene(name: "card-dutch", render: card + ["--language", "nl"]),
        // Arabic: shaped right to left, the interface reflected (the map is not), French names
        // and times left to right inside the sentences, the codes and the keyboard as they are.
        GoldenScene(name: "home-arabic", render: ["render", "--language", "ar"], fixedTime: false),
        GoldenScene(name: "card-arabic", render: card + ["--language", "ar"]),
        GoldenScene(name: "search-arabic", trace: "visitor-arabic-search.jsonl"),
        // As a visitor who tapped "Aa" sees it (text about 1.4 times larger).
        GoldenScene(name: "card-large-text", render: card + ["--large-text"]),
        // Its two QR codes ("Itinéraire", "Fiche") on a table's full HD screen.
        GoldenScene(name: "card-codes", size: "1920x1080", render: card),
        // Opened by a hand from across the table: turned along the upper edge, its codes with it.
        GoldenScene(name: "card-turned", size: "1920x1080", render: card + ["--panel-facing", "top"]),
        GoldenScene(name: "metropolis", render: ["render", "--center", "50.63,3.06", "--zoom", "11"], fixedTime: false),
        GoldenScene(name: "lille-centre", render: ["render", "--center", "50.634,3.063", "--zoom", "14.5"], fixedTime: false),
        GoldenScene(name: "region-high-contrast", render: ["render", "--config", "kiosk-config/high-contrast.toml"], fixedTime: false),
        GoldenScene(name: "pinch", trace: "pinch.jsonl", fixedTime: false),
        // The visitor's panels: places found by name, the nearest ones open now, a question of the form.
        GoldenScene(name: "search", trace: "visitor-search.jsonl"),
        GoldenScene(name: "nearby", trace: "visitor-nearby.jsonl"),
        GoldenScene(name: "form", trace: "visitor-form-question.jsonl"),
        // The invitation when nobody touches the table: over the first town, once upright and
        // once turned for the far side (text turned on every renderer).
        GoldenScene(name: "attract", render: ["render", "--attract"], fixedTime: false),
        // Where help is missing: the distance layer, and a commune's card on the priority layer.
        GoldenScene(name: "coverage-distance", render: ["render", "--coverage", "distance"], fixedTime: false),
        GoldenScene(name: "coverage-commune", render: ["render", "--coverage", "priority", "--commune", "80021"]),
    ]

    /// The command drawing the scene into `output` with `renderer` (nil: the software renderer,
    /// headless, as the golden images are made).
    func arguments(output: String, state: String, renderer: String?) -> [String] {
        var arguments: [String]
        if let trace {
            let path = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces/\(trace)").path
            arguments = ["run", "--replay", path, "--screenshot", output]
                + (renderer.map { ["--windowed", "--renderer", $0] } ?? ["--headless"])
        } else {
            arguments = render + ["--out", output] + (renderer.map { ["--renderer", $0] } ?? [])
        }
        return arguments + ["--size", size, "--state-dir", state] + (fixedTime ? ["--at", "2026-12-01T10:30"] : [])
    }

    /// The state directory the scene reads: the shared one, or its own with its places imported.
    func stateDirectory() throws -> String {
        guard let places else { return InclusionMapBinary.sharedStateDirectory }
        let state = try InclusionMapBinary.temporaryDirectory()
        let file = InclusionMapBinary.packageRoot.appendingPathComponent(places).path
        let result = try InclusionMapBinary.run(["import", "--state-dir", state.path, "--replace", file])
        guard result.status == 0 else { throw CommandFailure("import \(places): \(result.stderr)") }
        return state.path
    }
}

/// A real X11 display for a command: its own Xvfb server (`xvfb-run`), large enough for a 4K
/// window, where SDL's OpenGL and OpenGL ES 2 renderers run on Mesa's llvmpipe.
enum X11Display {
    nonisolated(unsafe) private static var next = 0
    private static let lock = NSLock()

    /// A display number no other test of this process uses, away from `xvfb-run -a`'s (from 99),
    /// so that commands started at the same moment never race for one.
    static func freshNumber() -> Int {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        return 1000 + Int(ProcessInfo.processInfo.processIdentifier % 400) * 20 + next % 20
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> InclusionMapBinary.Result {
        try InclusionMapBinary.run(["-n", "\(freshNumber())", "-s", "-screen 0 3840x2160x24", InclusionMapBinary.path] + arguments,
                                   environment: environment.merging(["SDL_VIDEODRIVER": "x11"]) { $1 },
                                   executable: "/usr/bin/xvfb-run")
    }
}
