import MapGeometry
@testable import MapScene
import Testing

/// The basemap is not copied under opaque parts of the interface: what they are, and what is
/// left of a tile's rectangle around them.
struct OpaqueAreaTests {
    /// Every pixel of `rect` minus `other` is in exactly one piece, and no piece touches `other`.
    @Test(arguments: [
        PixelRect(x: 20, y: 30, width: 40, height: 10),    // inside
        PixelRect(x: -10, y: 60, width: 200, height: 50),  // a bar across the bottom
        PixelRect(x: 70, y: -5, width: 50, height: 30),    // a corner
        PixelRect(x: 0, y: 0, width: 100, height: 80),     // all of it
        PixelRect(x: 200, y: 200, width: 10, height: 10),  // apart
    ])
    func whatIsLeftAroundAnAreaCoversEachPixelOnce(other: PixelRect) {
        let rect = PixelRect(x: 0, y: 0, width: 100, height: 80)
        let pieces = rect.subtracting(other)
        for y in -10..<90 {
            for x in -10..<110 {
                let count = pieces.filter { (($0.x)..<$0.maxX).contains(x) && (($0.y)..<$0.maxY).contains(y) }.count
                let inRect = (0..<100).contains(x) && (0..<80).contains(y)
                let inOther = (other.x..<other.maxX).contains(x) && (other.y..<other.maxY).contains(y)
                #expect(count == (inRect && !inOther ? 1 : 0), "pixel \(x),\(y)")
            }
        }
    }

    @Test func thePixelsOfLargeOpaqueRectanglesDrawnAfterTheMapCount() {
        var list = DisplayList(background: .white)
        list.append(RectsPrimitive(rects: [0, 0, 500, 500], color: RGBA(10, 20, 30)))          // item 0: before
        list.append(RectsPrimitive(rects: [0, 1000.4, 1920.6, 79.6], color: RGBA(1, 2, 3)))    // a bar, fractional edges
        list.append(RectsPrimitive(rects: [10, 10, 400, 300], color: RGBA(255, 255, 255, 238))) // translucent
        list.append(RectsPrimitive(rects: [5, 5, 20, 200], color: RGBA(4, 5, 6)))              // too thin
        list.append(MeshPrimitive(vertices: [0, 0, 100, 0, 0, 100], indices: [0, 1, 2], color: RGBA(7, 8, 9)))
        let areas = list.opaqueAreas(after: 0, minimumSide: 32)
        // The pixels the bar fills, its edges rounded: rows 1000 ..< 1080, columns 0 ..< 1921.
        #expect(areas == [PixelRect(x: 0, y: 1000, width: 1921, height: 80)])
    }

    /// A button on a panel hides nothing the panel does not: only the panel is listed (once, if
    /// it is drawn twice), next to an area that merely overlaps it.
    @Test func anAreaInsideAnotherIsLeftOut() {
        var list = DisplayList(background: .white)
        list.append(RectsPrimitive(rects: [0, 0, 10, 10], color: RGBA(1, 1, 1)))
        list.append(RectsPrimitive(rects: [1200, 0, 720, 1080], color: RGBA(255, 255, 255)))  // panel
        list.append(RectsPrimitive(rects: [1240, 100, 640, 120, 1200, 0, 720, 1080], color: RGBA(0, 0, 128)))  // button, panel again
        list.append(RectsPrimitive(rects: [1000, 900, 400, 100], color: RGBA(9, 9, 9)))  // overlaps the panel's edge
        let areas = list.opaqueAreas(after: 0, minimumSide: 32)
        #expect(areas == [PixelRect(x: 1200, y: 0, width: 720, height: 1080), PixelRect(x: 1000, y: 900, width: 400, height: 100)])
    }
}
