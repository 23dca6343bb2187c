import CPixelKernels

/// A 1920×1080 screen filled from 256-pixel tiles stretched at the ratios stand-ins are drawn at
/// (at most four times either way), one thread, row by row as `PixelCopy` does (an enlarged row
/// that repeats the one above is copied whole): the kernel the kiosk uses (AVX2 where the CPU has
/// it) beside the plain loop. 400 tiles, 100 MB, so that the tiles are read from memory as in the
/// kiosk, not from the cache.
func tileStretchBenchmark() {
    let screenWidth = 1920, screenHeight = 1080, tileSide = 256, tileCount = 400
    let tiles = UnsafeMutablePointer<UInt32>.allocate(capacity: tileCount * tileSide * tileSide)
    let screen = UnsafeMutablePointer<UInt32>.allocate(capacity: screenWidth * screenHeight)
    defer { tiles.deallocate(); screen.deallocate() }
    for i in 0..<(tileCount * tileSide * tileSide) { tiles[i] = UInt32(truncatingIfNeeded: i) }
    screen.initialize(repeating: 0, count: screenWidth * screenHeight)

    func fillScreen(side: Int, stretch: (UnsafePointer<UInt32>, UnsafeMutablePointer<UInt32>, Int) -> Void) -> Int {
        var tile = 0
        for top in stride(from: 0, to: screenHeight, by: side) {
            for left in stride(from: 0, to: screenWidth, by: side) {
                let source = tiles + (tile % tileCount) * tileSide * tileSide
                tile += 1
                let width = min(side, screenWidth - left), height = min(side, screenHeight - top)
                var previousRow = -1
                for y in 0..<height {
                    let row = ((2 * y + 1) * tileSide) / (2 * side)
                    let to = screen + (top + y) * screenWidth + left
                    if row == previousRow {
                        to.update(from: to - screenWidth, count: width)
                    } else {
                        stretch(source + row * tileSide, to, width)
                    }
                    previousRow = row
                }
            }
        }
        return tile
    }

    for ratio in [0.25, 0.4, 0.5, 0.75, 1.5, 2, 4] {
        let side = Int((Double(tileSide) * ratio).rounded())
        let columns = (0..<side).map { Int32(((2 * $0 + 1) * tileSide) / (2 * side)) }
        columns.withUnsafeBufferPointer { columns in
            measure(String(format: "tiles stretched %.2f×, 1080p screen: plain", ratio), runs: 9) {
                fillScreen(side: side) { from, to, count in
                    im_stretch_row_plain(from, columns.baseAddress, to, count)
                }
            }
            measure(String(format: "tiles stretched %.2f×, 1080p screen: kernel", ratio), runs: 9) {
                fillScreen(side: side) { from, to, count in
                    im_stretch_row(from, tileSide, columns.baseAddress, to, count)
                }
            }
        }
    }
}
