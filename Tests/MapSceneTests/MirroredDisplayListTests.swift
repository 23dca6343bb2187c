import Testing
@testable import MapGeometry
@testable import MapScene

/// A right-to-left interface is the left-to-right one reflected: shapes move to the other side,
/// text keeps its letters but swaps the side it is aligned to, and the map is never reflected.
@Suite struct MirroredDisplayListTests {
    static let screen = Size(width: 1000, height: 600)

    static func signedArea(_ mesh: MeshPrimitive, triangle t: Int) -> Double {
        func p(_ i: Int32) -> (Double, Double) { (Double(mesh.vertices[Int(i) * 2]), Double(mesh.vertices[Int(i) * 2 + 1])) }
        let (a, b, c) = (p(mesh.indices[t * 3]), p(mesh.indices[t * 3 + 1]), p(mesh.indices[t * 3 + 2]))
        return (b.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (b.1 - a.1)
    }

    @Test func shapesMoveTextSwapsItsSideAndTheMapStays() throws {
        var list = DisplayList(background: .clear)
        list.append(RectsPrimitive(rects: [100, 50, 200, 40], color: .white))
        list.append(MeshPrimitive(vertices: [10, 10, 60, 10, 10, 80], indices: [0, 1, 2], color: .black))
        list.append(TextPrimitive("Près d'ici", at: Point(x: 120, y: 70), size: 20, color: .black, alignment: .left))
        list.append(TextPrimitive("Fermer", at: Point(x: 500, y: 300), size: 20, color: .black, alignment: .center))
        list.append(BasemapRequest(camera: Camera(center: Point(x: 0.5, y: 0.5), zoom: 8, viewport: Self.screen), map: ObjectIdentifier(Int.self)))
        let mirrored = list.mirrored(within: Self.screen)

        guard case .rects(let rects) = mirrored.items[0] else { Issue.record("no rectangles"); return }
        #expect(rects.rects == [700, 50, 200, 40])
        guard case .mesh(let mesh) = mirrored.items[1], case .mesh(let original) = list.items[1] else { Issue.record("no mesh"); return }
        #expect(Set(stride(from: 0, to: mesh.vertices.count, by: 2).map { mesh.vertices[$0] }) == [990, 940])
        // A reflection would turn each triangle over; its corners are listed the other way to keep it.
        #expect(Self.signedArea(mesh, triangle: 0).sign == Self.signedArea(original, triangle: 0).sign)

        let texts = mirrored.texts
        #expect(texts.map(\.text) == ["Près d'ici", "Fermer"])
        #expect(texts[0].anchor == Point(x: 880, y: 70) && texts[0].alignment == .right, "left-aligned text ends where it began")
        #expect(texts[1].anchor == Point(x: 500, y: 300) && texts[1].alignment == .center)
        #expect(texts.allSatisfy { $0.rightToLeft })
        #expect(!mirrored.items.contains { if case .basemap = $0 { true } else { false } }, "the map is never reflected")

        // Reflected twice, the interface is back where it was.
        let back = mirrored.mirrored(within: Self.screen)
        guard case .rects(let again) = back.items[0] else { Issue.record("no rectangles"); return }
        #expect(again.rects == [100, 50, 200, 40])
        #expect(back.texts[0].anchor == Point(x: 120, y: 70) && back.texts[0].alignment == .left)
    }
}
