import CSDL2
import Foundation
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

/// What a frame writes straight into the window's surface: the basemap's tiles, then stamps.
enum FrameWrite: SurfaceWrite {
    case tile(PixelCopy)
    case stamp(StampWrite)

    var visible: PixelRect {
        switch self {
        case .tile(let copy): copy.visible
        case .stamp(let stamp): stamp.visible
        }
    }

    func perform(into target: PixelBuffer, rows: Range<Int>) {
        switch self {
        case .tile(let copy): copy.perform(into: target, rows: rows)
        case .stamp(let stamp): stamp.perform(into: target, rows: rows)
        }
    }
}

/// The basemap's tiles, markers and labels of a frame gathered, to be written into the window's
/// surface together on two threads (``SplitCopier``) rather than one by one. Whatever is next
/// drawn through the renderer calls ``flush()`` first, so that the frame keeps the display list's
/// order.
///
/// Tiles and the stamps drawn over them go in one pass, a band of rows at a time: a marker or a
/// label blends with pixels of its band just copied, still in the core's cache, rather than with
/// a screen written out to memory before it (at 4K, 33 MB: a stamp's every row waited on memory).
final class SurfaceBatch {
    private let target: PixelBuffer
    private let renderer: OpaquePointer
    private let copier: SplitCopier
    private var writes: [FrameWrite] = []
    /// How long the flush that wrote the tiles took (zero until then).
    private(set) var tileFlushMilliseconds = 0.0

    init(target: PixelBuffer, renderer: OpaquePointer, copier: SplitCopier) {
        self.target = target
        self.renderer = renderer
        self.copier = copier
    }

    /// The basemap's tiles: first in the batch (what is drawn before them would be covered).
    func addTiles(_ copies: [PixelCopy]) {
        precondition(writes.isEmpty, "the basemap's tiles come before anything drawn over the map")
        writes = copies.map(FrameWrite.tile)
    }

    func add(_ write: StampWrite) { writes.append(.stamp(write)) }

    /// Writes what was gathered, after what the renderer has queued.
    func flush() {
        guard !writes.isEmpty else { return }
        SDL_RenderFlush(renderer)
        let start = DispatchTime.now().uptimeNanoseconds
        // With tiles, band by band (see `SplitCopier.write`).
        let hasTiles = if case .tile? = writes.first { true } else { false }
        copier.write(writes, into: target, bandHeight: hasTiles ? 16 : nil)
        if hasTiles { tileFlushMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
        writes = []
    }
}
