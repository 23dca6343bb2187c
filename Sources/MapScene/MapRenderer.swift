import Foundation
import MapGeometry

/// Draws the prepared basemap for a camera: cull buckets, pick the level of detail, transform to
/// screen pixels. Nothing is parsed, projected or triangulated here.
public struct MapRenderer: Sendable {
    public let basemap: PreparedBasemap
    public let style: MapStyle
    public var measurer: any TextMeasuring
    public let labelPlacer = LabelPlacer()
    /// Shared by the copies of one renderer and by nothing else: what a tile cache keys its
    /// tiles' validity on (a reload or a new style makes a new renderer, and new tiles).
    private let token = Token()
    private final class Token: Sendable {}

    public var identity: ObjectIdentifier { ObjectIdentifier(token) }
    /// What the style's `shade` layers draw; nil draws none. Tiles are kept per shading.
    public var shading: ThematicShading?

    /// The same basemap with other territory colours.
    public func shaded(by shading: ThematicShading?) -> MapRenderer {
        var copy = self
        copy.shading = shading
        return copy
    }

    public init(basemap: PreparedBasemap, style: MapStyle, measurer: any TextMeasuring = EstimatedTextMeasurer()) {
        self.basemap = basemap
        self.style = style
        self.measurer = measurer
    }

    /// Town names over the map, placed without overlap (see ``LabelPlacer``). A name that a
    /// marker (`avoiding`: discs in screen pixels) would hide moves just above or below it, or
    /// is left out when neither has room: the places are what the map is for. A big town's name
    /// (bold) is a landmark: it looks further up and down its column, and where markers crowd
    /// every spot it goes to `landmarksOver`, to be drawn over the markers, never under them.
    public func drawLabels(camera: Camera, avoiding discs: [(center: Point, radius: Double)] = [], into list: inout DisplayList,
                           landmarksOver over: inout [TextPrimitive]) {
        guard let labels = style.labels, !basemap.towns.isEmpty else { return }
        let placed = labelPlacer.placed(towns: basemap.towns, style: labels, zoom: camera.zoom, measurer: measurer)
        let visible = camera.visibleBounds.expanded(by: 300 / camera.scale)
        var taken: [Rect] = []
        for label in placed where visible.contains(label.town.position) {
            let anchor = camera.screenPoint(of: label.town.position)
            let text = { (p: Point) in
                TextPrimitive(label.town.name, at: p, size: label.size, color: labels.color, halo: labels.halo, alignment: .center, bold: label.bold)
            }
            if let position = Self.position(for: label, at: anchor, avoiding: discs, taken: taken) {
                taken.append(Self.box(of: label, at: position))
                list.append(text(position))
            } else if label.bold, !taken.contains(where: { $0.intersects(Self.box(of: label, at: anchor)) }) {
                taken.append(Self.box(of: label, at: anchor))
                over.append(text(anchor))
            }
        }
    }

    /// Town names, the landmarks that markers crowd drawn last (for maps without markers on top).
    public func drawLabels(camera: Camera, avoiding discs: [(center: Point, radius: Double)] = [], into list: inout DisplayList) {
        var over: [TextPrimitive] = []
        drawLabels(camera: camera, avoiding: discs, into: &list, landmarksOver: &over)
        for text in over { list.append(text) }
    }

    /// Where a label goes: its anchor if no disc covers it, else just above, below, right or left
    /// of the first disc in the way, or for a big town's name (bold) the nearest free spot up or
    /// down its column within a few lines; nil when every choice hits a disc or a label already
    /// placed.
    static func position(for label: PlacedLabel, at anchor: Point, avoiding discs: [(center: Point, radius: Double)], taken: [Rect]) -> Point? {
        enum Obstacle { case label, disc(center: Point, radius: Double) }
        func obstacle(at p: Point) -> Obstacle? {
            let box = box(of: label, at: p)
            if let disc = discs.first(where: { box.intersects(circle: $0.center, radius: $0.radius) }) {
                return .disc(center: disc.center, radius: disc.radius)
            }
            return taken.contains { $0.intersects(box) } ? .label : nil
        }
        switch obstacle(at: anchor) {
        case nil: return anchor
        case .label: return nil
        case .disc(let center, let radius)?:
            let gap = 2.0
            let above = Point(x: anchor.x, y: center.y - radius - gap - label.halfHeight)
            let below = Point(x: anchor.x, y: center.y + radius + gap + label.halfHeight)
            let right = Point(x: center.x + radius + gap + label.halfWidth, y: anchor.y)
            let left = Point(x: center.x - radius - gap - label.halfWidth, y: anchor.y)
            if let free = [above, below, right, left].first(where: { obstacle(at: $0) == nil }) { return free }
            guard label.bold else { return nil }
            let line = 2 * label.halfHeight + gap
            let column = (1...4).flatMap { n in [-1.0, 1.0].map { Point(x: anchor.x, y: anchor.y + $0 * Double(n) * line) } }
            return column.first { obstacle(at: $0) == nil }
        }
    }

