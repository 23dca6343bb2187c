import CPixelKernels
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
        source.withBuffer { from in target.withBuffer { to in to.copy(.direct(from), filling: rect, within: clip) } }
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

    /// Stand-in tiles are stretched at any ratio, mostly between half and double size, where the
    /// stretch takes its pixels eight at a time from one, two or four plain loads of the source
    /// row. At every width from a quarter to four times a 256-pixel tile, whole and with its left
    /// or right part cut off, each pixel is the source pixel under its centre.
    @Test func everyStretchRatioTakesTheSourcePixelUnderEachCentre() {
        let tile = Pixels(width: 256, height: 2, numbered: true)
        for width in [64, 100, 127, 128, 129, 200, 255, 257, 300, 383, 384, 385, 500, 511, 512, 513, 700, 1024] {
            let screen = Pixels(width: 1100, height: 2, numbered: false)
            let rect = PixelRect(x: 7, y: 0, width: width, height: 2)
            for clip in [rect, PixelRect(x: 7 + width / 3, y: 0, width: width, height: 2), PixelRect(x: 0, y: 0, width: 7 + width / 2 + 3, height: 2)] {
                screen.storage = Array(repeating: 0, count: screen.storage.count)
                copy(tile, into: screen, filling: rect, within: clip)
                let shown = max(rect.x, clip.x)..<min(rect.maxX, clip.maxX)
                for x in 0..<screen.width {
                    // The centre of destination pixel x, in source pixels.
                    let centre = (Double(x - rect.x) + 0.5) * 256 / Double(width)
                    let expected = shown.contains(x) ? Self.numbered(Int(centre.rounded(.down)), 0) : 0
                    if screen[x, 0] != expected {
                        Issue.record("width \(width), clip \(clip.x)..<\(clip.maxX): pixel \(x) is \(screen[x, 0]), not \(expected)")
                        break
                    }
                }
            }
        }
    }

    /// The row stretch with AVX2 (where this CPU has it) writes what the plain loop writes, for
    /// column tables of every kind: dense and sparse, repeating, and running to the row's last pixel
    /// from rows shorter than a load.
    @Test func theVectorStretchMatchesThePlainLoop() {
        var generator = SystemRandomNumberGenerator()
        for fromCount in [1, 5, 8, 9, 15, 16, 17, 31, 32, 33, 47, 256] {
            let from = (0..<fromCount).map { UInt32($0) * 7 + 1 }
            for _ in 0..<200 {
                let count = Int.random(in: 0...40, using: &generator)
                let spread = [0.25, 0.5, 1, 1.9, 2.5, 3.2, 3.95, 8].randomElement(using: &generator)!
                let start = Double.random(in: 0..<Double(fromCount), using: &generator)
                var columns = (0..<count).map { Int32(min(Double(fromCount - 1), start + Double($0) * spread)) }
                if Bool.random(using: &generator) { columns = columns.map { min($0, Int32(fromCount - 1)) } }
                var vector = [UInt32](repeating: 0, count: count), plain = vector
                im_stretch_row(from, fromCount, columns, &vector, count)
                im_stretch_row_plain(from, columns, &plain, count)
                #expect(vector == plain, "\(fromCount) pixels, columns \(columns)")
                #expect(plain == columns.map { from[Int($0)] })
            }
        }
    }
}
