import MapGeometry

extension DisplayList {
    /// Another list's items drawn after this one's (its background is not).
    public mutating func append(contentsOf other: DisplayList) {
        for item in other.items {
            switch item {
            case .mesh(let m): append(m)
            case .rects(let r): append(r)
            case .polylines(let p): append(p)
            case .text(let t): append(t)
            case .basemap(let b): append(b)
            case .stamp(let s): append(s)
            }
        }
    }

    /// Every primitive scaled by `factor` about the origin, then moved by `offset`: a drawing
    /// made for a screen, enlarged for print (a poster's map, whose names and lines would
    /// otherwise be a screen's size on paper). Basemap requests, which the backend draws, are
    /// left out.
    public func scaled(by factor: Double, offset: Point = Point(x: 0, y: 0)) -> DisplayList {
        let f = Float(factor), ox = Float(offset.x), oy = Float(offset.y)
        func map(_ xy: [Float]) -> [Float] {
            var out = xy
            var i = 0
            while i + 1 < out.count {
                out[i] = out[i] * f + ox
                out[i + 1] = out[i + 1] * f + oy
                i += 2
            }
            return out
        }
        var result = DisplayList(background: background)
        for item in items {
            switch item {
            case .mesh(var mesh):
                mesh.vertices = map(mesh.vertices)
                result.append(mesh)
            case .rects(var rects):
                var r = rects.rects
                var i = 0
                while i + 3 < r.count {
                    r[i] = r[i] * f + ox
                    r[i + 1] = r[i + 1] * f + oy
                    r[i + 2] *= f
                    r[i + 3] *= f
                    i += 4
                }
                rects.rects = r
                result.append(rects)
            case .polylines(var lines):
                lines.points = map(lines.points)
                result.append(lines)
            case .text(var text):
                text.anchor = Point(x: text.anchor.x * factor + offset.x, y: text.anchor.y * factor + offset.y)
                text.size *= factor
                result.append(text)
            case .stamp(var stamp):
                stamp.center = Point(x: stamp.center.x * factor + offset.x, y: stamp.center.y * factor + offset.y)
                result.append(stamp)
            case .basemap:
                continue
            }
        }
        return result
    }
}