    static func box(of label: PlacedLabel, at p: Point) -> Rect {
        Rect(x: p.x - label.halfWidth, y: p.y - label.halfHeight, width: 2 * label.halfWidth, height: 2 * label.halfHeight)
    }

    public func draw(camera: Camera, into list: inout DisplayList) {
        drawGeometry(camera: camera, into: &list)
        drawLabels(camera: camera, into: &list)
    }

    /// Like ``draw(camera:into:)``, but leaves the geometry to the backend as one
    /// ``BasemapRequest``, which it may draw from tiles rendered ahead.
    public func drawDeferred(camera: Camera, avoiding discs: [(center: Point, radius: Double)] = [], into list: inout DisplayList,
                             landmarksOver over: inout [TextPrimitive]) {
        list.append(BasemapRequest(camera: camera, map: identity, shading: shading))
        drawLabels(camera: camera, avoiding: discs, into: &list, landmarksOver: &over)
    }

    /// The background and the geometry for `camera` as plain primitives (what a request asks).
    public func geometry(camera: Camera) -> DisplayList {
        var list = DisplayList(background: style.background)
        drawGeometry(camera: camera, into: &list)
        return list
    }

    public func drawGeometry(camera: Camera, into list: inout DisplayList) {
        let visible = camera.visibleBounds
        let transform = ScreenTransform(camera: camera)
        for layer in style.layers where layer.isVisible(atZoom: camera.zoom) {
            guard let level = basemap.level(of: layer.source, atZoom: camera.zoom) else { continue }
            switch layer.type {
            case .fill:
                for bucket in level.fills where layer.draws(bucket.featureClass) && bucket.bounds.intersects(visible) {
                    list.append(transform.fill(bucket, color: layer.color))
                    if camera.bearing == 0 {
                        list.append(transform.rects(bucket, color: layer.color))
                    } else {
                        list.append(transform.rectsAsTriangles(bucket, color: layer.color))
                    }
                }
            case .shade:
                guard let shading, shading.source == layer.source,
                      let shadeLevel = basemap.level(of: layer.source, atZoom: min(camera.zoom, PreparedBasemap.finestShadeZoom)) else { continue }
                drawShading(shading, level: shadeLevel, visible: visible, transform: transform, into: &list)
            case .line:
                let width = layer.width ?? 1
                let halfWidth = Float(width / 2)
                let margin = width / camera.scale
                // Joins only show on lines of three pixels or more; thinner ones skip them.
                let joins = width >= 3
                for bucket in level.lines where layer.draws(bucket.featureClass) && bucket.bounds.expanded(by: margin).intersects(visible) {
                    if layer.isThin {
                        list.append(transform.polylines(bucket, color: layer.color))
                    } else {
                        list.append(transform.line(bucket, halfWidth: halfWidth, joins: joins, color: layer.color))
                    }
                }
            }
        }
    }
}

extension MapRenderer {
    /// Each visible feature in its colour: the features of one colour become one mesh (and one
    /// set of rectangles), so a region of communes costs a few primitives, not thousands.
    func drawShading(_ shading: ThematicShading, level: DetailLevel, visible: BoundingBox, transform: ScreenTransform,
                     into list: inout DisplayList) {
        var meshes: [RGBA: MeshPrimitive] = [:]
        var rects: [RGBA: RectsPrimitive] = [:]
        var order: [RGBA] = []
        for bucket in level.fills where bucket.bounds.intersects(visible) {
            guard let color = shading.color(of: bucket.featureClass) else { continue }
            if meshes[color] == nil {
                order.append(color)
                meshes[color] = MeshPrimitive(vertices: [], indices: [], color: color)
                rects[color] = RectsPrimitive(rects: [], color: color)
            }
            let mesh = transform.fill(bucket, color: color)
            let base = Int32(meshes[color]!.vertices.count / 2)
            meshes[color]!.vertices += mesh.vertices
            meshes[color]!.indices += mesh.indices.map { $0 + base }
            if transform.camera.bearing == 0 {
                rects[color]!.rects += transform.rects(bucket, color: color).rects
            } else {
                let quads = transform.rectsAsTriangles(bucket, color: color)
                let base = Int32(meshes[color]!.vertices.count / 2)
                meshes[color]!.vertices += quads.vertices
                meshes[color]!.indices += quads.indices.map { $0 + base }
            }
        }
        for color in order {
            list.append(meshes[color]!)
            if !rects[color]!.rects.isEmpty { list.append(rects[color]!) }
        }
    }
}

