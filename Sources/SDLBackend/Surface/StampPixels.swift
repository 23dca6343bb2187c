import CSDL2

/// A stamp's (or a line of text's) pixels kept in memory and cut, row by row, into runs: opaque
/// runs are copied as they are, translucent ones blended, transparent ones skipped. A marker is
/// mostly an opaque disc with a thin antialiased edge, a label a halo with glyphs in it,
/// so either costs a few row copies instead of blending every pixel of its rectangle (what
/// `SDL_RenderCopy` does).
///
/// Only the pixels of the runs are kept: much of a label's rectangle is transparent (the space
/// around and between the glyphs, above and below them), and the text cache keeps hundreds of
/// lines.
final class StampPixels {
    /// 4 bytes: where a run starts in its row, its length and whether it is opaque. Which row is
    /// told by `rowRuns`; where its pixels are, by the runs before it in the row.
    struct Run {
        private static let opaqueBit: UInt16 = 0x8000
        /// The longest run; a longer stretch of one kind is cut into several runs.
        static let longest = Int(opaqueBit - 1)
        let x: UInt16
        private let lengthAndKind: UInt16

        init(x: Int, length: Int, opaque: Bool) {
            precondition(length > 0 && length <= Self.longest, "a run is 1 to \(Self.longest) pixels long")
            self.x = UInt16(x)
            lengthAndKind = UInt16(length) | (opaque ? Self.opaqueBit : 0)
        }

        var length: Int { Int(lengthAndKind & ~Self.opaqueBit) }
        var opaque: Bool { lengthAndKind & Self.opaqueBit != 0 }
    }

    let width: Int
    let height: Int
    /// The runs' pixels one after the other (ARGB8888, not premultiplied), in the runs' order.
    private let pixels: [UInt32]
    let runs: [Run]
    /// Row y's runs are `runs[rowRuns[y] ..< rowRuns[y + 1]]`, its pixels start at `pixels[rowPixels[y]]`.
    private let rowRuns: [UInt32]
    private let rowPixels: [UInt32]

    /// `pixels` is the whole rectangle, row after row; the transparent ones are not kept.
    init(width: Int, height: Int, pixels all: [UInt32]) {
        precondition(all.count == width * height, "a stamp needs width × height pixels")
        precondition(width <= Int(UInt16.max) && height <= Int(UInt16.max), "a stamp is at most 65,535 pixels a side")
        self.width = width
        self.height = height
        var runs: [Run] = [], kept: [UInt32] = [], rowRuns: [UInt32] = [], rowPixels: [UInt32] = []
        rowRuns.reserveCapacity(height + 1)
        rowPixels.reserveCapacity(height + 1)
        all.withUnsafeBufferPointer { all in
            // 0 transparent, 1 translucent, 2 opaque
            @inline(__always) func kind(_ p: UInt32) -> Int { p >> 24 == 0 ? 0 : (p >> 24 == 255 ? 2 : 1) }
            for y in 0..<height {
                rowRuns.append(UInt32(runs.count))
                rowPixels.append(UInt32(kept.count))
                let row = all.baseAddress! + y * width
                var x = 0
                while x < width {
                    let k = kind(row[x])
                    var end = x + 1
                    while end < width, end - x < Run.longest, kind(row[end]) == k { end += 1 }
                    if k != 0 {
                        runs.append(Run(x: x, length: end - x, opaque: k == 2))
                        kept.append(contentsOf: UnsafeBufferPointer(start: row + x, count: end - x))
                    }
                    x = end
                }
            }
        }
        rowRuns.append(UInt32(runs.count))
        rowPixels.append(UInt32(kept.count))
        self.pixels = kept
        self.runs = runs
        self.rowRuns = rowRuns
        self.rowPixels = rowPixels
    }

    /// Row `y`'s runs.
    func runs(inRow y: Int) -> ArraySlice<Run> { runs[Int(rowRuns[y])..<Int(rowRuns[y + 1])] }

    /// The whole rectangle again, transparent pixels as zero.
    func rectangle() -> [UInt32] {
        var all = [UInt32](repeating: 0, count: width * height)
        all.withUnsafeMutableBufferPointer { all in
            pixels.withUnsafeBufferPointer { kept in
                for y in 0..<height {
                    var from = Int(rowPixels[y])
                    for run in runs(inRow: y) {
                        (all.baseAddress! + y * width + Int(run.x)).update(from: kept.baseAddress! + from, count: run.length)
                        from += run.length
                    }
                }
            }
        }
        return all
    }

    /// The same image turned by 180° (its pixels in reverse order): text facing the far side of a table.
    func turned() -> StampPixels { StampPixels(width: width, height: height, pixels: rectangle().reversed()) }

    /// A texture of the same pixels (for a frame drawn through the renderer after all).
    func texture(renderer: OpaquePointer) -> OpaquePointer? {
        guard let texture = SDL_CreateTexture(renderer, CSDL_PIXELFORMAT_ARGB8888, Int32(SDL_TEXTUREACCESS_STATIC.rawValue),
                                              Int32(width), Int32(height)) else { return nil }
        rectangle().withUnsafeBytes { _ = SDL_UpdateTexture(texture, nil, $0.baseAddress, Int32(width * 4)) }
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND)
        return texture
    }

    /// Memory held: the runs' pixels, the runs and where each row's begin.
    var byteCount: Int {
        pixels.count * 4 + runs.count * MemoryLayout<Run>.stride + (rowRuns.count + rowPixels.count) * 4
    }

    /// Draws the stamp with its top left corner at (`left`, `top`) of `target` (xRGB, 32 bits),
    /// clipped to it and to `rows`. Translucent pixels are blended as SDL's software blitter blends them.
    func draw(into target: PixelBuffer, left: Int, top: Int, rows: Range<Int>? = nil) {
        let firstRow = max(0, rows?.lowerBound ?? 0, top), endRow = min(target.height, rows?.upperBound ?? target.height, top + height)
        guard firstRow < endRow else { return }
        pixels.withUnsafeBufferPointer { kept in
            runs.withUnsafeBufferPointer { runs in
                for y in firstRow..<endRow {
                    let stampY = y - top
                    var next = kept.baseAddress! + Int(rowPixels[stampY])
                    let to = (target.pixels + y * target.pitch).assumingMemoryBound(to: UInt32.self)
                    for run in runs[Int(rowRuns[stampY])..<Int(rowRuns[stampY + 1])] {
                        let start = left + Int(run.x), length = run.length
                        let runPixels = next
                        next += length
                        let x0 = max(start, 0), x1 = min(start + length, target.width)
                        guard x1 > x0 else { continue }
                        let source = runPixels + (x0 - start)
                        if run.opaque {
                            (to + x0).update(from: source, count: x1 - x0)
                        } else {
                            for i in 0..<(x1 - x0) { to[x0 + i] = Self.blend(source[i], over: to[x0 + i]) }
                        }
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
