import Foundation
import SDLBackend

/// Compares a rendered PNG with a golden one, with a stated tolerance.
///
/// A pixel differs when any channel differs by more than `channelTolerance`; the images match when
/// at most `maxDifferingFraction` of the pixels differ (font rasterisation and float rounding move a
/// few edge pixels between machines). With a `shiftTolerance` of 1, a pixel also matches when one of
/// its eight neighbours in the other image does, both ways: an edge one pixel off still matches,
/// while a thin line missing from either image, a layer moved further, a missing texture or a
/// wrong colour does not. On failure `actual.png` and `diff.png` are written next to the test's
/// temporary output. Re-record with `UPDATE=1 swift test --filter GoldenImageTests`.
struct GoldenImage {
    var channelTolerance = 24
    var maxDifferingFraction = 0.005
    var shiftTolerance = 0

    struct Outcome {
        var matches: Bool
        var differingFraction: Double
        var message: String
    }

    /// `recording`: with `UPDATE=1`, the actual image becomes the golden one (false for images
    /// compared with a golden made another way).
    func compare(actualPath: String, goldenPath: String, failureDirectory: URL, recording: Bool = true) throws -> Outcome {
        if (recording && ProcessInfo.processInfo.environment["UPDATE"] == "1") || !FileManager.default.fileExists(atPath: goldenPath) {
            if !recording || ProcessInfo.processInfo.environment["UPDATE"] != "1" {
                return Outcome(matches: false, differingFraction: 1,
                               message: "no golden image at \(goldenPath); record it with UPDATE=1")
            }
            try? FileManager.default.removeItem(atPath: goldenPath)
            try FileManager.default.copyItem(atPath: actualPath, toPath: goldenPath)
            return Outcome(matches: true, differingFraction: 0, message: "re-recorded \(goldenPath)")
        }
        let actual = try RGBAImage.load(path: actualPath)
        let golden = try RGBAImage.load(path: goldenPath)
        let (outcome, diff) = compare(actual, golden)
        guard !outcome.matches, let diff else { return outcome }
        try FileManager.default.createDirectory(at: failureDirectory, withIntermediateDirectories: true)
        let actualCopy = failureDirectory.appendingPathComponent("actual.png").path
        try? FileManager.default.removeItem(atPath: actualCopy)
        try FileManager.default.copyItem(atPath: actualPath, toPath: actualCopy)
        try diff.savePNG(path: failureDirectory.appendingPathComponent("diff.png").path)
        return Outcome(matches: false, differingFraction: outcome.differingFraction,
                       message: outcome.message + "; see \(failureDirectory.path)/actual.png and diff.png")
    }

    /// The outcome, and on failure an image of the golden one faded, its differing pixels in red.
    func compare(_ actual: RGBAImage, _ golden: RGBAImage) -> (Outcome, RGBAImage?) {
        guard actual.width == golden.width, actual.height == golden.height else {
            return (Outcome(matches: false, differingFraction: 1,
                            message: "size \(actual.width)x\(actual.height) differs from golden \(golden.width)x\(golden.height)"), nil)
        }
        let width = actual.width, height = actual.height
        func close(_ a: [UInt8], _ i: Int, _ b: [UInt8], _ j: Int) -> Bool {
            for c in 0..<4 where abs(Int(a[i + c]) - Int(b[j + c])) > channelTolerance { return false }
            return true
        }
        /// Pixel (x, y) of `a` has a close pixel in `b` within the shift tolerance.
        func matched(_ a: [UInt8], _ b: [UInt8], _ x: Int, _ y: Int) -> Bool {
            let i = (y * width + x) * 4
            for dy in -shiftTolerance...shiftTolerance where (0..<height).contains(y + dy) {
                for dx in -shiftTolerance...shiftTolerance where (0..<width).contains(x + dx) {
                    if close(a, i, b, ((y + dy) * width + x + dx) * 4) { return true }
                }
            }
            return false
        }
        var differingPixels = [Bool](repeating: false, count: width * height)
        var differing = 0
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 4
                if close(actual.pixels, i, golden.pixels, i) { continue }
                if shiftTolerance > 0 && matched(actual.pixels, golden.pixels, x, y) && matched(golden.pixels, actual.pixels, x, y) { continue }
                differingPixels[y * width + x] = true
                differing += 1
            }
        }
        let fraction = Double(differing) / Double(width * height)
        if fraction <= maxDifferingFraction {
            return (Outcome(matches: true, differingFraction: fraction, message: ""), nil)
        }
        var diff = [UInt8](repeating: 255, count: actual.pixels.count)
        for p in 0..<(width * height) {
            let i = p * 4
            if differingPixels[p] {
                diff[i + 1] = 0; diff[i + 2] = 0
            } else {
                let grey = UInt8((Int(golden.pixels[i]) + Int(golden.pixels[i + 1]) + Int(golden.pixels[i + 2])) / 12)
                diff[i] = grey; diff[i + 1] = grey; diff[i + 2] = grey
            }
        }
        return (Outcome(matches: false, differingFraction: fraction,
                        message: String(format: "%.3f%% of pixels differ (allowed %.3f%%)", fraction * 100, maxDifferingFraction * 100)),
                RGBAImage(width: width, height: height, pixels: diff))
    }
}