/// World → screen for one frame, as a 2×2 matrix and an offset in Float.
struct ScreenTransform {
    let m00: Float, m01: Float, m10: Float, m11: Float
    let camera: Camera

    init(camera: Camera) {
        self.camera = camera
        let s = camera.scale
        let r = camera.screenRotation
        m00 = Float(cos(r) * s); m01 = Float(-sin(r) * s)
        m10 = Float(sin(r) * s); m11 = Float(cos(r) * s)
    }

    /// Screen position of a bucket's origin: where its (0, 0) lands.
    func offset(for origin: Point) -> (Float, Float) {
        let o = camera.screenPoint(of: origin)
        return (Float(o.x), Float(o.y))
    }

    /// A bucket's triangles on screen. Triangles wholly off screen are left out here: a software
    /// renderer spends about as long setting a triangle up as filling a hundred pixels, and a
    /// tile sees only a corner of the buckets it touches.
    func fill(_ bucket: FillBucket, color: RGBA) -> MeshPrimitive {
        let (ox, oy) = offset(for: bucket.origin)
        let src = bucket.positions
        let w = Float(camera.viewport.width), h = Float(camera.viewport.height)
        var out = [Float](repeating: 0, count: src.count)
        var kept: [Int32] = []
        kept.reserveCapacity(bucket.indices.count)
        src.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { d in
                var i = 0
                while i < s.count {
                    let x = s[i], y = s[i + 1]
                    d[i] = m00 * x + m01 * y + ox
                    d[i + 1] = m10 * x + m11 * y + oy
                    i += 2
                }
                bucket.indices.withUnsafeBufferPointer { idx in
                    var t = 0
                    while t < idx.count {
                        let a = Int(idx[t]) * 2, b = Int(idx[t + 1]) * 2, c = Int(idx[t + 2]) * 2
                        let ax = d[a], bx = d[b], cx = d[c], ay = d[a + 1], by = d[b + 1], cy = d[c + 1]
                        let offScreen = (ax < 0 && bx < 0 && cx < 0) || (ax > w && bx > w && cx > w)
                            || (ay < 0 && by < 0 && cy < 0) || (ay > h && by > h && cy > h)
                        if !offScreen { kept.append(Int32(idx[t])); kept.append(Int32(idx[t + 1])); kept.append(Int32(idx[t + 2])) }
                        t += 3
                    }
                }
            }
        }
        return MeshPrimitive(vertices: out, indices: kept, color: color)
    }

    /// Thin lines as polylines, keeping only the stretches that cross the screen: a run is broken
    /// wherever a segment lies wholly off one side, so the rasteriser never walks unseen pixels.
    func polylines(_ bucket: LineBucket, color: RGBA) -> PolylinesPrimitive {
        let (ox, oy) = offset(for: bucket.origin)
        let w = Float(camera.viewport.width), h = Float(camera.viewport.height)
        let src = bucket.runPoints
        var points: [Float] = []
        var starts: [Int32] = []
        points.reserveCapacity(src.count)
        let runs = bucket.runStarts
        for k in 0..<(runs.count - 1) {
            var open = false
            var px: Float = 0, py: Float = 0
            for i in Int(runs[k])..<Int(runs[k + 1]) {
                let x = src[2 * i], y = src[2 * i + 1]
                let sx = m00 * x + m01 * y + ox, sy = m10 * x + m11 * y + oy
                if i > Int(runs[k]) {
                    let off = (px < 0 && sx < 0) || (px > w && sx > w) || (py < 0 && sy < 0) || (py > h && sy > h)
                    if off {
                        open = false
                    } else {
                        if !open {
                            starts.append(Int32(points.count / 2))
                            points.append(px); points.append(py)
                            open = true
                        }
                        points.append(sx); points.append(sy)
                    }
                }
                px = sx; py = sy
            }
        }
        starts.append(Int32(points.count / 2))
        return PolylinesPrimitive(points: points, runStarts: starts, color: color)
    }

    /// Rectangles stay rectangles when the map is north-up: scale and offset only.
    func rects(_ bucket: FillBucket, color: RGBA) -> RectsPrimitive {
        let (ox, oy) = offset(for: bucket.origin)
        let s = m00
        var out: [Float] = []
        out.reserveCapacity(bucket.rects.count)
        let w = Float(camera.viewport.width), h = Float(camera.viewport.height)
        var i = 0
        let r = bucket.rects
        while i < r.count {
            // Half a pixel of overlap on each side: the rasteriser rounds rectangles and triangles
            // differently, and a hairline of background would show between them.
            let x0 = r[i] * s + ox - 0.5, y0 = r[i + 1] * s + oy - 0.5
            let x1 = r[i + 2] * s + ox + 0.5, y1 = r[i + 3] * s + oy + 0.5
            i += 4
            // Clip to the screen: the rasteriser then touches only visible pixels.
            let cx0 = Swift.max(x0, 0), cy0 = Swift.max(y0, 0), cx1 = Swift.min(x1, w), cy1 = Swift.min(y1, h)
            guard cx1 > cx0, cy1 > cy0 else { continue }
            out += [cx0, cy0, cx1 - cx0, cy1 - cy0]
        }
        return RectsPrimitive(rects: out, color: color)
    }

    /// A rotated map turns rectangles into quads: two triangles each.
    func rectsAsTriangles(_ bucket: FillBucket, color: RGBA) -> MeshPrimitive {
        let (ox, oy) = offset(for: bucket.origin)
        var vertices: [Float] = []
        var indices: [Int32] = []
        var i = 0
        let r = bucket.rects
        while i < r.count {
            let base = Int32(vertices.count / 2)
            for (x, y) in [(r[i], r[i + 1]), (r[i + 2], r[i + 1]), (r[i + 2], r[i + 3]), (r[i], r[i + 3])] {
                vertices.append(m00 * x + m01 * y + ox)
                vertices.append(m10 * x + m11 * y + oy)
            }
            indices += [base, base + 1, base + 2, base, base + 2, base + 3]
            i += 4
        }
        return MeshPrimitive(vertices: vertices, indices: indices, color: color)
    }

    /// Longest piece (in pixels) a wide segment is drawn in: the software rasteriser walks each
    /// triangle's bounding box, so a long diagonal segment costs its length squared unless cut.
    static let maxPieceLength: Float = 12

    /// Wide lines: each segment becomes quads `a ± n·w/2 … b ± n·w/2`, cut into short pieces; each
    /// bend a bevel on both sides (only when the line is wide enough for it to show). What lies
    /// wholly off one side of the screen is not drawn.
    func line(_ bucket: LineBucket, halfWidth: Float, joins: Bool, color: RGBA) -> MeshPrimitive {
        let (ox, oy) = offset(for: bucket.origin)
        let s = Float(camera.scale)
        // Normals turn with the map but do not scale with the zoom.
        let r00 = m00 / s * halfWidth, r01 = m01 / s * halfWidth
        let r10 = m10 / s * halfWidth, r11 = m11 / s * halfWidth
        let reach = abs(r00) + abs(r01) + abs(r10) + abs(r11)
        // About one segment a point.
        let pointCount = bucket.runPoints.count / 2
        var vertices: [Float] = []
        var indices: [Int32] = []
        vertices.reserveCapacity(pointCount * 8)
        indices.reserveCapacity(pointCount * 6)
        let vw = Float(camera.viewport.width), vh = Float(camera.viewport.height)
        bucket.walkStrokes(segment: { x1, y1, x2, y2, nx, ny in
            let ax = m00 * x1 + m01 * y1 + ox, ay = m10 * x1 + m11 * y1 + oy
            let bx = m00 * x2 + m01 * y2 + ox, by = m10 * x2 + m11 * y2 + oy
            let ex = r00 * nx + r01 * ny, ey = r10 * nx + r11 * ny
            let m = abs(ex) + abs(ey)
            if (ax < -m && bx < -m) || (ax > vw + m && bx > vw + m) || (ay < -m && by < -m) || (ay > vh + m && by > vh + m) {
                return
            }
            let dx = bx - ax, dy = by - ay
            let pieces = max(1, Int(((dx * dx + dy * dy).squareRoot() / Self.maxPieceLength).rounded(.up)))
            var base = Int32(vertices.count / 2)
            vertices += [ax + ex, ay + ey, ax - ex, ay - ey]
            for piece in 1...pieces {
                let t = Float(piece) / Float(pieces)
                let px = ax + dx * t, py = ay + dy * t
                vertices += [px + ex, py + ey, px - ex, py - ey]
                indices += [base, base + 1, base + 2, base + 1, base + 3, base + 2]
                base += 2
            }
        }, bend: { x, y, n1x, n1y, n2x, n2y in
            guard joins else { return }
            let px = m00 * x + m01 * y + ox, py = m10 * x + m11 * y + oy
            if px < -reach || px > vw + reach || py < -reach || py > vh + reach { return }
            let e1x = r00 * n1x + r01 * n1y, e1y = r10 * n1x + r11 * n1y
            let e2x = r00 * n2x + r01 * n2y, e2y = r10 * n2x + r11 * n2y
            let base = Int32(vertices.count / 2)
            vertices += [px, py, px + e1x, py + e1y, px + e2x, py + e2y, px - e1x, py - e1y, px - e2x, py - e2y]
            indices += [base, base + 1, base + 2, base, base + 3, base + 4]
        })
        return MeshPrimitive(vertices: vertices, indices: indices, color: color)
    }
}
