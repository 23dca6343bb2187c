import CPixelKernels
import MapScene
@testable import SDLBackend
import Testing

extension TilePixels {
    /// A tile holding a copy of `picture`, as the worker fills one.
    convenience init(copying picture: PixelBuffer) {
        self.init(width: picture.width, height: picture.height)
        fill(from: picture)
    }
}

/// Tiles of at most 256 colours are kept as a byte a pixel and a palette; every copy out of them
/// must give back exactly the pixels they were filled with, however they are stretched.
struct TilePixelsTests {
    typealias Pixels = PixelBufferTests.Pixels

    /// A `width` × `height` picture of `colours` colours, in stripes (runs, as a map tile has),
    /// with colour 0 among them.
    static func picture(width: Int, height: Int, colours: Int) -> Pixels {
        let picture = Pixels(width: width, height: height, numbered: false)
        for y in 0..<height {
            for x in 0..<width { picture.storage[y * width + x] = UInt32((x / 3 + y * 7) % colours) &* 0x0101_0F07 }
        }
        return picture
    }

    /// What `tile` shows, copied one to one into a picture of its size.
    static func shown(_ tile: TilePixels) -> [UInt32] {
        let out = Pixels(width: tile.width, height: tile.height, numbered: false)
        out.withBuffer { $0.copy(tile.source, filling: $0.bounds, within: $0.bounds) }
        return out.storage
    }

    @Test(arguments: [1, 2, 40, 255, 256])
    func aTileOfAtMost256ColoursIsIndexedAndGivesItsPixelsBack(colours: Int) {
        let picture = Self.picture(width: 64, height: 48, colours: colours)
        let tile = picture.withBuffer { TilePixels(copying: $0) }
        #expect(tile.isIndexed)
        #expect(tile.byteCount == 64 * 48 + 1024)
        #expect(Self.shown(tile) == picture.storage)
    }

    @Test func a257thColourKeepsTheTileAs32BitPixels() {
        let picture = Self.picture(width: 64, height: 48, colours: 257)
        #expect(Set(picture.storage).count == 257)
        let tile = picture.withBuffer { TilePixels(copying: $0) }
        #expect(!tile.isIndexed)
        #expect(tile.byteCount == 64 * 48 * 4)
        #expect(Self.shown(tile) == picture.storage)
    }

    /// The worker reuses a tile's memory for the next tile, of few colours or many, in any order;
    /// the pages 32-bit pixels used are handed back when indices follow, and written again after.
    @Test func aReusedTileShowsEachPictureItWasFilledWith() {
        let tile = TilePixels(width: 128, height: 128)
        for colours in [20, 5000, 3, 300, 256, 70_000, 1] {
            let picture = Self.picture(width: 128, height: 128, colours: colours)
            picture.withBuffer { tile.fill(from: $0) }
            #expect(tile.isIndexed == (colours <= 256), "\(colours) colours")
            #expect(Self.shown(tile) == picture.storage, "\(colours) colours")
        }
    }

    /// A tile is cut from the worker's canvas of up to 2×2 tiles: rows further apart than its width.
    @Test func aTileIsTakenFromAWiderCanvas() {
        let canvas = Self.picture(width: 100, height: 60, colours: 30)
        let expected = (10..<60).flatMap { y in (50..<100).map { x in canvas[x, y] } }
        let tile = canvas.withBuffer { whole in
            TilePixels(copying: PixelBuffer(pixels: whole.pixels + 10 * whole.pitch + 50 * 4, width: 50, height: 50, pitch: whole.pitch))
        }
        #expect(tile.isIndexed)
        #expect(Self.shown(tile) == expected)
    }

    /// Stand-ins stretch indexed tiles as they stretch 32-bit ones: at every ratio from a quarter
    /// to four times, whole and clipped, and enlarged rows repeating the one above, the screen
    /// is the same pixel for pixel.
    @Test func anIndexedTileStretchesAsThe32BitOneDoes() {
        let picture = Self.picture(width: 256, height: 64, colours: 90)
        let indexed = picture.withBuffer { TilePixels(copying: $0) }
        #expect(indexed.isIndexed)
        for width in [64, 100, 129, 200, 255, 256, 257, 384, 511, 700, 1024] {
            let rect = PixelRect(x: -5, y: 3, width: width, height: width / 4)
            for clip in [rect, PixelRect(x: width / 3, y: 10, width: width, height: 40)] {
                let fromIndices = Pixels(width: 1100, height: 300, numbered: false)
                let from32Bit = Pixels(width: 1100, height: 300, numbered: false)
                fromIndices.withBuffer { $0.copy(indexed.source, filling: rect, within: clip) }
                picture.withBuffer { from in from32Bit.withBuffer { $0.copy(.direct(from), filling: rect, within: clip) } }
                #expect(fromIndices.storage == from32Bit.storage, "width \(width), clip \(clip)")
                #expect(from32Bit.storage.contains { $0 != 0 })
            }
        }
    }

    /// The indexer: colours numbered in the order met, the palette holding each once.
    @Test func theIndexerNumbersColoursInTheOrderMet() {
        let pixels: [UInt32] = [7, 7, 0, 9, 7, 0, 0xFFFF_FFFF, 9]
        var indices = [UInt8](repeating: 99, count: 8)
        var palette = [UInt32](repeating: 0, count: 256)
        let colours = im_index_pixels(pixels, 4, 4, 2, &indices, 4, &palette)
        #expect(colours == 4)
        #expect(Array(palette.prefix(4)) == [7, 0, 9, 0xFFFF_FFFF])
        #expect(indices == [0, 0, 1, 2, 0, 1, 3, 2])
    }
}
