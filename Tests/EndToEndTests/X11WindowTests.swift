import Foundation
import Testing

/// The kiosk in a real X11 window (Xvfb, installed with the test tools), as on a kiosk without a
/// GPU: SDL's OpenGL renderer would run on Mesa's llvmpipe, drawing every frame on the CPU without
/// tiles; the kiosk takes the software renderer with its tiles instead, and says so.
struct X11WindowTests {
    @Test func withoutAGPUTheKioskDrawsWithTheSoftwareRendererAndTiles() throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let stats = dir.appendingPathComponent("stats.json").path
        let result = try X11Display.run(["run", "--windowed", "--size", "800x600", "--replay", "Tests/EndToEndTests/Traces/pan.jsonl",
                                         "--stats", stats, "--state-dir", InclusionMapBinary.sharedStateDirectory])
        let log = result.stderr
        #expect(result.status == 0, "\(log)")

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
