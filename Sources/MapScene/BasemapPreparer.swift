import MapGeometry

/// A basemap source as loaded: its features, and the property (if any) that sorts them into classes
/// that style layers can pick (e.g. `highway` for streets: primary, residential…).
public struct BasemapSource: Sendable {
    public var features: [MapFeature]
    public var classProperty: String?
    /// The property that names each polygon for a ``ThematicShading`` (a commune's INSEE code):
    /// with a `shade` layer on the source, its fills are kept feature by feature under that name.
    public var shadeProperty: String?
    /// What the style draws of it: polygons filled, outlines and lines stroked. What is not
    /// drawn is not prepared.
    public var needs: Needs
    /// The zooms at which the styles draw each class: a feature is prepared only for the levels
    /// of detail those zooms use (a region's residential streets are not simplified for the
    /// zooms that show only motorways). Nil: every feature at every level.
    public var drawnZooms: DrawnZooms?
    /// Whether polygons' outlines are stroked for the source's line layers (a commune's border);
    /// an OpenStreetMap source's lines are its ways, not the edges of its parks.
    public var strokesOutlines = true

    /// Zoom spans, from a layer's `minzoom` to its `maxzoom`, by feature class.
    public struct DrawnZooms: Sendable, Equatable {
        public var byClass: [String: ClosedRange<Double>] = [:]
        /// The span of the layers that draw every class.
        public var anyClass: ClosedRange<Double>?

        public init() {}

        /// The span at which a class is drawn: its own layers' and the every-class layers'
        /// (hulls: a gap between two layers is prepared anyway). Nil when nothing draws it.
        public func span(of featureClass: String?) -> ClosedRange<Double>? {
            let own = featureClass.flatMap { byClass[$0] }
            switch (own, anyClass) {
            case let (own?, any?): return min(own.lowerBound, any.lowerBound) ... max(own.upperBound, any.upperBound)
            case let (own?, nil): return own
            case let (nil, any): return any
            }
        }

        /// What several styles draw of a source (a kiosk prepares what any of its styles shows).
        public static func of(_ source: String, in styles: [MapStyle]) -> DrawnZooms {
            var zooms = DrawnZooms()
            func widen(_ span: inout ClosedRange<Double>?, _ layer: MapStyle.Layer) {
                let own = (layer.minzoom ?? 0) ... (layer.maxzoom ?? 30)
                span = span.map { min($0.lowerBound, own.lowerBound) ... max($0.upperBound, own.upperBound) } ?? own
            }
            for layer in styles.flatMap(\.layers) where layer.source == source {
                if let classes = layer.classes {
                    for featureClass in classes {
                        var span = zooms.byClass[featureClass]
                        widen(&span, layer)
                        zooms.byClass[featureClass] = span
                    }
                } else {
                    widen(&zooms.anyClass, layer)
                }
            }
            return zooms
        }
    }

    public struct Needs: Sendable, Hashable {
        public var fills: Bool
        /// Lines of at most ``MapStyle/Layer/thinLineWidth`` pixels, drawn as one-pixel polylines.
        public var thinLines: Bool
        /// Wider lines, drawn as stroked triangle meshes.
        public var wideLines: Bool
        /// Fills kept feature by feature, for a `shade` layer.
        public var shades: Bool
        /// Fills drawn in the style's own colour (a `fill` layer) as well.
        public var plainFills: Bool

        public init(fills: Bool, thinLines: Bool, wideLines: Bool, shades: Bool = false) {
            self.fills = fills
            plainFills = fills && !shades
            self.thinLines = thinLines
            self.wideLines = wideLines
            self.shades = shades
        }

        public var lines: Bool { thinLines || wideLines }

        public static let all = Needs(fills: true, thinLines: true, wideLines: true)

        /// What any of several styles draws of a source (a kiosk whose visitors may switch style
        /// prepares what both draw).
        public static func of(_ source: String, in styles: [MapStyle], shadeable: Bool = false) -> Needs {
            var needs = Needs(fills: false, thinLines: false, wideLines: false)
            for style in styles {
                let one = of(source, in: style, shadeable: shadeable)
                needs.fills = needs.fills || one.fills
                needs.thinLines = needs.thinLines || one.thinLines
                needs.wideLines = needs.wideLines || one.wideLines
                needs.shades = needs.shades || one.shades
                needs.plainFills = needs.plainFills || one.plainFills
            }
            return needs
        }

