import MapScene
@testable import SDLBackend
import Testing

/// A frame's tiles are written by two threads, each a band of rows at a time: the screen must end
/// up exactly as one thread copying tile after tile would leave it.
struct SplitCopierTests {
    typealias Pixels = PixelBufferTests.Pixels

    /// Six tiles, some stretched (a stand-in at 1.5×, one halved), one hanging off the screen, and
    /// two that overlap (the later one must show).
    static let layout: [(tile: Int, rect: PixelRect, clip: PixelRect)] = {
        let screen = PixelRect(x: 0, y: 0, width: 300, height: 200)
        return [
            (0, PixelRect(x: -10, y: -20, width: 64, height: 64), screen),
            (1, PixelRect(x: 54, y: -20, width: 96, height: 96), PixelRect(x: 54, y: 0, width: 80, height: 70)),
            (2, PixelRect(x: 150, y: 30, width: 32, height: 32), screen),
            (3, PixelRect(x: 0, y: 60, width: 300, height: 140), screen),
            (4, PixelRect(x: 100, y: 100, width: 64, height: 64), screen),  // over tile 3
            (5, PixelRect(x: 260, y: 170, width: 64, height: 64), screen),
        ]
    }()

    /// Tiles as the cache holds them: pixel (x, y) of tile n is n·2²⁴ + y·1000 + x + 1 for odd n
    /// (4,096 colours: 32-bit pixels), n·2²⁴ + a stripe's number for even n (40 colours: indexed).
    func tiles() -> [TilePixels] {
        (0..<6).map { n in
            let picture = Pixels(width: 64, height: 64, numbered: false)
            for y in 0..<64 {
                for x in 0..<64 { picture.storage[y * 64 + x] = UInt32(n) << 24 + UInt32(n % 2 == 1 ? y * 1000 + x + 1 : (x / 5 + y / 7) % 40 + 1) }
            }
            let tile = picture.withBuffer { TilePixels(copying: $0) }
            #expect(tile.isIndexed == (n % 2 == 0))
            return tile
        }
    }

    /// The reference: one thread, tile after tile, each copy whole.
    func copiedOneByOne(_ tiles: [TilePixels]) -> Pixels {
        let screen = Pixels(width: 300, height: 200, numbered: false)
        screen.withBuffer { to in
            for (n, rect, clip) in Self.layout { to.copy(tiles[n].source, filling: rect, within: clip) }
        }
        return screen
    }

    func copiedBy(_ copier: SplitCopier, _ tiles: [TilePixels]) -> Pixels {
        let screen = Pixels(width: 300, height: 200, numbered: false)
        screen.withBuffer { to in
            let copies = Self.layout.compactMap { n, rect, clip in PixelCopy(tiles[n].source, filling: rect, within: clip, of: to) }
            copier.write(copies, into: to, bandHeight: 16)
        }
        return screen
    }

    @Test(arguments: [1, 2])
    func theSplitCopyLeavesTheScreenAsOneThreadCopyingTileAfterTileWould(cores: Int) {
        let tiles = tiles()
        let copier = SplitCopier(cores: cores, smallestShared: 0)
        defer { copier.stop() }
        let expected = copiedOneByOne(tiles)
        #expect(expected.storage.contains { $0 >> 24 == 4 } && expected.storage.contains(0))  // the layout overlaps and leaves gaps
        for _ in 0..<3 {  // again: the helper thread is reused
            let screen = copiedBy(copier, tiles)
            let wrong = screen.storage.indices.filter { screen.storage[$0] != expected.storage[$0] }
            #expect(wrong.isEmpty, "\(wrong.count) pixels differ, first at \(wrong.first.map { ($0 % 300, $0 / 300) }.debugDescription)")
        }
    }

    /// Performed a band of rows at a time, a stretched copy writes what it writes in one go (an
    /// enlarged row repeats the one above only within a band).
    @Test(arguments: [1, 5, 16])
    func aCopyPerformedBandByBandMatchesTheWholeCopy(band: Int) {
        let tile = Pixels(width: 32, height: 32, numbered: true)
        let rect = PixelRect(x: -3, y: 2, width: 71, height: 57)
        let whole = Pixels(width: 60, height: 50, numbered: false)
        let banded = Pixels(width: 60, height: 50, numbered: false)
        tile.withBuffer { from in
            whole.withBuffer { $0.copy(.direct(from), filling: rect, within: $0.bounds) }
            banded.withBuffer { to in
                let copy = PixelCopy(.direct(from), filling: rect, within: to.bounds, of: to)!
                for y in stride(from: 0, to: 50, by: band) { copy.perform(into: to, rows: y..<y + band) }
            }
        }
        #expect(banded.storage == whole.storage)
        #expect(whole.storage.filter { $0 != 0 }.count == 60 * 48)
    }

