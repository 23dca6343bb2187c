import CPixelKernels

/// A 1920×1080 screen filled from 256-pixel tiles, one to one and stretched at the ratios
/// stand-ins are drawn at (at most four times either way), one thread, row by row as `PixelCopy`
/// does (an enlarged row that repeats the one above is copied whole). Tiles of 32-bit pixels, by
/// the kernel the kiosk uses (AVX2 where the CPU has it) and by the plain loop, and tiles of
/// palette indices (how the kiosk keeps a tile of at most 256 colours). 400 tiles (100 MB of
/// 32-bit pixels, 26 MB of indices), so that the tiles are read from memory as in the kiosk, not
/// from the cache.
func tileStretchBenchmark() {
    let screenWidth = 1920, screenHeight = 1080, tileSide = 256, tileCount = 400, tilePixels = tileSide * tileSide
    let tiles = UnsafeMutablePointer<UInt32>.allocate(capacity: tileCount * tilePixels)
    let indexedTiles = UnsafeMutablePointer<UInt8>.allocate(capacity: tileCount * tilePixels)
    let palette = (0..<256).map { UInt32($0) &* 0x0103_0507 }
    let screen = UnsafeMutablePointer<UInt32>.allocate(capacity: screenWidth * screenHeight)
    defer { tiles.deallocate(); indexedTiles.deallocate(); screen.deallocate() }
    for i in 0..<(tileCount * tilePixels) {
        tiles[i] = UInt32(truncatingIfNeeded: i)
        indexedTiles[i] = UInt8((i / 7) % 40)  // runs of a few dozen colours, as a map tile has
    }
    screen.initialize(repeating: 0, count: screenWidth * screenHeight)

    /// Fills the screen with tiles drawn `side` pixels wide; `write(tile, row, to, count)` writes one row.
    func fillScreen(side: Int, write: (Int, Int, UnsafeMutablePointer<UInt32>, Int) -> Void) -> Int {
        var tile = 0
        for top in stride(from: 0, to: screenHeight, by: side) {
            for left in stride(from: 0, to: screenWidth, by: side) {
                let width = min(side, screenWidth - left), height = min(side, screenHeight - top)
                var previousRow = -1
                for y in 0..<height {
                    let row = ((2 * y + 1) * tileSide) / (2 * side)
                    let to = screen + (top + y) * screenWidth + left
                    if row == previousRow {
                        to.update(from: to - screenWidth, count: width)
                    } else {
                        write(tile % tileCount, row, to, width)
                    }
                    previousRow = row
                }
                tile += 1
            }
        }
        return tile
    }

    // What the worker does to each finished tile, and the render loop to the last frame drawn
    // directly (kept to stand in): index its pixels. A 4K screen of a basemap's runs of colour.
    let fourK = 3840 * 2160
    let picture = UnsafeMutablePointer<UInt32>.allocate(capacity: fourK)
    let indices = UnsafeMutablePointer<UInt8>.allocate(capacity: fourK)
    var foundPalette = [UInt32](repeating: 0, count: 256)
    defer { picture.deallocate(); indices.deallocate() }
    for i in 0..<fourK { picture[i] = palette[(i / 11 + i / 3840) % 40] }
    measure("index a 4K screen of 40 colours", runs: 9) {
        im_index_pixels(picture, 3840, 3840, 2160, indices, 3840, &foundPalette)
    }

    palette.withUnsafeBufferPointer { palette in
        measure("tiles copied 1×, 1080p screen: 32-bit", runs: 9) {
            fillScreen(side: tileSide) { tile, row, to, count in
                UnsafeMutableRawPointer(to).copyMemory(from: tiles + tile * tilePixels + row * tileSide, byteCount: count * 4)
            }
        }
        measure("tiles copied 1×, 1080p screen: indexed", runs: 9) {
            fillScreen(side: tileSide) { tile, row, to, count in
                im_expand_row(indexedTiles + tile * tilePixels + row * tileSide, palette.baseAddress, to, count)
            }
        }
        for ratio in [0.25, 0.4, 0.5, 0.75, 1.5, 2, 4] {
            let side = Int((Double(tileSide) * ratio).rounded())
            let columns = (0..<side).map { Int32(((2 * $0 + 1) * tileSide) / (2 * side)) }
            columns.withUnsafeBufferPointer { columns in
                measure(String(format: "tiles stretched %.2f×, 1080p screen: plain", ratio), runs: 9) {
                    fillScreen(side: side) { tile, row, to, count in
                        im_stretch_row_plain(tiles + tile * tilePixels + row * tileSide, columns.baseAddress, to, count)
                    }
                }
                measure(String(format: "tiles stretched %.2f×, 1080p screen: kernel", ratio), runs: 9) {
                    fillScreen(side: side) { tile, row, to, count in
                        im_stretch_row(tiles + tile * tilePixels + row * tileSide, tileSide, columns.baseAddress, to, count)
                    }
                }
                measure(String(format: "tiles stretched %.2f×, 1080p screen: indexed", ratio), runs: 9) {
                    fillScreen(side: side) { tile, row, to, count in
                        im_stretch_indexed_row(indexedTiles + tile * tilePixels + row * tileSide, palette.baseAddress, columns.baseAddress, to, count)
                    }
                }
            }
        }
    }
}
