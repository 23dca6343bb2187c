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
    ///
    /// The basemap's tiles reach the screen this way rather than through `SDL_RenderCopy`: the
    /// software renderer copies rows with its own 8-byte loop (the C library's `memcpy` is
    /// faster), and stretches pixel by pixel even where a row only repeats the one above.
    /// Destination pixel x takes source column ⌊(x − rect.x + ½) · source.width / rect.width⌋,
    /// so a clipped part lands exactly where it would have in the whole copy.
    func copy(_ source: PixelBuffer, filling rect: PixelRect, within clip: PixelRect) {
        guard rect.width > 0, rect.height > 0, let visible = rect.intersection(clip)?.intersection(bounds) else { return }
        let columns = visible.width
        let rowBytes = columns * 4
        let sameWidth = rect.width == source.width
        func sourceRow(_ y: Int) -> Int { ((2 * (y - rect.y) + 1) * source.height) / (2 * rect.height) }
        func sourceColumn(_ x: Int) -> Int { ((2 * (x - rect.x) + 1) * source.width) / (2 * rect.width) }

        let firstColumn = sourceColumn(visible.x)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: sameWidth ? 0 : columns) { columnOf in
            if !sameWidth {
                for i in 0..<columns { columnOf[i] = Int32(sourceColumn(visible.x + i)) }
            }
            var previousSourceRow = -1
            for y in visible.y..<visible.maxY {
                let row = sourceRow(y)
                let target = pixels + y * pitch + visible.x * 4
                if row == previousSourceRow {
                    // Enlarged: this row repeats the one just written.
                    target.copyMemory(from: target - pitch, byteCount: rowBytes)
                } else if sameWidth {
                    target.copyMemory(from: source.pixels + row * source.pitch + firstColumn * 4, byteCount: rowBytes)
                } else {
                    let from = UnsafePointer<UInt32>((source.pixels + row * source.pitch).assumingMemoryBound(to: UInt32.self))
                    let to = target.assumingMemoryBound(to: UInt32.self)
                    for i in 0..<columns { to[i] = from[Int(columnOf[i])] }
                }
                previousSourceRow = row
            }
        }
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
/// left its heap fragmented (peak memory +17 % at 3840×2160). An unmapped tile is gone at once.
final class TilePixels: @unchecked Sendable {
    let buffer: PixelBuffer
    private let byteCount: Int

    init(side: Int) {
        let pitch = side * 4
        byteCount = pitch * side
        let memory = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let memory, memory != MAP_FAILED else { fatalError("out of memory for a \(side)-pixel tile") }
        buffer = PixelBuffer(pixels: memory, width: side, height: side, pitch: pitch)
    }

    deinit { munmap(buffer.pixels, byteCount) }
}
