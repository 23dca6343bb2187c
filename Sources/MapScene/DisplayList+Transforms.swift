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

extension DisplayList {
    /// Every primitive turned by 180° about the middle of a `screen`-sized area: a panel facing
    /// a visitor on the far side of a table. Text is turned with its place (see
    /// ``TextPrimitive/turned``); the basemap, which the backend draws, is looked at from the
    /// other side. Stamps move but are not turned: use them only where that does not show.
    public func turned(within screen: Size) -> DisplayList {
        let w = Float(screen.width), h = Float(screen.height)
        func map(_ xy: [Float]) -> [Float] {
            var out = xy
            var i = 0
            while i + 1 < out.count {
                out[i] = w - out[i]
                out[i + 1] = h - out[i + 1]
                i += 2
            }
            return out
        }
        func turn(_ p: Point) -> Point { Point(x: screen.width - p.x, y: screen.height - p.y) }
        var result = DisplayList(background: background)
        result.turned = turned
        for item in items {
            switch item {
            case .mesh(var mesh):
                // A half turn keeps the triangles' winding (it is a rotation, not a mirror).
                mesh.vertices = map(mesh.vertices)
                result.append(mesh)
            case .rects(var rects):
                var r = rects.rects
                var i = 0
                while i + 3 < r.count {
                    r[i] = w - r[i] - r[i + 2]
                    r[i + 1] = h - r[i + 1] - r[i + 3]
                    i += 4
                }
                rects.rects = r
                result.append(rects)
            case .polylines(var lines):
                lines.points = map(lines.points)
                result.append(lines)
            case .text(var text):
                text.anchor = turn(text.anchor)
                text.turned.toggle()
                result.append(text)
            case .stamp(var stamp):
                stamp.center = turn(stamp.center)
                result.append(stamp)
            case .basemap(var request):
                request.camera.bearing += 180
                result.append(request)
            }
        }
        return result
    }
}
