import Foundation
import MapGeometry

/// Builders for the flat shapes the interface is made of (buttons, panels, markers), as meshes.
public enum Shapes {
    /// A rectangle as a rectangle fill (the fast path of software renderers).
    public static func fill(_ r: Rect, color: RGBA) -> RectsPrimitive {
        RectsPrimitive(rects: [Float(r.minX), Float(r.minY), Float(r.width), Float(r.height)], color: color)
    }

    /// A rounded rectangle as three rectangles and four corner fans: big areas go through the
    /// rectangle fill, only the small corners through the triangle rasteriser.
    public static func roundedFill(_ r: Rect, radius: Double, color: RGBA, into list: inout DisplayList) {
        let radius = min(radius, r.width / 2, r.height / 2).rounded()
        guard radius > 1 else {
            list.append(fill(r, color: color))
            return
        }
        let x0 = Float(r.minX), y0 = Float(r.minY), w = Float(r.width), h = Float(r.height), rad = Float(radius)
        list.append(RectsPrimitive(rects: [x0 + rad, y0, w - 2 * rad, h,
                                           x0, y0 + rad, rad, h - 2 * rad,
                                           x0 + w - rad, y0 + rad, rad, h - 2 * rad], color: color))
        let steps = Int(radius / 2).clamped(to: 3...10)
        var vertices: [Float] = []
        var indices: [Int32] = []
        let corners = [
            (Point(x: r.maxX - radius, y: r.minY + radius), -Double.pi / 2),
            (Point(x: r.maxX - radius, y: r.maxY - radius), 0.0),
            (Point(x: r.minX + radius, y: r.maxY - radius), Double.pi / 2),
            (Point(x: r.minX + radius, y: r.minY + radius), Double.pi),
        ]
        for (c, start) in corners {
            let centre = Int32(vertices.count / 2)
            vertices += [Float(c.x), Float(c.y)]
            for s in 0...steps {
                let a = start + Double(s) / Double(steps) * Double.pi / 2
                vertices += [Float(c.x + cos(a) * radius), Float(c.y + sin(a) * radius)]
                if s > 0 { indices += [centre, centre + Int32(s), centre + Int32(s) + 1] }
            }
        }
        list.append(MeshPrimitive(vertices: vertices, indices: indices, color: color))
    }

    public static func rect(_ r: Rect, color: RGBA) -> MeshPrimitive {
        let x0 = Float(r.minX), y0 = Float(r.minY), x1 = Float(r.maxX), y1 = Float(r.maxY)
        return MeshPrimitive(vertices: [x0, y0, x1, y0, x1, y1, x0, y1], indices: [0, 1, 2, 0, 2, 3], color: color)
    }

    /// A filled circle as horizontal bands: each band's middle a rectangle, its two slanted ends
    /// triangles. A triangle fan's thin wedges would make the software rasteriser walk about four
    /// times the circle's area.
    public static func circle(center: Point, radius: Double, color: RGBA) -> MeshPrimitive {
        var rects: [Float] = []
        var mesh = MeshPrimitive(color: color)
        addDisc(center: center, radius: radius, rects: &rects, mesh: &mesh)
        var i = 0
        while i < rects.count {
            let base = Int32(mesh.vertices.count / 2)
            let x0 = rects[i], y0 = rects[i + 1], x1 = rects[i] + rects[i + 2], y1 = rects[i + 1] + rects[i + 3]
            mesh.vertices += [x0, y0, x1, y0, x1, y1, x0, y1]
            mesh.indices += [base, base + 1, base + 2, base, base + 2, base + 3]
            i += 4
        }
        return mesh
    }

    private static func addDisc(center: Point, radius: Double, rects: inout [Float], mesh: inout MeshPrimitive) {
        // Enough sides that the polygon reads as a circle once a stamp smooths its edge.
        let bands = Int(radius * 1.5).clamped(to: 16...64)
        let cx = Float(center.x), cy = Float(center.y), r = Float(radius)
        var previousY = cy - r, previousHalf: Float = 0
        for k in 1...bands {
            let angle = -Float.pi / 2 + Float(k) * Float.pi / Float(bands)
            let y = cy + r * sin(angle), half = r * cos(angle)
            let inner = min(previousHalf, half)
            // Half a pixel of overlap: rectangles and triangles round their edges differently.
            rects += [cx - inner - 0.5, previousY - 0.5, 2 * inner + 1, y - previousY + 1]
            // The wider end's y: where the slanted edge meets the rectangle's side.
            let wideY = half > previousHalf ? y : previousY
            for side: Float in [-1, 1] {
                let base = Int32(mesh.vertices.count / 2)
                mesh.vertices += [cx + side * previousHalf, previousY, cx + side * half, y, cx + side * inner, wideY]
                mesh.indices += [base, base + 1, base + 2]
            }
            previousY = y
            previousHalf = half
        }
    }

    /// A straight segment of a given pixel width (pictograms: plus, minus, house).
    public static func segment(from a: Point, to b: Point, width: Double, color: RGBA) -> MeshPrimitive {
        let d = b - a
        let len = max(d.length, 1e-9)
        let n = Point(x: -d.y / len * width / 2, y: d.x / len * width / 2)
        let pts = [a + n, b + n, b - n, a - n]
        return MeshPrimitive(vertices: pts.flatMap { [Float($0.x), Float($0.y)] },
                             indices: [0, 1, 2, 0, 2, 3], color: color)
    }

    public static func triangle(_ a: Point, _ b: Point, _ c: Point, color: RGBA) -> MeshPrimitive {
        MeshPrimitive(vertices: [a, b, c].flatMap { [Float($0.x), Float($0.y)] }, indices: [0, 1, 2], color: color)
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