        /// What a style's layers draw of a source; its `shade` layers count only when the
        /// source names its features (`shadeable`).
        public static func of(_ source: String, in style: MapStyle, shadeable: Bool = false) -> Needs {
            let layers = style.layers.filter { $0.source == source }
            let shades = shadeable && layers.contains { $0.type == .shade }
            let plain = layers.contains { $0.type == .fill }
            var needs = Needs(fills: shades || plain,
                              thinLines: layers.contains { $0.type == .line && $0.isThin },
                              wideLines: layers.contains { $0.type == .line && !$0.isThin },
                              shades: shades)
            needs.plainFills = plain
            return needs
        }
    }

    public init(features: [MapFeature], classProperty: String? = nil, shadeProperty: String? = nil, needs: Needs = .all) {
        self.features = features
        self.classProperty = classProperty
        self.shadeProperty = shadeProperty
        self.needs = needs
    }
}

/// Turns source features into a ``PreparedBasemap``: simplify per level of detail, tile and
/// triangulate polygons, stroke outlines and lines, and group everything into culling buckets.
public struct BasemapPreparer: Sendable {
    /// Zoom levels that get their own simplified copy of the geometry.
    public var detailZooms: [Double]
    /// Simplification tolerance in screen pixels at each level's zoom.
    public var tolerancePixels: Double
    /// Side of a culling bucket, in screen pixels at its level's zoom.
    public var bucketPixels: Double
    /// Largest side of a triangulated piece, in screen pixels at its level's zoom.
    public var tilePixels: Double = 64

    /// Counts of one preparation, for `inclusion-map prepare`.
    public struct Report: Sendable {
        public var features = 0
        public var verticesIn = 0
        /// Vertices kept per level of detail (by the level's zoom), over all sources.
        public var verticesOut: [Double: Int] = [:]
        public var triangles = 0
        public var rectangles = 0

        public init() {}
    }

    public init(detailZooms: [Double] = [0, 5, 6, 7, 8, 9, 10, 11, 12, 13], tolerancePixels: Double = 0.5, bucketPixels: Double = 512) {
        self.detailZooms = detailZooms
        self.tolerancePixels = tolerancePixels
        self.bucketPixels = bucketPixels
    }

    public func prepare(sources: [String: BasemapSource], towns: [TownLabel] = []) -> PreparedBasemap {
        var report = Report()
        return prepare(sources: sources, towns: towns, report: &report)
    }

