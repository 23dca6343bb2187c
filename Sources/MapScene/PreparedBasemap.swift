import MapGeometry

/// Geometry ready to draw: triangles in world units relative to `origin`, stored as Float so that a
/// frame only multiplies and adds. `bounds` (world units) is what culling tests.
public struct FillBucket: Sendable {
    /// The feature class (e.g. a street's `highway` value) when the source is classified.
    public var featureClass: String?
    public var bounds: BoundingBox
    public var origin: Point
    /// x, y per point.
    public var positions: [Float]
    /// Three points a triangle, in 16 bits (half the bytes of 32): a bucket with more points
    /// than they reach is split when prepared (see ``FillBuilder``).
    public var indices: [UInt16]
    /// Parts entirely inside the polygons: minX, minY, maxX, maxY relative to `origin`.
    public var rects: [Float]

    /// The most points one bucket can index.
    public static let maxPoints = Int(UInt16.max) + 1

    public var triangleCount: Int { indices.count / 3 }
    public var pointCount: Int { positions.count / 2 }

    /// Whether every array holds whole points, triangles and rectangles, and the triangles name
    /// only points the bucket has: a frame reads what the indices name.
    var isWellFormed: Bool {
        positions.count % 2 == 0 && indices.count % 3 == 0 && rects.count % 4 == 0
            && (indices.isEmpty || Int(indices.max()!) < pointCount)
    }

    /// Whether a point (relative to `origin`) is in one of the rectangles or triangles.
    func contains(x: Float, y: Float) -> Bool {
        let r = rects
        var i = 0
        while i < r.count {
            if x >= r[i] && y >= r[i + 1] && x <= r[i + 2] && y <= r[i + 3] { return true }
            i += 4
        }
        let v = positions, t = indices
        var k = 0
        while k < t.count {
            let a = Int(t[k]) * 2, b = Int(t[k + 1]) * 2, c = Int(t[k + 2]) * 2
            k += 3
            let ax: Float = v[a], ay: Float = v[a + 1], bx: Float = v[b], by: Float = v[b + 1], cx: Float = v[c], cy: Float = v[c + 1]
            let d1: Float = (x - bx) * (ay - by) - (ax - bx) * (y - by)
            let d2: Float = (x - cx) * (by - cy) - (bx - cx) * (y - cy)
            let d3: Float = (x - ax) * (cy - ay) - (cx - ax) * (y - ay)
            let hasNegative = d1 < 0 || d2 < 0 || d3 < 0
            let hasPositive = d1 > 0 || d2 > 0 || d3 > 0
            if !(hasNegative && hasPositive) { return true }
        }
        return false
    }
}

/// Lines of one bucket as polylines relative to `origin`: drawn as they are when thin, widened
/// to pixels at draw time otherwise (see ``LineStroke``).
public struct LineBucket: Sendable {
    public var featureClass: String?
    public var bounds: BoundingBox
    public var origin: Point
    /// x, y per point; run k is points runStarts[k] ..< runStarts[k + 1].
    public var runPoints: [Float]
    public var runStarts: [Int32]

    /// Whether the runs start at the first point, never go back, and end at the last: a frame
    /// reads the points where the runs say.
    var isWellFormed: Bool {
        runStarts.first == 0 && Int(runStarts.last!) * 2 == runPoints.count
            && zip(runStarts, runStarts.dropFirst()).allSatisfy { $0 <= $1 }
    }

    /// Each run walked as ``LineStroke/walk(_:from:to:segment:bend:)`` walks one polyline: runs are
    /// separate lines, never joined to each other.
    @inline(__always)
    func walkStrokes(segment: (Float, Float, Float, Float, Float, Float) -> Void,
                     bend: (Float, Float, Float, Float, Float, Float) -> Void) {
        for k in 0..<max(0, runStarts.count - 1) {
            LineStroke.walk(runPoints, from: Int(runStarts[k]), to: Int(runStarts[k + 1]), segment: segment, bend: bend)
        }
    }

    /// Triangles of the lines drawn wide: two per segment and two per bend.
    public var triangleCount: Int {
        var count = 0
        walkStrokes(segment: { _, _, _, _, _, _ in count += 2 }, bend: { _, _, _, _, _, _ in count += 2 })
        return count
    }
}

/// One level of detail of one source: geometry simplified for `zoom`, used from one level below it.
public struct DetailLevel: Sendable {
    public var zoom: Double
    public var fills: [FillBucket]
    public var lines: [LineBucket]
}

/// Everything a frame needs from the basemap, prepared once from the source files.
public struct PreparedBasemap: Sendable {
    /// Levels of detail per source name, in increasing zoom.
    public var sources: [String: [DetailLevel]]
    /// Bounds of all the geometry, in world units.
    public var bounds: BoundingBox
    /// Place names to label, biggest first.
    public var towns: [TownLabel]

    public init(sources: [String: [DetailLevel]], bounds: BoundingBox, towns: [TownLabel] = []) {
        self.sources = sources
        self.bounds = bounds
        self.towns = towns
    }

    /// The finest level of detail a shaded source's fills are prepared at (see ``ThematicShading``).
    public static let finestShadeZoom = 10.0

    /// The finest level prepared for a zoom at or below `zoom + 0.25`: its error on screen stays
    /// under one pixel (½ px at its own zoom, doubled per level above it), and no finer than needed.
    public func level(of source: String, atZoom zoom: Double) -> DetailLevel? {
        guard let levels = sources[source], var best = levels.first else { return nil }
        for level in levels where level.zoom <= zoom + 0.25 { best = level }
        return best
    }

    /// What one source covers, in world units (its finest level's buckets); nil without it.
    public func bounds(of source: String) -> BoundingBox? {
        guard let level = sources[source]?.last(where: { !$0.fills.isEmpty || !$0.lines.isEmpty }) else { return nil }
        var box = BoundingBox.empty
        for bucket in level.fills { box.include(bucket.bounds) }
        for bucket in level.lines { box.include(bucket.bounds) }
        return box
    }

    /// The name (class) of the filled feature of `source` under a point in world units, as drawn
    /// at `zoom`: which commune a finger touched. Nil over no feature.
    public func feature(of source: String, at p: Point, zoom: Double) -> String? {
        guard let level = level(of: source, atZoom: min(zoom, Self.finestShadeZoom)) else { return nil }
        for bucket in level.fills where bucket.featureClass != nil && bucket.bounds.contains(p) {
            if bucket.contains(x: Float(p.x - bucket.origin.x), y: Float(p.y - bucket.origin.y)) { return bucket.featureClass }
        }
        return nil
    }

    public var triangleCount: Int {
        sources.values.joined().reduce(0) { total, level in
            total + level.fills.reduce(0) { $0 + $1.triangleCount + $1.rects.count / 2 }
                + level.lines.reduce(0) { $0 + $1.triangleCount }
        }
    }
}

/// A town name placed at its town hall, with the population that sets its priority.
public struct TownLabel: Sendable, Equatable {
    public var name: String
    public var population: Int
    public var position: Point

    public init(name: String, population: Int, position: Point) {
        self.name = name
        self.population = population
        self.position = position
    }
}
