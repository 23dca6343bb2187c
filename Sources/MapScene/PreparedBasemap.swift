import MapGeometry

/// Geometry ready to draw: triangles in world units relative to `origin`, stored as Float so that a
/// frame only multiplies and adds. `bounds` (world units) is what culling tests.
public struct FillBucket: Sendable {
    public var bounds: BoundingBox
    public var origin: Point
    public var positions: [Float]
    public var indices: [Int32]

    public var triangleCount: Int { indices.count / 3 }
}

/// Stroked lines: centre-line positions plus unit extrusions, widened to pixels at draw time.
public struct LineBucket: Sendable {
    public var bounds: BoundingBox
    public var origin: Point
    public var positions: [Float]
    public var extrusions: [Float]
    public var indices: [Int32]

    public var triangleCount: Int { indices.count / 3 }
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

    public init(sources: [String: [DetailLevel]], bounds: BoundingBox) {
        self.sources = sources
        self.bounds = bounds
    }

    /// The finest level prepared for a zoom at or below `zoom + 1` (its tolerance is then ≤ 1 px).
    public func level(of source: String, atZoom zoom: Double) -> DetailLevel? {
        guard let levels = sources[source], var best = levels.first else { return nil }
        for level in levels where level.zoom <= zoom + 1 { best = level }
        return best
    }
}
