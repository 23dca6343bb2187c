import MapGeometry
import Testing
@testable import MapScene

/// Markers grouped on a grid fixed to the world, per whole zoom level.
struct MarkerClustererTests {
    /// At zoom 0 a cell is `cellSize` world units wide (one pixel, one world unit).
    @Test func markersInOneCellMakeOneClusterAtTheirMean() {
        let clusterer = MarkerClusterer(points: [Point(x: 1, y: 1), Point(x: 3, y: 5), Point(x: 50, y: 50), Point(x: 2, y: 3)],
                                        cellSize: 10, maxClusterZoom: 5)
        let clusters = clusterer.clusters(atZoom: 0)
        #expect(clusters.map(\.members) == [[0, 1, 3], [2]], "in the order of their first marker, members in order")
        #expect(clusters[0].center == Point(x: 2, y: 3) && clusters[1].center == Point(x: 50, y: 50))
        // One zoom level in, cells are half as wide in the world: (3, 5) falls in the next row.
        #expect(clusterer.clusters(atZoom: 1).map(\.members) == [[0, 3], [1], [2]])
    }

    /// The grid is the world's, not the screen's: a cell's edge splits neighbours whatever the view.
    @Test func aCellEdgeSplitsNeighbours() {
        let clusterer = MarkerClusterer(points: [Point(x: 9.999, y: 0), Point(x: 10.001, y: 0)], cellSize: 10, maxClusterZoom: 5)
        #expect(clusterer.clusters(atZoom: 0).count == 2)
        #expect(MarkerClusterer(points: clusterer.points, cellSize: 40, maxClusterZoom: 5).clusters(atZoom: 0).count == 1)
    }

    @Test func onlyIncludedMarkersAndEachAloneFromTheLastLevel() {
        let points = (0..<6).map { Point(x: Double($0), y: 0) }
        let clusterer = MarkerClusterer(points: points, cellSize: 100, maxClusterZoom: 3)
        #expect(clusterer.clusters(atZoom: 2) { $0 % 2 == 0 }.map(\.members) == [[0, 2, 4]])
        #expect(clusterer.clusters(atZoom: 2) { _ in false }.isEmpty)
        let alone = clusterer.clusters(atZoom: 3) { $0 != 1 }
        #expect(alone.map(\.members) == [[0], [2], [3], [4], [5]])
        #expect(alone.map(\.center) == [0, 2, 3, 4, 5].map { points[$0] })
    }
}
