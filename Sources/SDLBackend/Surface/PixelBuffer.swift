import CSDL2
import Foundation
import MapScene

/// 32-bit pixels in memory, row after row `pitch` bytes apart: the window's surface, or a tile.
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
    func copy(_ source: PixelSource, filling rect: PixelRect, within clip: PixelRect) {
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

