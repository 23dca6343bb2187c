import Foundation
import Testing
@testable import Kiosk
@testable import MapScene
@testable import Places

/// Cluster levels are made when first drawn, and ahead of that on a spare core once the shell
/// asks: a start waits for the level on screen only, and every level is the one a direct
/// clustering gives.
@Suite struct ClusterLevelsTests {
    /// Every zoom level the kiosk's camera can reach, as `refreshClusters` asks for them.
    static func zooms(_ kiosk: Kiosk) -> ClosedRange<Int> { kiosk.clusterLevels.zooms }

    /// The clusters of `zoom` made straight from the clusterer, members as directory indices.
    static func direct(_ kiosk: Kiosk, zoom: Int, filter: PlaceDirectory.Filter = .init()) -> [MarkerClusterer.Cluster] {
        let layer = kiosk.placeLayer
        let test = layer.directory.matcher(for: filter)
        return layer.clusterer.clusters(atZoom: zoom) { test(layer.located[$0]) }.map { cluster in
            MarkerClusterer.Cluster(center: cluster.center, members: cluster.members.map { layer.located[$0] })
        }
    }

    @Test func aStartMakesTheLevelOnScreenOnly() throws {
        var kiosk = VisitorFlowTests.kiosk()
        _ = kiosk.render()
        let zooms = Self.zooms(kiosk)
        let shown = Int(kiosk.camera.zoom.rounded(.down))
        #expect(zooms.count > 3, "levels from the widest view to the last clustering one")
        #expect(kiosk.clusterLevels.isMade(atZoom: shown))
        #expect(zooms.filter { kiosk.clusterLevels.isMade(atZoom: $0) } == [shown], "no other level before it is needed")

        kiosk.clusterLevels.makeRemainingLevels()
        for zoom in zooms {
            #expect(kiosk.clusterLevels.isMade(atZoom: zoom))
            #expect(kiosk.clusterLevels.clusters(atZoom: Double(zoom) + 0.5) == Self.direct(kiosk, zoom: zoom), "zoom \(zoom)")
        }
        // Beyond the range: the nearest level there is.
        #expect(kiosk.clusterLevels.clusters(atZoom: 30) == Self.direct(kiosk, zoom: zooms.upperBound))
        #expect(kiosk.clusterLevels.clusters(atZoom: 1) == Self.direct(kiosk, zoom: zooms.lowerBound))
    }

    @Test func aLevelIsMadeWhenThePinchReachesIt() throws {
        var kiosk = VisitorFlowTests.kiosk()
        _ = kiosk.render()
        let cluster = try #require(kiosk.visibleMarkers().max { $0.members.count < $1.members.count })
        let before = Int(kiosk.camera.zoom.rounded(.down))
        kiosk.tap(at: cluster.center, time: 1)
        _ = kiosk.settle(from: 1.5)
        _ = kiosk.render()
        let after = Int(kiosk.camera.zoom.rounded(.down))
        #expect(after > before)
        #expect(kiosk.clusterLevels.isMade(atZoom: after))
        #expect(kiosk.clusterLevels.clusters(atZoom: kiosk.camera.zoom) == Self.direct(kiosk, zoom: after))
    }

    /// Waits (without a deadline that a slow machine could miss) for every level to be made.
    static func awaitEveryLevel(_ kiosk: Kiosk) async throws {
        let zooms = Self.zooms(kiosk)
        for _ in 0..<6_000 where !zooms.allSatisfy(kiosk.clusterLevels.isMade(atZoom:)) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(zooms.allSatisfy(kiosk.clusterLevels.isMade(atZoom:)), "every level made within a minute")
    }

    @Test func aheadTheLevelsAreMadeForThisFilterAndTheNext() async throws {
        var kiosk = VisitorFlowTests.kiosk()
        _ = kiosk.render()
        kiosk.prepareAhead()
        try await Self.awaitEveryLevel(kiosk)
        for zoom in Self.zooms(kiosk) {
            #expect(kiosk.clusterLevels.clusters(atZoom: Double(zoom)) == Self.direct(kiosk, zoom: zoom), "zoom \(zoom)")
        }

        // A need chosen: new levels for the new filter, made ahead too, and only its places in them.
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:chip:procedures""#])
        let filter = try #require(kiosk.clusterLevels.filter)
        #expect(!filter.isEmpty)
        try await Self.awaitEveryLevel(kiosk)
        let widest = Self.zooms(kiosk).lowerBound
        #expect(kiosk.clusterLevels.clusters(atZoom: Double(widest)) == Self.direct(kiosk, zoom: widest, filter: filter))
        let members = kiosk.clusterLevels.clusters(atZoom: Double(widest)).flatMap(\.members)
        #expect(!members.isEmpty && members.count < kiosk.placeLayer.directory.count)
        #expect(members.allSatisfy { kiosk.placeLayer.directory.matches($0, filter) })
    }
}
