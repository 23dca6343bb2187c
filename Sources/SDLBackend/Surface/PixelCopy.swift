import CPixelKernels
import MapScene

/// One buffer copied into part of another, prepared once and performed a band of rows at a time,
/// so that a frame's tiles can be written row band by row band (the screen is then written in
/// order, which the memory copies faster than a tile at a time) and by two threads.
///
/// The basemap's tiles reach the screen this way rather than through `SDL_RenderCopy`: the
/// software renderer copies rows with its own 8-byte loop (the C library's `memcpy` is faster),
/// and stretches pixel by pixel even where a row only repeats the one above; nor does it read
/// indexed tiles (``TilePixels``), which are looked up in their palette here as they are copied.
/// Destination pixel x takes source column ⌊(x − rect.x + ½) · source.width / rect.width⌋, so a
/// clipped part lands exactly where it would have in the whole copy.
struct PixelCopy: SurfaceWrite {
    let source: PixelSource
    /// Where the whole source lands.
    let rect: PixelRect
    /// The pixels written: `rect` within the clip and the target.
    let visible: PixelRect
    /// Source column of each visible column, when stretched across (nil at the same width).
    private let columnOf: [Int32]?

    /// Nil when nothing of `rect` is inside `clip` and `target`.
    init?(_ source: PixelSource, filling rect: PixelRect, within clip: PixelRect, of target: PixelBuffer) {
        guard rect.width > 0, rect.height > 0, let visible = rect.intersection(clip)?.intersection(target.bounds) else { return nil }
        self.source = source
        self.rect = rect
        self.visible = visible
        if rect.width == source.width {
            columnOf = nil
        } else {
            columnOf = (visible.x..<visible.maxX).map { Int32(((2 * ($0 - rect.x) + 1) * source.width) / (2 * rect.width)) }
        }
    }

    private func sourceRow(_ y: Int) -> Int { ((2 * (y - rect.y) + 1) * source.height) / (2 * rect.height) }

    /// Writes the visible pixels of `rows` (any range: only its part inside `visible` is written).
    func perform(into target: PixelBuffer, rows: Range<Int>) {
        let first = max(rows.lowerBound, visible.y), end = min(rows.upperBound, visible.maxY)
        guard first < end else { return }
        let columns = visible.width
        let firstColumn = ((2 * (visible.x - rect.x) + 1) * source.width) / (2 * rect.width)
        var previousSourceRow = -1
        for y in first..<end {
            let row = sourceRow(y)
            let into = (target.pixels + y * target.pitch).assumingMemoryBound(to: UInt32.self) + visible.x
            if row == previousSourceRow {
                // Enlarged: this row repeats the one just written.
                UnsafeMutableRawPointer(into).copyMemory(from: into - target.pitch / 4, byteCount: columns * 4)
            } else {
                write(row: row, from: firstColumn, into: into, count: columns)
            }
            previousSourceRow = row
        }
    }

    /// Writes `count` pixels of source row `row` (from column `firstColumn` when not stretched).
    private func write(row: Int, from firstColumn: Int, into: UnsafeMutablePointer<UInt32>, count: Int) {
        switch source {
        case .direct(let buffer):
            let from = (buffer.pixels + row * buffer.pitch).assumingMemoryBound(to: UInt32.self)
            if let columnOf {
                columnOf.withUnsafeBufferPointer { im_stretch_row(from, buffer.width, $0.baseAddress, into, count) }
            } else {
                UnsafeMutableRawPointer(into).copyMemory(from: from + firstColumn, byteCount: count * 4)
            }
        case .indexed(let indexed):
            let from = indexed.indices + row * indexed.pitch
            if let columnOf {
                columnOf.withUnsafeBufferPointer { im_stretch_indexed_row(from, indexed.palette, $0.baseAddress, into, count) }
            } else {
                im_expand_row(from + firstColumn, indexed.palette, into, count)
            }
        }
    }
}
