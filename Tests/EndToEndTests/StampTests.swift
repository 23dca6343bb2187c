import Foundation
import MapGeometry
import MapScene
import SDLBackend
import Testing

/// Markers are drawn once into a texture and copied (stamps): a copied marker looks like the
/// marker drawn in place, with smooth edges.
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

        window.renderer.register(stamps: TestStamps { name, c in name == "test marker" ? marker(c) : nil })
        var stamped = DisplayList(background: RGBA(222, 219, 211))
        for c in centres {
            stamped.append(StampPrimitive(key: StampKey("test marker"), center: c, radius: 25))
        }
        window.renderer.draw(stamped)
        let fromStamps = try window.renderer.capture()
        // Drawn a second time from the texture kept: the same pixels.
        window.renderer.draw(stamped)
        #expect(try window.renderer.capture().pixels == fromStamps.pixels)

        var inPlace = DisplayList(background: RGBA(222, 219, 211))
        for c in centres { for item in marker(c).items { if case .mesh(let m) = item { inPlace.append(m) } } }
        window.renderer.draw(inPlace)
        let direct = try window.renderer.capture()

        // Away from the edges a stamp is its shapes to the pixel (the bar across, the blue, the
        // white ring); within two pixels of the edge it is antialiased (drawn at 4×, filtered):
        // colours between the white ring and the background that the aliased drawing never has.
        var differingAway = 0, smoothed = 0
        for y in 0..<direct.height {
            for x in 0..<direct.width {
                let i = (y * direct.width + x) * 4
                let distance = centres.map { (($0.x - Double(x) - 0.5) * ($0.x - Double(x) - 0.5) + ($0.y - Double(y) - 0.5) * ($0.y - Double(y) - 0.5)).squareRoot() }.min()!
                let worst = (0..<3).map { abs(Int(direct.pixels[i + $0]) - Int(fromStamps.pixels[i + $0])) }.max()!
                if abs(distance - 24) > 2 && abs(distance - 21) > 2 && worst > 24 { differingAway += 1 }
                let r = Int(fromStamps.pixels[i]), g = Int(fromStamps.pixels[i + 1]), b = Int(fromStamps.pixels[i + 2])
                if abs(distance - 24) <= 1.5 && r > 226 && r < 250 && g > 223 && b > 215 { smoothed += 1 }
            }
        }
        // Bar ends and the ring at 21 px may move by the rounding of the stamp's position: a few pixels.
        #expect(differingAway < 60, "\(differingAway) pixels away from the edges differ")
        #expect(smoothed > 3 * 40, "edges not antialiased: \(smoothed) in-between pixels")
    }
}

extension StampTests {
    /// Markers of one look differ in size (a cluster's bubble grows with its count): each size is
    /// its own stamp, drawn at its size, not the first one made stretched.
    @Test func oneLookAtTwoSizesIsTwoStamps() throws {
        let window = try SDLWindow(options: WindowOptions(mode: .headless, size: Size(width: 200, height: 100)),
                                   regularFont: root.appendingPathComponent("assets/fonts/DejaVuSans.ttf").path,
                                   boldFont: root.appendingPathComponent("assets/fonts/DejaVuSans-Bold.ttf").path)
        // "disc:R": a black disc of radius R.
        window.renderer.register(stamps: TestStamps { name, c in
            guard name.hasPrefix("disc:"), let radius = Double(name.dropFirst(5)) else { return nil }
            var shapes = DisplayList(background: .clear)
            shapes.append(Shapes.circle(center: c, radius: radius, color: RGBA(0, 0, 0)))
            return shapes
        })
        let list = { (radius: Double) -> DisplayList in
            var list = DisplayList(background: .white)
            list.append(StampPrimitive(key: StampKey("disc:15"), center: Point(x: 50, y: 50), radius: 15))
            list.append(StampPrimitive(key: StampKey("disc:\(Int(radius))"), center: Point(x: 150, y: 50), radius: radius))
            return list
        }
        window.renderer.draw(list(30))
        let image = try window.renderer.capture()
        // Dark pixels across the middle row of each disc: about 30 and 60.
        func width(from x0: Int, to x1: Int) -> Int {
            (x0..<x1).filter { image.pixels[(50 * 200 + $0) * 4] < 128 }.count
        }
        let small = width(from: 0, to: 100), large = width(from: 100, to: 200)
        #expect(abs(small - 30) <= 2)
        #expect(abs(large - 60) <= 2)
    }
}

/// The tests' stamps: named by a string, drawn by a function of the name and the centre.
struct TestStamps: StampLibrary {
    let draw: @Sendable (String, Point) -> DisplayList?

    init(_ draw: @escaping @Sendable (String, Point) -> DisplayList?) { self.draw = draw }

    func shapes(of key: StampKey, centeredAt center: Point) -> DisplayList? {
        (key.look.base as? String).flatMap { draw($0, center) }
    }
}
