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
        mapped(point: { Point(x: $0.x * factor + offset.x, y: $0.y * factor + offset.y) },
               rect: { Rect(x: $0.x * factor + offset.x, y: $0.y * factor + offset.y, width: $0.width * factor, height: $0.height * factor) },
               text: { $0.size *= factor },
               basemap: { _ in false })
    }

    /// Every primitive turned by 180° about the middle of a `screen`-sized area: a panel facing
    /// a visitor on the far side of a table. Text is turned with its place (see
    /// ``TextPrimitive/turned``); the basemap, which the backend draws, is looked at from the
    /// other side. Stamps move but are not turned: use them only where that does not show.
    /// A half turn keeps the triangles' winding (it is a rotation, not a mirror).
    public func turned(within screen: Size) -> DisplayList {
        mapped(point: { Point(x: screen.width - $0.x, y: screen.height - $0.y) },
               rect: { Rect(x: screen.width - $0.maxX, y: screen.height - $0.maxY, width: $0.width, height: $0.height) },
               text: { $0.turned.toggle() },
               basemap: { $0.camera.bearing = Camera.normalizedBearing($0.camera.bearing + 180); return true })
    }

    /// Every primitive reflected about the vertical middle of a `screen`-sized area: an interface
    /// laid out left to right, shown right to left (Arabic). Text keeps its letters but swaps the
    /// side it is aligned to, and reads right to left; triangles keep their winding. Stamps move
    /// but are not reflected (a QR code must not be). Basemap requests are left out: the map is
    /// never reflected.
    public func mirrored(within screen: Size) -> DisplayList {
        mapped(point: { Point(x: screen.width - $0.x, y: $0.y) },
               rect: { Rect(x: screen.width - $0.maxX, y: $0.y, width: $0.width, height: $0.height) },
               text: { text in
                   text.rightToLeft = true
                   switch text.alignment {
                   case .left: text.alignment = .right
                   case .right: text.alignment = .left
                   case .center: break
                   }
               },
               basemap: { _ in false }, reflects: true)
    }

    /// The same items with every point moved by `point` and every rectangle by `rect` (which
    /// must agree), text changed by `text` after its anchor moved, and basemap requests changed
    /// by `basemap` (false leaves them out). `reflects`: the map is a reflection, so each
    /// triangle's corners are listed the other way round to keep its winding.
    private func mapped(point: (Point) -> Point, rect: (Rect) -> Rect, text: (inout TextPrimitive) -> Void,
                        basemap: (inout BasemapRequest) -> Bool, reflects: Bool = false) -> DisplayList {
        func map(_ xy: [Float]) -> [Float] {
            var out = xy
            var i = 0
            while i + 1 < out.count {
                let p = point(Point(x: Double(out[i]), y: Double(out[i + 1])))
                out[i] = Float(p.x)
                out[i + 1] = Float(p.y)
                i += 2
            }
            return out
        }
        var result = DisplayList(background: background)
        result.turned = turned
        for item in items {
            switch item {
            case .mesh(var mesh):
                mesh.vertices = map(mesh.vertices)
                if reflects {
                    var i = 0
                    while i + 2 < mesh.indices.count {
                        mesh.indices.swapAt(i + 1, i + 2)
                        i += 3
                    }
                }
                result.append(mesh)
            case .rects(var rects):
                var r = rects.rects
                var i = 0
                while i + 3 < r.count {
                    let moved = rect(Rect(x: Double(r[i]), y: Double(r[i + 1]), width: Double(r[i + 2]), height: Double(r[i + 3])))
                    (r[i], r[i + 1], r[i + 2], r[i + 3]) = (Float(moved.x), Float(moved.y), Float(moved.width), Float(moved.height))
                    i += 4
                }
                rects.rects = r
                result.append(rects)
            case .polylines(var lines):
                lines.points = map(lines.points)
                result.append(lines)
            case .text(var t):
                t.anchor = point(t.anchor)
                text(&t)
                result.append(t)
            case .stamp(var stamp):
                stamp.center = point(stamp.center)
                result.append(stamp)
            case .basemap(var request):
                if basemap(&request) { result.append(request) }
            }
        }
        return result
    }
}
