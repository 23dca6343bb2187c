import CSDL2
import MapScene

/// A stamp or a line of text (``StampPixels``) at its place on the screen.
struct StampWrite: SurfaceWrite {
    let pixels: StampPixels
    let left: Int
    let top: Int

    var visible: PixelRect { PixelRect(x: left, y: top, width: pixels.width, height: pixels.height) }

    func perform(into target: PixelBuffer, rows: Range<Int>) {
        pixels.draw(into: target, left: left, top: top, rows: rows)
    }
}

/// Markers and labels of a frame gathered, to be written into the window's surface together on
/// two threads (``SplitCopier``) rather than one by one. Whatever is next drawn through the
/// renderer calls ``flush()`` first, so that the frame keeps the display list's order.
final class SurfaceBatch {
    private let target: PixelBuffer
    private let renderer: OpaquePointer
    private let copier: SplitCopier
    private var writes: [StampWrite] = []

    init(target: PixelBuffer, renderer: OpaquePointer, copier: SplitCopier) {
        self.target = target
        self.renderer = renderer
        self.copier = copier
    }

    func add(_ write: StampWrite) { writes.append(write) }

    /// Writes what was gathered, after what the renderer has queued.
    func flush() {
        guard !writes.isEmpty else { return }
        SDL_RenderFlush(renderer)
        copier.write(writes, into: target)
        writes = []
    }
}
