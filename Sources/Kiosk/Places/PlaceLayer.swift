import Foundation
import MapGeometry
import MapScene
import Places

/// The places on the map: their categories, their world positions and their clusters per whole
/// zoom level and filter, computed once and reused while the map pans.
public struct PlaceLayer: Sendable {
    public let directory: PlaceDirectory
    public let categories: [PlaceCategory]
    /// Index of each located place in ``clusterer``'s points, and back.
    let located: [Int]
    let clusterer: MarkerClusterer

    struct CacheKey: Hashable {
        var zoom: Int
        var filter: PlaceDirectory.Filter
    }
    private var cache: [CacheKey: [MarkerClusterer.Cluster]] = [:]

    public init(directory: PlaceDirectory) {
        self.directory = directory
        categories = directory.places.map(PlaceCategory.init)
        located = directory.places.indices.filter { directory.places[$0].coordinate != nil }
        clusterer = MarkerClusterer(points: located.map { WebMercator.project(directory.places[$0].coordinate!) })
    }

    public static let empty = PlaceLayer(directory: PlaceDirectory(places: []))

    /// Clusters (in world units) of the places passing `filter`, for the zoom level of `zoom`;
    /// each member is an index into ``directory``.
    public mutating func clusters(zoom: Double, filter: PlaceDirectory.Filter) -> [MarkerClusterer.Cluster] {
        let key = CacheKey(zoom: Int(zoom.rounded(.down)), filter: filter)
        if let hit = cache[key] { return hit }
        // Every zoom level of one filter fits; an older filter's levels are dropped.
        if cache.count >= 24 { cache.removeAll() }
        let directory = self.directory, located = self.located
        var clusters = clusterer.clusters(atZoom: key.zoom) { directory.matches(located[$0], filter) }
        for i in clusters.indices { clusters[i].members = clusters[i].members.map { located[$0] } }
        cache[key] = clusters
        return clusters
    }
}

extension PlaceDirectory.Filter: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(needs)
        hasher.combine(service)
        hasher.combine(openAt)
    }
}
