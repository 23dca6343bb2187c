import Foundation
import Testing
@testable import MapGeometry
@testable import MapScene

/// A tiny deterministic generator, so property tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct CameraTests {
    let viewport = Size(width: 1920, height: 1080)

    @Test func screenWorldRoundTrip() {
        let c = Camera(coordinate: GeoCoordinate(latitude: 50.63, longitude: 3.06), zoom: 11.3, bearing: 25, viewport: viewport)
        for p in [Point(x: 0, y: 0), Point(x: 1919, y: 1079), Point(x: 333, y: 777)] {
            #expect(c.screenPoint(of: c.worldPoint(atScreen: p)).distance(to: p) < 1e-6)
        }
        #expect(c.screenPoint(of: c.center).distance(to: viewport.center) < 1e-9)
    }

    @Test func webMapZoomConvention() {
        // At zoom z the world is 256·2^z pixels wide: 360° of longitude span that many pixels.
        let c = Camera(coordinate: GeoCoordinate(latitude: 0, longitude: 0), zoom: 3, viewport: viewport)
        let west = c.screenPoint(of: WebMercator.project(GeoCoordinate(latitude: 0, longitude: -180)))
        let east = c.screenPoint(of: WebMercator.project(GeoCoordinate(latitude: 0, longitude: 180)))
        #expect(abs((east.x - west.x) - 256 * 8) < 1e-6)
    }

    /// Property: pinching keeps the world point under the fingers' centroid under it (< 0.5 px).
    /// The limits here are the whole world, so that no clamping interferes (clamping has its own test).
    @Test func pinchKeepsCentroidFixed() {
        let world = CameraConstraints(bounds: BoundingBox(minX: 0, minY: 0, maxX: 256, maxY: 256),
                                      minZoom: 0, maxZoom: 22, allowsRotation: true)
        var rng = SplitMix64(state: 42)
        for _ in 0..<500 {
            let start = Camera(coordinate: GeoCoordinate(latitude: .random(in: 44...49, using: &rng),
                                                         longitude: .random(in: -1...7, using: &rng)),
                               zoom: .random(in: 5...15, using: &rng), bearing: .random(in: -180...180, using: &rng),
                               viewport: viewport)
            let from = Point(x: .random(in: 0...1920, using: &rng), y: .random(in: 0...1080, using: &rng))
            let to = from + Point(x: .random(in: -40...40, using: &rng), y: .random(in: -40...40, using: &rng))
            let anchor = start.worldPoint(atScreen: from)
            let moved = start.moving(from: from, to: to, zoomDelta: .random(in: -1...1, using: &rng),
                                     rotationDelta: .random(in: -10...10, using: &rng), within: world)
            #expect(moved.screenPoint(of: anchor).distance(to: to) < 0.5)
        }
    }

    @Test func clampsZoomAndRegion() {
        let hdf = CameraConstraints(west: 1.38, south: 48.83, east: 4.26, north: 51.09, minZoom: 7, maxZoom: 17)
        let start = Camera(coordinate: GeoCoordinate(latitude: 50, longitude: 2.8), zoom: 8, viewport: viewport)
        let far = start.moving(from: Point(x: 0, y: 0), to: Point(x: 50_000, y: 50_000), within: hdf)
        #expect(hdf.bounds.contains(far.center))
        let zoomedOut = start.moving(from: viewport.center, to: viewport.center, zoomDelta: -10, within: hdf)
        #expect(zoomedOut.zoom == 7)
        let zoomedIn = start.moving(from: viewport.center, to: viewport.center, zoomDelta: 30, within: hdf)
        #expect(zoomedIn.zoom == 17)
        let turned = start.moving(from: viewport.center, to: viewport.center, rotationDelta: 30, within: hdf)
        #expect(turned.bearing == 0, "rotation is off unless the configuration allows it")
    }

    @Test func visibleBoundsCoverTheRotatedViewport() {
        let c = Camera(coordinate: GeoCoordinate(latitude: 50, longitude: 3), zoom: 10, bearing: 45, viewport: viewport)
        let box = c.visibleBounds
        for p in [Point(x: 0, y: 0), Point(x: 1920, y: 0), Point(x: 1920, y: 1080), Point(x: 0, y: 1080)] {
            #expect(box.expanded(by: 1e-12).contains(c.worldPoint(atScreen: p)))
        }
    }
}
