import MapGeometry

/// Groups nearby markers into clusters, per whole zoom level, on a grid fixed to the world (not
/// to the screen): clusters do not change while the map pans, and are computed once per zoom
/// level and filter, not per frame.
///
/// ```swift
/// var clusterer = MarkerClusterer(points: places.map { WebMercator.project($0.coordinate) })
/// let groups = clusterer.clusters(atZoom: 9, including: visible)   // [Cluster] in world units
/// ```
public struct MarkerClusterer: Sendable {
    public struct Cluster: Sendable, Equatable {
        /// Mean position of the members, in zoom-0 world units.
        public var center: Point
        /// Indices into the points the clusterer was made with.
        public var members: [Int]
        public var count: Int { members.count }
    }

    /// World positions (zoom-0 world units) of every marker.
    public let points: [Point]
    /// Grid cell size, in screen pixels at the cluster's zoom level.
    public var cellSize: Double
    /// From this zoom on, every marker stands alone.
    public var maxClusterZoom: Int

    public init(points: [Point], cellSize: Double = 72, maxClusterZoom: Int = 13) {
        self.points = points
        self.cellSize = cellSize
        self.maxClusterZoom = maxClusterZoom
    }

    /// Clusters of the markers whose index passes `include`, for the whole zoom level `zoom`.
    /// Single markers come out as clusters of one.
    public func clusters(atZoom zoom: Int, including include: (Int) -> Bool = { _ in true }) -> [Cluster] {
        if zoom >= maxClusterZoom {
            return points.indices.filter(include).map { Cluster(center: points[$0], members: [$0]) }
        }
        let cell = cellSize / WebMercator.scale(atZoom: Double(zoom))
        var cells: [Int64: Int] = [:]
        var clusters: [Cluster] = []
        var sums: [Point] = []
        for i in points.indices where include(i) {
            let p = points[i]
            let key = Int64((p.x / cell).rounded(.down)) << 32 | Int64((p.y / cell).rounded(.down)) & 0xFFFF_FFFF
            if let at = cells[key] {
                clusters[at].members.append(i)
                sums[at] = sums[at] + p
            } else {
                cells[key] = clusters.count
                clusters.append(Cluster(center: p, members: [i]))
                sums.append(p)
            }
        }
        for i in clusters.indices where clusters[i].count > 1 {
            clusters[i].center = sums[i] / Double(clusters[i].count)
        }
        return clusters
    }
}
