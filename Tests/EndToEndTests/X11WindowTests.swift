import Foundation
import Testing

/// The kiosk in a real X11 window (Xvfb, installed with the test tools), as on a kiosk without a
/// GPU: SDL's OpenGL renderer would run on Mesa's llvmpipe, drawing every frame on the CPU without
/// tiles; the kiosk takes the software renderer with its tiles instead, and says so.
struct X11WindowTests {
    @Test func withoutAGPUTheKioskDrawsWithTheSoftwareRendererAndTiles() throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let stats = dir.appendingPathComponent("stats.json").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xvfb-run")
        process.arguments = ["-a", "-s", "-screen 0 800x600x24", InclusionMapBinary.path, "run", "--windowed", "--size", "800x600",
                             "--replay", "Tests/EndToEndTests/Traces/pan.jsonl", "--stats", stats,
                             "--state-dir", InclusionMapBinary.sharedStateDirectory]
        process.currentDirectoryURL = InclusionMapBinary.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["SDL_VIDEODRIVER"] = "x11"
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log)")

        struct Stats: Decodable {
            struct Kinds: Decodable { var tiles: Int; var direct: Int }
            var renderer: String
            var size: String
            var basemap_frames: Kinds
        }
        let figures = try JSONDecoder().decode(Stats.self, from: Data(contentsOf: URL(fileURLWithPath: stats)))
        #expect(figures.size == "800x600")
        // This machine has no GPU: OpenGL is llvmpipe, passed over for the software renderer.
        #expect(log.contains("passed_over=opengl"), "\(log)")
        #expect(figures.renderer == "software")
        #expect(figures.basemap_frames.tiles > 0)
    }
}
