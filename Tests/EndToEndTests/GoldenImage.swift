import Foundation
import SDLBackend

/// Compares a rendered PNG with a golden one, with a stated tolerance.
///
/// A pixel differs when any channel differs by more than `channelTolerance`; the images match when
/// at most `maxDifferingFraction` of the pixels differ (font rasterisation and float rounding move a
/// few edge pixels between machines). On failure `actual.png` and `diff.png` are written next to the
/// test's temporary output. Re-record with `UPDATE=1 swift test --filter GoldenImageTests`.
struct GoldenImage {
    var channelTolerance = 24
    var maxDifferingFraction = 0.005

    struct Outcome {
        var matches: Bool
        var differingFraction: Double
        var message: String
    }

    func compare(actualPath: String, goldenPath: String, failureDirectory: URL) throws -> Outcome {
        if ProcessInfo.processInfo.environment["UPDATE"] == "1" || !FileManager.default.fileExists(atPath: goldenPath) {
            if ProcessInfo.processInfo.environment["UPDATE"] != "1" {
                return Outcome(matches: false, differingFraction: 1,
                               message: "no golden image at \(goldenPath); record it with UPDATE=1")
            }
            try? FileManager.default.removeItem(atPath: goldenPath)
            try FileManager.default.copyItem(atPath: actualPath, toPath: goldenPath)
            return Outcome(matches: true, differingFraction: 0, message: "re-recorded \(goldenPath)")
        }
        let actual = try RGBAImage.load(path: actualPath)
        let golden = try RGBAImage.load(path: goldenPath)
        guard actual.width == golden.width, actual.height == golden.height else {
            return Outcome(matches: false, differingFraction: 1,
                           message: "size \(actual.width)x\(actual.height) differs from golden \(golden.width)x\(golden.height)")
        }
        var diff = [UInt8](repeating: 0, count: actual.pixels.count)
        var differing = 0
        for i in stride(from: 0, to: actual.pixels.count, by: 4) {
            var worst = 0
            for c in 0..<4 { worst = max(worst, abs(Int(actual.pixels[i + c]) - Int(golden.pixels[i + c]))) }
            if worst > channelTolerance {
                differing += 1
                diff[i] = 255; diff[i + 3] = 255
            } else {
                // Faded copy of the golden image, so the differences stand out in red.
                let grey = UInt8((Int(golden.pixels[i]) + Int(golden.pixels[i + 1]) + Int(golden.pixels[i + 2])) / 12)
                diff[i] = grey; diff[i + 1] = grey; diff[i + 2] = grey; diff[i + 3] = 255
            }
        }
        let fraction = Double(differing) / Double(actual.width * actual.height)
        if fraction <= maxDifferingFraction {
            return Outcome(matches: true, differingFraction: fraction, message: "")
        }
        try FileManager.default.createDirectory(at: failureDirectory, withIntermediateDirectories: true)
        let actualCopy = failureDirectory.appendingPathComponent("actual.png").path
        try? FileManager.default.removeItem(atPath: actualCopy)
        try FileManager.default.copyItem(atPath: actualPath, toPath: actualCopy)
        try RGBAImage(width: actual.width, height: actual.height, pixels: diff)
            .savePNG(path: failureDirectory.appendingPathComponent("diff.png").path)
        return Outcome(matches: false, differingFraction: fraction,
                       message: String(format: "%.3f%% of pixels differ (allowed %.3f%%); see %@/actual.png and diff.png",
                                       fraction * 100, maxDifferingFraction * 100, failureDirectory.path))
    }
}
