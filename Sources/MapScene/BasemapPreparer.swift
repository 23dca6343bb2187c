import MapGeometry

/// Turns source features into a ``PreparedBasemap``: simplify per level of detail, triangulate
/// polygons, stroke outlines and lines, and group everything into culling buckets.
public struct BasemapPreparer: Sendable {
    /// Zoom levels that get their own simplified copy of the geometry.
    public var detailZooms: [Double]
    /// Simplification tolerance in screen pixels at each level's zoom.
    public var tolerancePixels: Double
    /// Side of a culling bucket, in world units.
    public var bucketSize: Double
    /// Largest side of a filled piece, in screen pixels at its level's zoom.
    public var tilePixels: Double = 256

    public init(detailZooms: [Double] = [0, 5, 7, 9, 11, 13], tolerancePixels: Double = 0.5, bucketSize: Double = 0.25) {
        self.detailZooms = detailZooms
        self.tolerancePixels = tolerancePixels
        self.bucketSize = bucketSize
    }

    public func prepare(sources: [String: [MapFeature]]) -> PreparedBasemap {
        var prepared: [String: [DetailLevel]] = [:]
        var bounds = BoundingBox.empty
        for (name, features) in sources {
            prepared[name] = detailZooms.map { level(for: features, zoom: $0) }
            for f in features { bounds.include(Self.bounds(of: f)) }
        }
        return PreparedBasemap(sources: prepared, bounds: bounds)
    }

    func level(for features: [MapFeature], zoom: Double) -> DetailLevel {
        let tolerance = tolerancePixels / WebMercator.scale(atZoom: zoom)
        var fills: [GridKey: FillBuilder] = [:]
        var lines: [GridKey: LineBuilder] = [:]
        for feature in features {
            switch feature.geometry {
            case .points:
                continue
            case .lines(let parts):
                for part in parts {
                    let simplified = LineSimplifier.simplify(part, tolerance: tolerance)
                    guard simplified.count >= 2 else { continue }
                    lines[key(for: BoundingBox(points: simplified)), default: LineBuilder()].add(simplified, closed: false)
                }
            case .polygons(let polygons):
                for polygon in polygons {
                    let outer = LineSimplifier.simplifyRing(polygon.outer, tolerance: tolerance)
                    guard outer.count >= 3 else { continue }
                    let holes = polygon.holes.map { LineSimplifier.simplifyRing($0, tolerance: tolerance) }
                        .filter { $0.count >= 3 }
                    let simplified = Polygon(rings: [outer] + holes)
                    // Fills are cut into tiles of a few hundred pixels at this level (see RectangleClipper).
                    for piece in RectangleClipper.tile(simplified, tileSize: tilePixels / WebMercator.scale(atZoom: zoom)) {
                        fills[key(for: piece.bounds), default: FillBuilder()].add(piece)
                    }
                    let k = key(for: simplified.bounds)
                    for ring in simplified.rings { lines[k, default: LineBuilder()].add(ring, closed: true) }
                }
            }
        }
        return DetailLevel(zoom: zoom,
                           fills: fills.values.compactMap { $0.bucket() },
                           lines: lines.values.compactMap { $0.bucket() })
    }

    struct GridKey: Hashable { var x: Int; var y: Int }

    func key(for box: BoundingBox) -> GridKey {
        let c = box.center
        return GridKey(x: Int((c.x / bucketSize).rounded(.down)), y: Int((c.y / bucketSize).rounded(.down)))
    }

    static func bounds(of feature: MapFeature) -> BoundingBox {
        switch feature.geometry {
        case .points(let ps): return BoundingBox(points: ps)
        case .lines(let ls): return BoundingBox(points: ls.joined())
        case .polygons(let ps): return BoundingBox(points: ps.lazy.flatMap(\.outer))
        }
    }
}

/// Accumulates triangulated polygons of one bucket.
struct FillBuilder {
    var bounds = BoundingBox.empty
    var points: [Point] = []
    var indices: [Int32] = []

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

    func bucket() -> FillBucket? {
        guard !indices.isEmpty else { return nil }
        let origin = Point(x: bounds.minX, y: bounds.minY)
        var positions: [Float] = []
        positions.reserveCapacity(points.count * 2)
        for p in points {
            positions.append(Float(p.x - origin.x))
            positions.append(Float(p.y - origin.y))
        }
        return FillBucket(bounds: bounds, origin: origin, positions: positions, indices: indices)
    }
}

/// Accumulates stroked lines of one bucket.
struct LineBuilder {
    var bounds = BoundingBox.empty
    var mesh = StrokeMesh()

    mutating func add(_ line: [Point], closed: Bool) {
        mesh.append(line: line, closed: closed)
        for p in line { bounds.include(p) }
    }

    func bucket() -> LineBucket? {
        guard !mesh.indices.isEmpty else { return nil }
        let origin = Point(x: bounds.minX, y: bounds.minY)
        var positions: [Float] = []
        var extrusions: [Float] = []
        positions.reserveCapacity(mesh.vertexCount * 2)
        extrusions.reserveCapacity(mesh.vertexCount * 2)
        for (p, e) in zip(mesh.positions, mesh.extrusions) {
            positions.append(Float(p.x - origin.x))
            positions.append(Float(p.y - origin.y))
            extrusions.append(Float(e.x))
            extrusions.append(Float(e.y))
        }
        return LineBucket(bounds: bounds, origin: origin, positions: positions, extrusions: extrusions, indices: mesh.indices)
    }
}
