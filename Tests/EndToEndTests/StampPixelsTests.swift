import MapScene
@testable import SDLBackend
import Testing

/// A stamp kept in memory is drawn run by run: opaque pixels copied, translucent ones blended,
/// transparent ones left alone, all of it clipped to the target.
struct StampPixelsTests {
    static let background: UInt32 = 0xFF20_4060

    /// One row: transparent, half-transparent red, opaque green ×3, quarter-transparent blue, transparent.
    let stamp = StampPixels(width: 7, height: 2, pixels: [
        0x0000_0000, 0x80FF_0000, 0xFF00_FF00, 0xFF00_FF00, 0xFF00_FF00, 0x4000_00FF, 0x0000_0000,
        0x0000_0000, 0x0000_0000, 0x0000_0000, 0x0000_0000, 0x0000_0000, 0x0000_0000, 0x0000_0000,
    ])

    func drawn(left: Int, top: Int, width: Int = 10, height: Int = 4) -> [UInt32] {
        var target = [UInt32](repeating: Self.background, count: width * height)
        target.withUnsafeMutableBytes { raw in
            stamp.draw(into: PixelBuffer(pixels: raw.baseAddress!, width: width, height: height, pitch: width * 4), left: left, top: top)
        }
        return target
    }

    func channels(_ p: UInt32) -> [Int] { [Int(p >> 16 & 0xFF), Int(p >> 8 & 0xFF), Int(p & 0xFF)] }

    @Test func rowsAreCutIntoOpaqueAndTranslucentRuns() {
        #expect(stamp.runs(inRow: 0).map(\.x) == [1, 2, 5])
        #expect(stamp.runs(inRow: 0).map(\.length) == [1, 3, 1])
        #expect(stamp.runs(inRow: 0).map(\.opaque) == [false, true, false])
        #expect(stamp.runs(inRow: 1).isEmpty)
    }

    /// Only the runs' pixels are kept, yet the whole rectangle (and its half-turn) comes back.
    @Test func transparentPixelsAreNotKeptYetTheRectangleComesBack() {
        let width = 500, height = 40
        // A thin translucent frame and an opaque bar across the middle; the rest transparent.
        let pixels = (0..<(width * height)).map { i -> UInt32 in
            let x = i % width, y = i / width
            if y == 20 { return 0xFF00_0000 | UInt32(x) }
            if x == 0 || x == width - 1 || y == 0 || y == height - 1 { return 0x8000_0000 | UInt32(i) }
            return 0
        }
        let frame = StampPixels(width: width, height: height, pixels: pixels)
        #expect(frame.rectangle() == pixels)
        #expect(frame.turned().rectangle() == pixels.reversed())
        let keptPixels = width * 3 + (height - 3) * 2
        #expect(frame.byteCount < keptPixels * 4 + frame.runs.count * 4 + (height + 1) * 8 + 1)
        #expect(frame.byteCount < width * height * 4 / 10, "\(frame.byteCount) bytes for a mostly transparent \(width)×\(height) stamp")
    }

    /// A row longer than a run can say is cut into several runs, drawn as one.
    @Test func aRunLongerThanARunCanBeIsCut() {
        let width = StampPixels.Run.longest + 1_000
        let pixels = (0..<width).map { 0xFF00_0000 | UInt32($0) }
        let long = StampPixels(width: width, height: 1, pixels: pixels)
        #expect(long.runs.map(\.length) == [StampPixels.Run.longest, 1_000])
        #expect(long.runs.map(\.x) == [0, UInt16(StampPixels.Run.longest)])
        #expect(long.rectangle() == pixels)
        // Its tail seen through a narrow target: the pixels of the second run, at their place.
        var target = [UInt32](repeating: Self.background, count: 10)
        target.withUnsafeMutableBytes { raw in
            long.draw(into: PixelBuffer(pixels: raw.baseAddress!, width: 10, height: 1, pitch: 40), left: -(width - 8), top: 0)
        }
        #expect(target[0..<8].map { $0 & 0xFFFFFF } == (width - 8..<width).map(UInt32.init))
        #expect(target[8...].allSatisfy { $0 == Self.background })
    }

    @Test func opaquePixelsAreCopiedTranslucentOnesBlendedTransparentOnesLeft() {
        let target = drawn(left: 2, top: 1)
        let row = Array(target[10..<20])
        #expect(row[2] == Self.background && row[8] == Self.background)   // transparent
        #expect(row[4...6].allSatisfy { $0 & 0xFFFFFF == 0x00FF00 })         // opaque green
        // Half red over (0x20, 0x40, 0x60) and a quarter blue over it, within SDL's rounding.
        let expectedRed = [0x80 + 0x20 / 2, 0x40 / 2, 0x60 / 2], expectedBlue = [0x20 * 3 / 4, 0x40 * 3 / 4, 0x60 * 3 / 4 + 0x40]
        #expect(zip(channels(row[3]), expectedRed).allSatisfy { abs($0 - $1) <= 2 })
        #expect(zip(channels(row[7]), expectedBlue).allSatisfy { abs($0 - $1) <= 2 })
        // Nothing outside the stamp's rows changed.
        #expect(target[0..<10].allSatisfy { $0 == Self.background } && target[20...].allSatisfy { $0 == Self.background })
    }

