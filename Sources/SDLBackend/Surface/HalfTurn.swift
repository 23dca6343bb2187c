import CPixelKernels
import MapScene

/// Turns the finished picture by 180° in place (the whole interface facing the far side of a
/// table): each pixel changes places with its opposite. Row y and row height − 1 − y change
/// places together, so the rows of the upper half share the work between the copier's threads.
struct HalfTurn: SurfaceWrite {
    let width: Int
    let height: Int

    var visible: PixelRect { PixelRect(x: 0, y: 0, width: width, height: (height + 1) / 2) }

    func perform(into target: PixelBuffer, rows: Range<Int>) {
        let rowPixels = target.pitch / 4
        let base = target.pixels.bindMemory(to: UInt32.self, capacity: rowPixels * height)
        for y in max(rows.lowerBound, 0)..<min(rows.upperBound, (height + 1) / 2) {
            let top = base + y * rowPixels, bottom = base + (height - 1 - y) * rowPixels
            if top == bottom {
                var middle = UnsafeMutableBufferPointer(start: top, count: width)
                middle.reverse()
                continue
            }
            im_swap_rows_reversed(top, bottom, width)
        }
    }
}
