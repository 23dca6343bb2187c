import CSDL2

/// A stamp's (or a line of text's) pixels kept in memory and cut, row by row, into runs: opaque
/// runs are copied as they are, translucent ones blended, transparent ones skipped. A marker is
/// mostly an opaque disc with a thin antialiased edge, a label an opaque halo with glyphs in it,
/// so either costs a few row copies instead of blending every pixel of its rectangle (what
/// `SDL_RenderCopy` does).
final class StampPixels {
    /// 8 bytes: a label has a few dozen runs a row, as many as it has pixels to the quarter.
    struct Run {
        var x: UInt16
        var y: UInt16
        var length: UInt16
        var opaque: Bool
    }

    let width: Int
    let height: Int
    /// ARGB8888, not premultiplied, row after row.
    private let pixels: [UInt32]
    let runs: [Run]

    init(width: Int, height: Int, pixels: [UInt32]) {
        precondition(pixels.count == width * height, "a stamp needs width × height pixels")
        precondition(width <= Int(UInt16.max) && height <= Int(UInt16.max), "a stamp is at most 65,535 pixels a side")
        self.width = width
        self.height = height
        self.pixels = pixels
        var runs: [Run] = []
        pixels.withUnsafeBufferPointer { all in
            // 0 transparent, 1 translucent, 2 opaque
            @inline(__always) func kind(_ p: UInt32) -> Int { p >> 24 == 0 ? 0 : (p >> 24 == 255 ? 2 : 1) }
            for y in 0..<height {
                let row = all.baseAddress! + y * width
                var x = 0
                while x < width {
                    let k = kind(row[x])
                    var end = x + 1
                    while end < width, kind(row[end]) == k { end += 1 }
                    if k != 0 { runs.append(Run(x: UInt16(x), y: UInt16(y), length: UInt16(end - x), opaque: k == 2)) }
                    x = end
                }
            }
        }
        self.runs = runs
    }

    /// The same image turned by 180° (its pixels in reverse order): text facing the far side of a table.
    func turned() -> StampPixels { StampPixels(width: width, height: height, pixels: pixels.reversed()) }

    /// A texture of the same pixels (for a frame drawn through the renderer after all).
    func texture(renderer: OpaquePointer) -> OpaquePointer? {
        guard let texture = SDL_CreateTexture(renderer, CSDL_PIXELFORMAT_ARGB8888, Int32(SDL_TEXTUREACCESS_STATIC.rawValue),
                                              Int32(width), Int32(height)) else { return nil }
        pixels.withUnsafeBytes { _ = SDL_UpdateTexture(texture, nil, $0.baseAddress, Int32(width * 4)) }
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND)
        return texture
    }

    /// Memory held: the pixels and the runs.
    var byteCount: Int { pixels.count * 4 + runs.count * MemoryLayout<Run>.stride }

    /// Draws the stamp with its top left corner at (`left`, `top`) of `target` (xRGB, 32 bits),
    /// clipped to it and to `rows`. Translucent pixels are blended as SDL's software blitter blends them.
    func draw(into target: PixelBuffer, left: Int, top: Int, rows: Range<Int>? = nil) {
        let firstRow = max(0, rows?.lowerBound ?? 0, top), endRow = min(target.height, rows?.upperBound ?? target.height, top + height)
        guard firstRow < endRow else { return }
        pixels.withUnsafeBufferPointer { source in
            runs.withUnsafeBufferPointer { runs in
                // Runs go row after row: start at the first one of `firstRow`.
                var low = 0, high = runs.count
                while low < high {
                    let middle = (low + high) / 2
                    if top + Int(runs[middle].y) < firstRow { low = middle + 1 } else { high = middle }
                }
                for run in runs[low...] {
                    let runX = Int(run.x), runY = Int(run.y)
                    let y = top + runY
                    if y >= endRow { break }
                    let x0 = max(left + runX, 0), x1 = min(left + runX + Int(run.length), target.width)
                    guard x1 > x0 else { continue }
                    let from = source.baseAddress! + runY * width + (x0 - left)
                    let to = (target.pixels + y * target.pitch).assumingMemoryBound(to: UInt32.self) + x0
                    if run.opaque {
                        to.update(from: from, count: x1 - x0)
                    } else {
                        for i in 0..<(x1 - x0) { to[i] = Self.blend(from[i], over: to[i]) }
                    }
                }
            }
        }
    }

    /// `source` over `destination` as SDL's `BlitRGBtoRGBPixelAlpha` computes it: red and blue
    /// together, then green, with wrapping arithmetic and alpha out of 256.
    @inline(__always)
    static func blend(_ source: UInt32, over destination: UInt32) -> UInt32 {
        let alpha = source >> 24
        let sourceRB = source & 0xFF00FF, destinationRB = destination & 0xFF00FF
        let sourceG = source & 0xFF00, destinationG = destination & 0xFF00
        let redBlue = (destinationRB &+ (((sourceRB &- destinationRB) &* alpha) >> 8)) & 0xFF00FF
        let green = (destinationG &+ (((sourceG &- destinationG) &* alpha) >> 8)) & 0xFF00
        return 0xFF00_0000 | redBlue | green
    }
}