    public func prepare(sources: [String: BasemapSource], towns: [TownLabel] = [], report: inout Report) -> PreparedBasemap {
        var prepared: [String: [DetailLevel]] = [:]
        var bounds = BoundingBox.empty
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            report.features += source.features.count
            for f in source.features {
                bounds.include(Self.bounds(of: f))
                report.verticesIn += Self.vertexCount(of: f)
            }
            prepared[name] = detailZooms.indices.map { index in
                let next = index + 1 < detailZooms.count ? detailZooms[index + 1] : .infinity
                return level(for: source, zoom: detailZooms[index], nextZoom: next, report: &report)
            }
        }
        return PreparedBasemap(sources: prepared, bounds: bounds, towns: towns.sorted { $0.population > $1.population })
    }

    /// The level of detail for `zoom`, which serves the camera's zooms from `zoom` − ¼ up to
    /// `nextZoom` − ¼ (see ``PreparedBasemap/level(of:atZoom:)``).
    func level(for source: BasemapSource, zoom: Double, nextZoom: Double, report: inout Report) -> DetailLevel {
        let tolerance = tolerancePixels / WebMercator.scale(atZoom: zoom)
        let tileSize = tilePixels / WebMercator.scale(atZoom: zoom)
        let bucketSize = bucketPixels / WebMercator.scale(atZoom: zoom)
        func key(_ box: BoundingBox, _ featureClass: String?) -> BucketKey {
            let c = box.center
            return BucketKey(x: Int((c.x / bucketSize).rounded(.down)), y: Int((c.y / bucketSize).rounded(.down)),
                             featureClass: featureClass)
        }
        var fills: [BucketKey: FillBuilder] = [:]
        var lines: [BucketKey: LineBuilder] = [:]
        var kept = 0
        /// `counted`: whether these vertices count as kept (outlines derived from polygons are
        /// counted through their polygons, once).
        func addLine(_ part: [Point], _ featureClass: String?, counted: Bool = true) {
            let simplified = LineSimplifier.simplify(part, tolerance: tolerance)
            guard simplified.count >= 2 else { return }
            if counted { kept += simplified.count }
            lines[key(BoundingBox(points: simplified), featureClass), default: LineBuilder()].add(simplified)
        }
        /// Whether the style draws a class at a zoom this level serves.
        func isDrawn(_ featureClass: String?) -> Bool {
            guard let drawnZooms = source.drawnZooms else { return true }
            guard let span = drawnZooms.span(of: featureClass) else { return false }
            return span.lowerBound < nextZoom - 0.25 && span.upperBound > zoom - 0.25
        }
        for feature in source.features {
            let featureClass = source.classProperty.flatMap { feature.properties[$0] }
            guard isDrawn(featureClass) else { continue }
            switch feature.geometry {
            case .points:
                continue
            case .lines(let parts):
                guard source.needs.lines else { continue }
                for part in parts { addLine(part, featureClass) }
            case .polygons(let polygons):
                guard source.needs.fills else { continue }
                // Shading is figures by territory, not a survey: past this zoom the coarser level serves.
                if source.needs.shades && zoom > PreparedBasemap.finestShadeZoom && !source.needs.plainFills { continue }
                let fillClass = source.needs.shades ? source.shadeProperty.flatMap { feature.properties[$0] } : featureClass
                for polygon in polygons {
                    let outer = LineSimplifier.simplifyRing(polygon.outer, tolerance: tolerance)
                    guard outer.count >= 3 else { continue }
                    let holes = polygon.holes.map { LineSimplifier.simplifyRing($0, tolerance: tolerance) }
                        .filter { $0.count >= 3 }
                    let simplified = Polygon(rings: [outer] + holes)
                    kept += simplified.vertexCount
                    for piece in RectangleClipper.tile(simplified, tileSize: tileSize) {
                        switch piece {
                        case .rectangle(let box): fills[key(box, fillClass), default: FillBuilder()].add(box)
                        case .polygon(let p): fills[key(p.bounds, fillClass), default: FillBuilder()].add(p)
                        }
                    }
                }
            }
        }
        // Outlines: each border shared by two polygons is stroked once (see BorderNetwork).
        if source.needs.lines && source.strokesOutlines {
            var byClass: [String?: [Polygon]] = [:]
            for feature in source.features {
                if case .polygons(let polygons) = feature.geometry {
                    let featureClass = source.classProperty.flatMap { feature.properties[$0] }
                    if isDrawn(featureClass) { byClass[featureClass, default: []] += polygons }
                }
            }
            for (featureClass, polygons) in byClass {
                for border in BorderNetwork.polylines(of: polygons) { addLine(border, featureClass, counted: !source.needs.fills) }
            }
        }
        report.verticesOut[zoom, default: 0] += kept
        let fillBuckets = fills.sorted { $0.key < $1.key }.flatMap { $0.value.buckets(featureClass: $0.key.featureClass) }
        let lineBuckets = lines.sorted { $0.key < $1.key }.compactMap { $0.value.bucket(featureClass: $0.key.featureClass) }
        report.triangles += fillBuckets.reduce(0) { $0 + $1.triangleCount } + lineBuckets.reduce(0) { $0 + $1.triangleCount }
        report.rectangles += fillBuckets.reduce(0) { $0 + $1.rects.count / 4 }
        return DetailLevel(zoom: zoom, fills: fillBuckets, lines: lineBuckets)
    }

    /// A culling cell of the grid, per feature class.
    struct BucketKey: Hashable, Comparable {
        var x: Int
        var y: Int
        var featureClass: String?

        static func < (a: BucketKey, b: BucketKey) -> Bool {
            (a.featureClass ?? "", a.y, a.x) < (b.featureClass ?? "", b.y, b.x)
        }
    }

    static func bounds(of feature: MapFeature) -> BoundingBox {
        switch feature.geometry {
        case .points(let ps): return BoundingBox(points: ps)
        case .lines(let ls): return BoundingBox(points: ls.joined())
        case .polygons(let ps): return BoundingBox(points: ps.lazy.flatMap(\.outer))
        }
    }

    static func vertexCount(of feature: MapFeature) -> Int {
        switch feature.geometry {
        case .points(let ps): return ps.count
        case .lines(let ls): return ls.reduce(0) { $0 + $1.count }
        case .polygons(let ps): return ps.reduce(0) { $0 + $1.vertexCount }
        }
    }
}

