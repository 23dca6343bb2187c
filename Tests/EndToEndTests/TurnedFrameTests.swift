import Foundation
import SDLBackend
import Testing

/// The turn control's frame, as the backend draws it: the upright frame turned by 180°, pixel
/// for pixel (the finished picture is turned, so no text, stamp or tile is drawn differently).
struct TurnedFrameTests {
    @Test func theTurnedInterfaceIsTheUprightPictureTurned() throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func render(_ extra: [String]) throws -> RGBAImage {
            let out = dir.appendingPathComponent("\(extra.joined()).png").path
            let result = try InclusionMapBinary.run(["render", "--size", "640x360", "--place", "france-services-1933", "--at", "2026-12-01T10:30",
                                                     "--state-dir", InclusionMapBinary.sharedStateDirectory, "--out", out] + extra)
            try #require(result.status == 0, "\(result.stderr)")
            return try RGBAImage.load(path: out)
        }
        let upright = try render([])
        let turned = try render(["--facing", "top"])
        #expect(turned.width == upright.width && turned.height == upright.height)
        var differing = 0
        let count = upright.width * upright.height
        for i in 0..<count {
            let j = count - 1 - i
            for c in 0..<4 where turned.pixels[4 * i + c] != upright.pixels[4 * j + c] {
                differing += 1
                break
            }
        }
        #expect(differing == 0, "\(differing) pixels are not the upright frame's turned")
        #expect(turned.pixels != upright.pixels, "the frame is not symmetric: turning it shows")
    }
}
