import CSDL2
import MapGeometry
import MapScene
@testable import SDLBackend
import Testing

/// The text cache keeps what a frame draws, whatever its budget: a view with more labels than
/// the budget must not render them all again every frame; lines unused since go first.
struct TextCacheTests {
    let root = InclusionMapBinary.packageRoot

    @Test func linesDrawnInTheFrameAreNeverEvictedAndOldOnesGoFirst() throws {
        let fonts = root.appendingPathComponent("assets/fonts")
        let text = try TextRenderer(regularPath: fonts.appendingPathComponent("DejaVuSans.ttf").path,
                                    boldPath: fonts.appendingPathComponent("DejaVuSans-Bold.ttf").path)
        text.keepsPixels = true
        text.byteBudget = 1  // far less than one label
        let surface = try #require(SDL_CreateRGBSurfaceWithFormat(0, 400, 300, 32, UInt32(SDL_PIXELFORMAT_RGB888.rawValue)))
        defer { SDL_FreeSurface(surface) }
        let renderer = try #require(SDL_CreateSoftwareRenderer(surface))
        defer { SDL_DestroyRenderer(renderer) }
        let copier = SplitCopier()
        defer { copier.stop() }
        func frame(_ names: [String]) {
            text.beginFrame()
            let batch = SurfaceBatch(target: PixelBuffer(surface: surface), renderer: renderer, copier: copier)
            for (i, name) in names.enumerated() {
                text.draw(TextPrimitive(name, at: Point(x: 200, y: Double(10 + i * 5)), size: 14, color: .black, halo: .white),
                          renderer: renderer, into: batch)
            }
            batch.flush()
        }
        let view = (1...40).map { "Commune \($0)" }
        frame(view)
        #expect(text.cachedCount == 40 && text.linesMade == 40)
        frame(view)
        #expect(text.linesMade == 40, "the same view drawn again made \(text.linesMade - 40) lines again")
        let next = (1...5).map { "Village \($0)" }
        frame(next)
        #expect(text.linesMade == 45)
        #expect(text.cachedCount == 5, "the lines of the last view should have gone first")
    }
}
