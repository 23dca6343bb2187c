import MapScene
@testable import SDLBackend
import Testing

/// Tiles reach the screen through `PixelBuffer.copy`: plain rows at 1:1, nearest sampling when
/// stretched, and a clipped part exactly where the whole copy would have put it.
struct PixelBufferTests {
    /// Pixels owned by the test, each one distinct: value = y · 1000 + x + 1 (0 is "untouched").
    final class Pixels {
        var storage: [UInt32]
        let width: Int, height: Int

        init(width: Int, height: Int, numbered: Bool) {
            self.width = width
            self.height = height
            storage = (0..<(width * height)).map { numbered ? UInt32(($0 / width) * 1000 + $0 % width + 1) : 0 }
        }

        func withBuffer<R>(_ body: (PixelBuffer) -> R) -> R {
            storage.withUnsafeMutableBytes { raw in
                body(PixelBuffer(pixels: raw.baseAddress!, width: width, height: height, pitch: width * 4))
            }
        }

        subscript(x: Int, y: Int) -> UInt32 { storage[y * width + x] }
    }

    func copy(_ source: Pixels, into target: Pixels, filling rect: PixelRect, within clip: PixelRect) {
        source.withBuffer { from in target.withBuffer { to in to.copy(from, filling: rect, within: clip) } }
    }

    static func numbered(_ x: Int, _ y: Int) -> UInt32 { UInt32(y * 1000 + x + 1) }

    @Test func aTileCopiedOneToOneLandsPixelForPixelAndNothingElseChanges() {
        let tile = Pixels(width: 16, height: 16, numbered: true)
        let screen = Pixels(width: 40, height: 30, numbered: false)
        copy(tile, into: screen, filling: PixelRect(x: 5, y: 7, width: 16, height: 16), within: screen.withBuffer(\.bounds))
        for y in 0..<30 {
            for x in 0..<40 {
                let inside = (5..<21).contains(x) && (7..<23).contains(y)
                #expect(screen[x, y] == (inside ? Self.numbered(x - 5, y - 7) : 0), "pixel \(x),\(y)")
            }
        }
    }

    @Test func aTileHangingOffTheScreenIsCutAtItsEdge() {
        let tile = Pixels(width: 16, height: 16, numbered: true)
        let screen = Pixels(width: 20, height: 10, numbered: false)
        copy(tile, into: screen, filling: PixelRect(x: -4, y: 2, width: 16, height: 16), within: PixelRect(x: -100, y: -100, width: 500, height: 500))
        #expect(screen[0, 2] == Self.numbered(4, 0))
        #expect(screen[11, 9] == Self.numbered(15, 7))
        #expect(screen[12, 9] == 0)
        #expect(screen[0, 1] == 0)
    }

    @Test func enlargedTwiceEachPixelBecomesATwoByTwoBlock() {
        let tile = Pixels(width: 8, height: 8, numbered: true)
        let screen = Pixels(width: 16, height: 16, numbered: false)
        copy(tile, into: screen, filling: PixelRect(x: 0, y: 0, width: 16, height: 16), within: screen.withBuffer(\.bounds))
        for y in 0..<16 {
            for x in 0..<16 { #expect(screen[x, y] == Self.numbered(x / 2, y / 2), "pixel \(x),\(y)") }
        }
    }

    @Test func halvedEachPixelTakesTheSourcePixelAtItsCentre() {
        let tile = Pixels(width: 16, height: 16, numbered: true)
        let screen = Pixels(width: 8, height: 8, numbered: false)
        copy(tile, into: screen, filling: PixelRect(x: 0, y: 0, width: 8, height: 8), within: screen.withBuffer(\.bounds))
        // Destination pixel x covers source 2x ..< 2x + 2; its centre falls on source pixel 2x + 1.
        for y in 0..<8 {
            for x in 0..<8 { #expect(screen[x, y] == Self.numbered(2 * x + 1, 2 * y + 1), "pixel \(x),\(y)") }
        }
    }

    @Test func aClippedStretchedCopyMatchesTheWholeCopyPixelForPixel() {
        let tile = Pixels(width: 32, height: 32, numbered: true)
        let rect = PixelRect(x: 3, y: -5, width: 45, height: 39)  // 1.41 across, 1.22 down
        let whole = Pixels(width: 60, height: 40, numbered: false)
        copy(tile, into: whole, filling: rect, within: whole.withBuffer(\.bounds))
        let clip = PixelRect(x: 17, y: 4, width: 13, height: 21)
        let part = Pixels(width: 60, height: 40, numbered: false)
        copy(tile, into: part, filling: rect, within: clip)
        for y in 0..<40 {
            for x in 0..<60 {
                let inClip = (clip.x..<clip.maxX).contains(x) && (clip.y..<clip.maxY).contains(y)
                #expect(part[x, y] == (inClip ? whole[x, y] : 0), "pixel \(x),\(y)")
            }
        }
        // Every source row and column shows up, in order (nearest sampling skips none when enlarging).
        let columns = (3..<48).map { whole[$0, 10] % 1000 - 1 }
        #expect(Set(columns) == Set(0..<32))
        #expect(columns == columns.sorted())
    }
}
