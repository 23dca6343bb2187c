import Foundation
import MapGeometry
import MapScene
import Places

/// The places on the map: their world positions, and the clusterer that groups them per whole
/// zoom level.
public struct PlaceLayer: Sendable {
    public let directory: PlaceDirectory
    /// Index of each located place in ``clusterer``'s points, and back.
    let located: [Int]
    let clusterer: MarkerClusterer
    /// Tells one set of places from another (a data reload makes a new layer).
    let identity = Identity()
    final class Identity: Sendable {}

    public init(directory: PlaceDirectory) {
        self.directory = directory
        located = directory.places.indices.filter { directory.places[$0].coordinate != nil }
        clusterer = MarkerClusterer(points: located.map { WebMercator.project(directory.places[$0].coordinate!) })
    }

    public static let empty = PlaceLayer(directory: PlaceDirectory(places: []))

    /// Clusters (in world units) of the places passing `filter`, for each zoom level of `zooms`;
    /// each member is an index into ``directory``. Each level is made when first read (see
    /// ``ClusterLevels``).
    func clusterLevels(zooms: ClosedRange<Int>, filter: PlaceDirectory.Filter) -> ClusterLevels {
        let located = self.located, clusterer = self.clusterer
        // From the clusterer's last clustering level on, every level is the same: made once.
        let distinct = zooms.lowerBound...max(zooms.lowerBound, min(zooms.upperBound, clusterer.maxClusterZoom + 1))
        let test = filter.isEmpty ? nil : directory.matcher(for: filter)
        return ClusterLevels(filter: filter, placesIdentity: identity, zooms: distinct) { zoom in
            var clusters = test.map { test in clusterer.clusters(atZoom: zoom) { test(located[$0]) } } ?? clusterer.clusters(atZoom: zoom)
            for i in clusters.indices { clusters[i].members = clusters[i].members.map { located[$0] } }
            return clusters
        }
    }
}

extension PlaceDirectory.Filter: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(needs)
        hasher.combine(service)
        hasher.combine(openAt)
    }
}
