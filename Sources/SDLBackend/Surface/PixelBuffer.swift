import CSDL2
import Foundation
import MapScene

/// 32-bit pixels in memory, row after row `pitch` bytes apart: a tile, or the window's surface.
/// A view only: whoever made it owns the memory.
struct PixelBuffer {
    var pixels: UnsafeMutableRawPointer
    var width: Int
    var height: Int
    /// Bytes from one row to the next.
    var pitch: Int

    var bounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    /// Copies the whole of `source` so that it fills `rect` of this buffer, stretched by nearest
    /// sampling when the sizes differ, writing only the part inside `clip` (and this buffer).
    /// See ``PixelCopy``, which this prepares and performs at once.
    func copy(_ source: PixelBuffer, filling rect: PixelRect, within clip: PixelRect) {
        guard let copy = PixelCopy(source, filling: rect, within: clip, of: self) else { return }
        copy.perform(into: self, rows: copy.visible.y..<copy.visible.maxY)
    }
}

extension PixelBuffer {
    /// An SDL surface's pixels (unlocked, 32 bits a pixel).
    init(surface: UnsafeMutablePointer<SDL_Surface>) {
        self.init(pixels: surface.pointee.pixels, width: Int(surface.pointee.w), height: Int(surface.pointee.h),
                  pitch: Int(surface.pointee.pitch))
    }
}

/// A tile's pixels, owned, and reused for other tiles (see ``TileRenderWorker/recycle(_:)``).
///
/// Mapped from the system directly rather than taken from the heap: the worker thread that fills
/// tiles also allocates and frees its geometry scratch, and 256 KB blocks interleaved with that
/// left its heap fragmented (a higher peak at 4K). An unmapped tile is gone at once.
final class TilePixels: @unchecked Sendable {
    let buffer: PixelBuffer
    private let byteCount: Int

    convenience init(side: Int) { self.init(width: side, height: side) }

    init(width: Int, height: Int) {
        let pitch = width * 4
        byteCount = pitch * height
        let memory = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let memory, memory != MAP_FAILED else { fatalError("out of memory for \(width)×\(height) pixels") }
        buffer = PixelBuffer(pixels: memory, width: width, height: height, pitch: pitch)
    }

    deinit { munmap(buffer.pixels, byteCount) }
}
