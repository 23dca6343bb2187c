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
        #expect(stamp.runs.map(\.x) == [1, 2, 5])
        #expect(stamp.runs.map(\.y) == [0, 0, 0])
        #expect(stamp.runs.map(\.length) == [1, 3, 1])
        #expect(stamp.runs.map(\.opaque) == [false, true, false])
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
}