    /// The rows are split where each side has half the pixels to write, not half the screen.
    @Test func theSplitFallsWhereHalfThePixelsAreAbove() {
        let bar = PixelRect(x: 0, y: 0, width: 1000, height: 100)
        let column = PixelRect(x: 0, y: 100, width: 100, height: 900)
        // 100,000 pixels above row 100, 90,000 below it: half (95,000) falls at row 95.
        #expect(SplitCopier.rowSplittingInHalf([bar, column]) == 95)
        #expect(SplitCopier.rowSplittingInHalf([PixelRect(x: 5, y: 40, width: 10, height: 60)]) == 70)
        #expect(SplitCopier.rowSplittingInHalf([]) == 0)
        // Above the screen too (a label hanging off its top): rows −60 ..< −30, half at −45.
        #expect(SplitCopier.rowSplittingInHalf([PixelRect(x: 0, y: -60, width: 40, height: 30)]) == -45)
    }

    /// Labels hanging off the top (or all off it) are split between the threads like any other
    /// writes: their rows on screen drawn once, nothing outside touched.
    @Test func stampsHangingOffTheScreenAreSplitToo() {
        let pixels = (0..<(40 * 30)).map { UInt32(0xFF00_0000) | UInt32($0) }
        let label = StampPixels(width: 40, height: 30, pixels: pixels)
        let places = [(left: 5, top: -28), (left: 20, top: -60), (left: 30, top: 15), (left: 2, top: 45)]
        let writes = places.map { StampWrite(pixels: label, left: $0.left, top: $0.top) }
        let copier = SplitCopier(cores: 2, smallestShared: 0)
        defer { copier.stop() }
        let expected = Pixels(width: 80, height: 50, numbered: false)
        expected.withBuffer { to in for write in writes { write.perform(into: to, rows: 0..<50) } }
        for subset in [writes, Array(writes.prefix(2)), [writes[1]]] {  // one wholly above the screen
            let screen = Pixels(width: 80, height: 50, numbered: false)
            screen.withBuffer { copier.write(subset, into: $0) }
            let reference = Pixels(width: 80, height: 50, numbered: false)
            reference.withBuffer { to in for write in subset { write.perform(into: to, rows: 0..<50) } }
            #expect(screen.storage == reference.storage)
        }
        #expect(expected.storage.filter { $0 != 0 }.count > 0)
    }

    /// A frame's tiles and the markers and labels over them go in one banded pass: in each band
    /// the tiles' rows, then the stamps' rows, blended with the tiles' pixels just written. The
    /// screen must be what the tiles written whole, then the stamps, leave.
    @Test(arguments: [1, 2])
    func stampsWrittenBandByBandWithTheTilesBlendOverThemAsAfterThem(cores: Int) {
        let tiles = tiles()
        // Opaque, translucent and transparent columns, over tiles, across bands and the split.
        let pixels = (0..<(50 * 40)).map { i -> UInt32 in
            let alpha: UInt32 = [0xFF, 0x80, 0x00, 0x20][(i % 50) / 13]
            return alpha << 24 | 0x0030_6090
        }
        let stamp = StampPixels(width: 50, height: 40, pixels: pixels)
        let stamps = [(10, 5), (120, 50), (240, 150), (70, 170)].map { StampWrite(pixels: stamp, left: $0.0, top: $0.1) }
        let expected = copiedOneByOne(tiles)
        expected.withBuffer { to in for write in stamps { write.perform(into: to, rows: 0..<200) } }
        let copier = SplitCopier(cores: cores, smallestShared: 0)
        defer { copier.stop() }
        let screen = Pixels(width: 300, height: 200, numbered: false)
        screen.withBuffer { to in
            let copies = Self.layout.compactMap { n, rect, clip in PixelCopy(tiles[n].source, filling: rect, within: clip, of: to) }
            copier.write(copies.map(FrameWrite.tile) + stamps.map(FrameWrite.stamp), into: to, bandHeight: 16)
        }
        let wrong = screen.storage.indices.filter { screen.storage[$0] != expected.storage[$0] }
        #expect(wrong.isEmpty, "\(wrong.count) pixels differ, first at \(wrong.first.map { ($0 % 300, $0 / 300) }.debugDescription)")
        // The stamps did blend: some pixels are neither a tile's nor the stamp's colour.
        let tilesOnly = copiedOneByOne(tiles)
        #expect(zip(expected.storage, tilesOnly.storage).contains { $0 != $1 && $0 & 0xFF_FFFF != 0x30_6090 })
    }
}