    @Test func aStampHangingOffTheTargetIsClipped() {
        let target = drawn(left: -3, top: -1, width: 3, height: 2)
        // Row 0 of the target is the stamp's row 1 (transparent); the stamp's row 0 is above it.
        #expect(target[0..<3].allSatisfy { $0 == Self.background })
        let low = drawn(left: -3, top: 0, width: 3, height: 2)
        // Columns 0…2 of the target show the stamp's columns 3…5: green, green, blended blue.
        #expect(low[0] & 0xFFFFFF == 0x00FF00 && low[1] & 0xFFFFFF == 0x00FF00)
        #expect(low[2] != Self.background && low[2] & 0xFFFFFF != 0x0000FF)
    }

    /// Drawn run by run from the kept pixels, a stamp leaves what drawing its rectangle pixel by
    /// pixel leaves, wherever it falls (clipped on every side).
    @Test(arguments: [(0, 0), (-4, -2), (6, 3), (-20, 0), (11, -5)])
    func drawnRunByRunAsPixelByPixel(left: Int, top: Int) {
        let width = 13, height = 7
        // Runs of 3 pixels of each kind, shifted a pixel a row: the edges cut them anywhere.
        let pixels = (0..<(width * height)).map { i -> UInt32 in
            let alpha: UInt32 = [0, 0x30, 0xFF, 0xC0, 0][((i % width + i / width) / 3) % 5]
            return alpha << 24 | UInt32(i &* 40_503 & 0xFFFFFF)
        }
        let stamp = StampPixels(width: width, height: height, pixels: pixels)
        let targetWidth = 16, targetHeight = 8
        var drawn = [UInt32](repeating: Self.background, count: targetWidth * targetHeight)
        drawn.withUnsafeMutableBytes { raw in
            stamp.draw(into: PixelBuffer(pixels: raw.baseAddress!, width: targetWidth, height: targetHeight, pitch: targetWidth * 4),
                       left: left, top: top)
        }
        var expected = [UInt32](repeating: Self.background, count: targetWidth * targetHeight)
        for y in 0..<height where (0..<targetHeight).contains(top + y) {
            for x in 0..<width where (0..<targetWidth).contains(left + x) {
                let p = pixels[y * width + x], at = (top + y) * targetWidth + left + x
                switch p >> 24 {
                case 0: break
                case 255: expected[at] = p
                default: expected[at] = StampPixels.blend(p, over: expected[at])
                }
            }
        }
        #expect(stamp.runs.contains { $0.length >= 3 && $0.opaque } && stamp.runs.contains { $0.length >= 3 && !$0.opaque })
        #expect(drawn == expected)
    }

    /// Drawn a range of rows at a time (as two threads share a frame's labels), a stamp leaves
    /// what it leaves drawn whole, wherever the ranges fall; overlapping stamps keep their order.
    @Test(arguments: [1, 2, 3, 5])
    func aStampDrawnRangeByRangeMatchesTheWholeDraw(step: Int) {
        // 9×6, every kind of pixel on every row, rows differing.
        let pixels = (0..<54).map { i -> UInt32 in
            let alpha: UInt32 = [0, 0x40, 0xFF, 0xFF, 0x90][(i * 7 + i / 9) % 5]
            return alpha << 24 | UInt32(i * 4_567 & 0xFFFFFF)
        }
        let big = StampPixels(width: 9, height: 6, pixels: pixels)
        let places = [(left: -2, top: -1), (left: 3, top: 2), (left: 5, top: 4)]  // overlapping, one off the edge
        func draw(rows: (Int) -> [Range<Int>]) -> [UInt32] {
            var target = [UInt32](repeating: Self.background, count: 12 * 8)
            target.withUnsafeMutableBytes { raw in
                let buffer = PixelBuffer(pixels: raw.baseAddress!, width: 12, height: 8, pitch: 48)
                for range in rows(step) {
                    for place in places { big.draw(into: buffer, left: place.left, top: place.top, rows: range) }
                }
            }
            return target
        }
        let whole = draw { _ in [0..<8] }
        let ranged = draw { step in stride(from: -2, to: 10, by: step).map { $0..<$0 + step } }
        #expect(ranged == whole)
        #expect(whole.filter { $0 != Self.background }.count > 30)
    }
}
