import Foundation
import MapGeometry
import MapScene
import Places

/// The places on the map: their categories, their world positions, and the clusterer that groups
/// them per whole zoom level.
public struct PlaceLayer: Sendable {
    public let directory: PlaceDirectory
    public let categories: [PlaceCategory]
    /// Index of each located place in ``clusterer``'s points, and back.
    let located: [Int]
    let clusterer: MarkerClusterer
    /// Tells one set of places from another (a data reload makes a new layer).
    let identity = Identity()
    final class Identity: Sendable {}

    public init(directory: PlaceDirectory) {
        self.directory = directory
        // Each a few text searches: on every core, as with many places they add up. By index:
        // each place is read where it is, not copied for the call.
        let places = directory.places
        categories = ChunkedMap.map(Array(places.indices)) { PlaceCategory(places[$0]) }
        located = directory.places.indices.filter { directory.places[$0].coordinate != nil }
        clusterer = MarkerClusterer(points: located.map { WebMercator.project(directory.places[$0].coordinate!) })
    }

    public static let empty = PlaceLayer(directory: PlaceDirectory(places: []))

    /// Clusters (in world units) of the places passing `filter`, for each zoom level of `zooms`;
    /// each member is an index into ``directory``.
    func clusterLevels(zooms: ClosedRange<Int>, filter: PlaceDirectory.Filter) -> ClusterLevels {
        let located = self.located
        // From the clusterer's last clustering level on, every level is the same: made once.
        let distinct = zooms.lowerBound...max(zooms.lowerBound, min(zooms.upperBound, clusterer.maxClusterZoom + 1))
        let test = filter.isEmpty ? nil : directory.matcher(for: filter)
        // Each level on a core of its own: with many places, each is a pass over all of them.
        let levels = ChunkedMap.mapEach(Array(distinct)) { zoom in
            var clusters = test.map { test in clusterer.clusters(atZoom: zoom) { test(located[$0]) } } ?? clusterer.clusters(atZoom: zoom)
            for i in clusters.indices { clusters[i].members = clusters[i].members.map { located[$0] } }
            return clusters
        }
        return ClusterLevels(filter: filter, placesIdentity: identity, lowestZoom: distinct.lowerBound, levels: levels)
    }
}

/// Clusters per whole zoom level for one filter: made when the filter or the places change,
/// read by drawing and hit-testing.
struct ClusterLevels: Sendable {
    var filter: PlaceDirectory.Filter?
    var placesIdentity: PlaceLayer.Identity?
    var lowestZoom = 0
    var levels: [[MarkerClusterer.Cluster]] = []

    static let empty = ClusterLevels()

    /// The clusters of the zoom level `zoom` falls in (the nearest level made, beyond the range).
    func clusters(atZoom zoom: Double) -> [MarkerClusterer.Cluster] {
        guard !levels.isEmpty else { return [] }
        let level = Int(zoom.rounded(.down)) - lowestZoom
        return levels[min(max(level, 0), levels.count - 1)]
    }
}

extension PlaceDirectory.Filter: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(needs)
        hasher.combine(service)
        hasher.combine(openAt)
    }
}