/// Accumulates the fill of one bucket: rectangles, and triangulated pieces.
struct FillBuilder {
    var bounds = BoundingBox.empty
    var points: [Point] = []
    var indices: [Int32] = []
    var rects: [BoundingBox] = []

    mutating func add(_ box: BoundingBox) {
        rects.append(box)
        bounds.include(box)
    }

    mutating func add(_ polygon: Polygon) {
        let (coords, triangles) = Earcut.triangulate(polygon)
        guard !triangles.isEmpty else { return }
        let base = Int32(points.count)
        var i = 0
        while i < coords.count {
            points.append(Point(x: coords[i], y: coords[i + 1]))
            i += 2
        }
        indices.append(contentsOf: triangles.map { $0 + base })
        bounds.include(polygon.bounds)
    }

    /// The bucket, or several when it has more points than 16-bit indices reach: triangles are
    /// then shared out in order, each bucket taking the points its triangles use.
    func buckets(featureClass: String?) -> [FillBucket] {
        guard !indices.isEmpty || !rects.isEmpty else { return [] }
        if points.count <= FillBucket.maxPoints {
            return [bucket(featureClass: featureClass, points: points, indices: indices.map { UInt16($0) }, rects: rects,
                           bounds: bounds)]
        }
        var buckets: [FillBucket] = []
        // Where each point is in the bucket being filled (-1: not in it yet), and the points it has.
        var slot = [Int32](repeating: -1, count: points.count)
        var taken: [Int32] = []
        var keptIndices: [UInt16] = []
        func close() {
            guard !keptIndices.isEmpty else { return }
            let kept = taken.map { points[Int($0)] }
            // The rectangles go with the first bucket.
            let boxes = buckets.isEmpty ? rects : []
            var box = BoundingBox(points: kept)
            for r in boxes { box.include(r) }
            buckets.append(bucket(featureClass: featureClass, points: kept, indices: keptIndices, rects: boxes, bounds: box))
            for i in taken { slot[Int(i)] = -1 }
            taken.removeAll(keepingCapacity: true)
            keptIndices.removeAll(keepingCapacity: true)
        }
        var t = 0
        while t < indices.count {
            let triangle = indices[t ..< t + 3]
            let fresh = triangle.reduce(0) { $0 + (slot[Int($1)] < 0 ? 1 : 0) }
            if taken.count + fresh > FillBucket.maxPoints { close() }
            for i in triangle {
                if slot[Int(i)] < 0 {
                    slot[Int(i)] = Int32(taken.count)
                    taken.append(i)
                }
                keptIndices.append(UInt16(slot[Int(i)]))
            }
            t += 3
        }
        close()
        return buckets
    }

    private func bucket(featureClass: String?, points: [Point], indices: [UInt16], rects: [BoundingBox],
                        bounds: BoundingBox) -> FillBucket {
        let origin = Point(x: bounds.minX, y: bounds.minY)
        var positions: [Float] = []
        positions.reserveCapacity(points.count * 2)
        for p in points {
            positions.append(Float(p.x - origin.x))
            positions.append(Float(p.y - origin.y))
        }
        var flatRects: [Float] = []
        flatRects.reserveCapacity(rects.count * 4)
        for r in rects {
            flatRects += [Float(r.minX - origin.x), Float(r.minY - origin.y), Float(r.maxX - origin.x), Float(r.maxY - origin.y)]
        }
        return FillBucket(featureClass: featureClass, bounds: bounds, origin: origin, positions: positions,
                          indices: indices, rects: flatRects)
    }
}

/// Accumulates the lines of one bucket as polylines.
struct LineBuilder {
    var bounds = BoundingBox.empty
    var runs: [[Point]] = []

    mutating func add(_ line: [Point]) {
        runs.append(line)
        for p in line { bounds.include(p) }
    }

    func bucket(featureClass: String?) -> LineBucket? {
        guard !runs.isEmpty else { return nil }
        let origin = Point(x: bounds.minX, y: bounds.minY)
        var runPoints: [Float] = []
        var runStarts: [Int32] = []
        runPoints.reserveCapacity(runs.reduce(0) { $0 + $1.count } * 2)
        for run in runs {
            runStarts.append(Int32(runPoints.count / 2))
            for p in run {
                runPoints.append(Float(p.x - origin.x))
                runPoints.append(Float(p.y - origin.y))
            }
        }
        runStarts.append(Int32(runPoints.count / 2))
        return LineBucket(featureClass: featureClass, bounds: bounds, origin: origin, runPoints: runPoints, runStarts: runStarts)
    }
}
