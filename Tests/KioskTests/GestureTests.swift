import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene

@Suite struct GestureTests {
    /// Pan follows the finger exactly: the world point under the finger stays under it.
    @Test func panFollowsTheFinger() {
        var kiosk = KioskFixture.make()
        let start = Point(x: 800, y: 500)
        let anchor = kiosk.camera.worldPoint(atScreen: start)
        var events: [(Double, InputEvent)] = [(0, .fingerDown(id: 1, position: start))]
        var p = start
        for i in 1...30 {
            p = start + Point(x: Double(i) * 4, y: Double(i) * 2)
            events.append((Double(i) / 120, .fingerMotion(id: 1, position: p)))
        }
        kiosk.play(events)
        #expect(kiosk.camera.screenPoint(of: anchor).distance(to: p) < 0.5)
    }

    /// A real two-finger pinch through the recogniser keeps the centroid's map point fixed (< 0.5 px).
    @Test func pinchKeepsThePointUnderTheFingersFixed() {
        var kiosk = KioskFixture.make()
        let center = Point(x: 700, y: 420)
        let anchor = kiosk.camera.worldPoint(atScreen: center)
        var events: [(Double, InputEvent)] = [
            (0, .fingerDown(id: 1, position: center - Point(x: 50, y: 10))),
            (0.01, .fingerDown(id: 2, position: center + Point(x: 50, y: 10))),
        ]
        for i in 1...40 {
            let d = 50 + Double(i) * 6
            let t = 0.01 + Double(i) / 120
            events.append((t, .fingerMotion(id: 1, position: center - Point(x: d, y: d / 5))))
            events.append((t + 0.002, .fingerMotion(id: 2, position: center + Point(x: d, y: d / 5))))
        }
        let zoomBefore = kiosk.camera.zoom
        kiosk.play(events)
        #expect(kiosk.camera.zoom > zoomBefore + 2)
        #expect(kiosk.camera.screenPoint(of: anchor).distance(to: center) < 0.5)
    }

    /// A third finger, or a palm resting, does not make the map jump.
    @Test func thirdFingerDoesNotJump() {
        var kiosk = KioskFixture.make()
        kiosk.play([(0, .fingerDown(id: 1, position: Point(x: 600, y: 400))),
                    (0.01, .fingerDown(id: 2, position: Point(x: 900, y: 400))),
                    (0.02, .fingerMotion(id: 1, position: Point(x: 590, y: 400)))])
        let before = kiosk.camera
        // A palm lands far away and moves, then lifts: the map must not move.
        kiosk.play([(0.05, .fingerDown(id: 3, position: Point(x: 1500, y: 900))),
                    (0.06, .fingerMotion(id: 3, position: Point(x: 1300, y: 600))),
                    (0.07, .fingerUp(id: 3, position: Point(x: 1300, y: 600)))])
        #expect(kiosk.camera == before)
        // One of the two driving fingers lifts: the other continues panning from where it is, no jump.
        kiosk.play([(0.08, .fingerUp(id: 1, position: Point(x: 590, y: 400)))])
        #expect(kiosk.camera == before)
        kiosk.play([(0.09, .fingerMotion(id: 2, position: Point(x: 905, y: 400)))])
        #expect(abs(kiosk.camera.screenPoint(of: before.center).x - (before.screenPoint(of: before.center).x + 5)) < 1e-6)
    }

    @Test func doubleTapZoomsInOneLevelAtTheTap() {
        var kiosk = KioskFixture.make()
        let tap = Point(x: 1100, y: 300)
        // The zoom centres on the second tap, where the finger last was.
        let anchor = kiosk.camera.worldPoint(atScreen: tap + Point(x: 3, y: 2))
        let zoom = kiosk.camera.zoom
        kiosk.play([(0, .fingerDown(id: 1, position: tap)), (0.08, .fingerUp(id: 1, position: tap)),
                    (0.2, .fingerDown(id: 2, position: tap + Point(x: 3, y: 2))),
                    (0.27, .fingerUp(id: 2, position: tap + Point(x: 3, y: 2)))])
        _ = kiosk.settle(from: 0.27)
        #expect(abs(kiosk.camera.zoom - (zoom + 1)) < 1e-9)
        #expect(kiosk.camera.screenPoint(of: anchor).distance(to: tap + Point(x: 3, y: 2)) < 0.5)
    }

    @Test func twoFingerTapZoomsOut() {
        var kiosk = KioskFixture.make()
        kiosk.show(center: GeoCoordinate(latitude: 50.63, longitude: 3.06), zoom: 11)
        kiosk.play([(0, .fingerDown(id: 1, position: Point(x: 900, y: 500))),
                    (0.02, .fingerDown(id: 2, position: Point(x: 1000, y: 500))),
                    (0.12, .fingerUp(id: 1, position: Point(x: 900, y: 500))),
                    (0.13, .fingerUp(id: 2, position: Point(x: 1000, y: 500)))])
        _ = kiosk.settle(from: 0.13)
        #expect(abs(kiosk.camera.zoom - 10) < 1e-9)
    }

    /// After a fling the map glides, slows down and stops by itself.
    @Test func inertiaGlidesThenStops() {
        var kiosk = KioskFixture.make()
        kiosk.show(center: GeoCoordinate(latitude: 50.2, longitude: 2.8), zoom: 9)
        var events: [(Double, InputEvent)] = [(0, .fingerDown(id: 1, position: Point(x: 1200, y: 500)))]
        for i in 1...12 { events.append((Double(i) / 120, .fingerMotion(id: 1, position: Point(x: 1200 - Double(i) * 15, y: 500)))) }
        events.append((13.0 / 120, .fingerUp(id: 1, position: Point(x: 1020, y: 500))))
        kiosk.play(events)
        let atRelease = kiosk.camera.center
        #expect(kiosk.isAnimating)
        let end = kiosk.settle(from: 13.0 / 120)
        #expect(!kiosk.isAnimating, "the glide must stop")
        #expect(end < 3, "friction stops a flick within a few seconds")
        #expect(kiosk.camera.center.x > atRelease.x, "the map keeps moving the way the finger went")
    }

    /// A finger that stops before lifting does not throw the map.
    @Test func restingFingerDoesNotFling() {
        var kiosk = KioskFixture.make()
        kiosk.play([(0, .fingerDown(id: 1, position: Point(x: 800, y: 500))),
                    (0.05, .fingerMotion(id: 1, position: Point(x: 900, y: 500))),
                    (0.40, .fingerUp(id: 1, position: Point(x: 900, y: 500)))])
        #expect(!kiosk.isAnimating)
    }

    @Test func wheelZoomsAroundTheCursor() {
        var kiosk = KioskFixture.make()
        let p = Point(x: 1000, y: 400)
        let anchor = kiosk.camera.worldPoint(atScreen: p)
        kiosk.play([(0, .wheel(notches: 2, position: p))])
        #expect(abs(kiosk.camera.zoom - 9.3) < 1e-9)
        #expect(kiosk.camera.screenPoint(of: anchor).distance(to: p) < 0.5)
    }

    @Test func mouseDragPans() {
        var kiosk = KioskFixture.make()
        let anchor = kiosk.camera.worldPoint(atScreen: Point(x: 800, y: 500))
        kiosk.play([(0, .mouseDown(position: Point(x: 800, y: 500))),
                    (0.05, .mouseMotion(position: Point(x: 850, y: 520))),
                    (0.5, .mouseUp(position: Point(x: 850, y: 520)))])
        #expect(kiosk.camera.screenPoint(of: anchor).distance(to: Point(x: 850, y: 520)) < 0.5)
    }
}
