import Foundation
import MapGeometry
import MapScene
import SDLBackend
import Testing

/// Markers are drawn once into a texture and copied (stamps): a copied marker looks like the
/// marker drawn in place.
@Suite(.serialized) struct StampTests {
    let root = InclusionMapBinary.packageRoot

    @Test func aStampLooksLikeItsShapesDrawnInPlace() throws {
        let window = try SDLWindow(options: WindowOptions(mode: .headless, size: Size(width: 300, height: 200)),
                                   regularFont: root.appendingPathComponent("assets/fonts/DejaVuSans.ttf").path,
                                   boldFont: root.appendingPathComponent("assets/fonts/DejaVuSans-Bold.ttf").path)
        let blue = RGBA(0, 85, 164)
        @Sendable func marker(_ c: Point) -> DisplayList {
            var shapes = DisplayList(background: .clear)
            shapes.append(Shapes.circle(center: c, radius: 24, color: .white))
            shapes.append(Shapes.circle(center: c, radius: 21, color: blue))
            shapes.append(Shapes.segment(from: Point(x: c.x - 10, y: c.y), to: Point(x: c.x + 10, y: c.y), width: 4, color: .white))
            return shapes
        }
        let centres = [Point(x: 60, y: 60), Point(x: 180, y: 120), Point(x: 240, y: 60)]

        var stamped = DisplayList(background: RGBA(222, 219, 211))
        for c in centres {
            stamped.append(StampPrimitive(key: "test marker", center: c, radius: 25) { marker($0) })
        }
        window.draw(stamped)
        let fromStamps = try window.capture()
        // Drawn a second time from the texture kept: the same pixels.
        window.draw(stamped)
        #expect(try window.capture().pixels == fromStamps.pixels)

        var inPlace = DisplayList(background: RGBA(222, 219, 211))
        for c in centres { for item in marker(c).items { if case .mesh(let m) = item { inPlace.append(m) } } }
        window.draw(inPlace)
        let direct = try window.capture()

        var differing = 0, blueSeen = 0
        for i in stride(from: 0, to: direct.pixels.count, by: 4) {
            if (0..<3).contains(where: { abs(Int(direct.pixels[i + $0]) - Int(fromStamps.pixels[i + $0])) > 24 }) { differing += 1 }
            if fromStamps.pixels[i] == 0 && fromStamps.pixels[i + 1] == 85 && fromStamps.pixels[i + 2] == 164 { blueSeen += 1 }
        }
        // Edge pixels may move by the rounding of the stamp's position: under 2 % of the markers' area.
        #expect(Double(differing) < 0.02 * 3 * Double.pi * 24 * 24, "\(differing) pixels differ")
        #expect(Double(blueSeen) > 0.8 * 3 * Double.pi * 21 * 21 - 3 * 80)
    }
}
