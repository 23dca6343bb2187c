import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene

@Suite struct KioskScreenTests {
    @Test func idleWarningThenResetForgetsTheVisitor() {
        var kiosk = KioskFixture.make()
        let home = kiosk.camera
        // A visitor pans, zooms and switches to English.
        kiosk.play([(1, .fingerDown(id: 1, position: Point(x: 800, y: 500))),
                    (1.1, .fingerMotion(id: 1, position: Point(x: 600, y: 300))),
                    (1.5, .fingerUp(id: 1, position: Point(x: 600, y: 300))),
                    (2, .wheel(notches: 2, position: Point(x: 700, y: 400)))])
        let english = kiosk.layout.controls[.language]!.center
        kiosk.play([(3, .fingerDown(id: 2, position: english)), (3.1, .fingerUp(id: 2, position: english))])
        #expect(kiosk.language == "en")
        #expect(kiosk.camera != home)

        kiosk.advance(to: 3.1 + 89)
        #expect(kiosk.idle == .inUse(lastTouch: 3.1))
        kiosk.advance(to: 3.1 + 90)
        guard case .warning = kiosk.idle else { Issue.record("no warning after 90 s"); return }
        let frame = kiosk.render()
        #expect(frame.texts.contains { $0.text == "Touch the screen to continue" })
        kiosk.advance(to: 3.1 + 100)
        #expect(kiosk.idle == .atRest)
        #expect(kiosk.language == "fr")
        #expect(kiosk.camera == home)
    }

    @Test func touchDuringWarningKeepsTheVisitorsState() {
        var kiosk = KioskFixture.make()
        kiosk.play([(0, .wheel(notches: 1, position: Point(x: 700, y: 400)))])
        let zoomed = kiosk.camera
        kiosk.advance(to: 95)
        guard case .warning = kiosk.idle else { Issue.record("no warning"); return }
        kiosk.play([(96, .fingerDown(id: 5, position: Point(x: 900, y: 500))),
                    (96.05, .fingerMotion(id: 5, position: Point(x: 950, y: 500))),
                    (96.1, .fingerUp(id: 5, position: Point(x: 950, y: 500)))])
        #expect(kiosk.idle == .inUse(lastTouch: 96.1))
        #expect(kiosk.camera == zoomed, "the touch that dismisses the warning does not move the map")
        kiosk.advance(to: 120)
        #expect(kiosk.camera == zoomed)
    }

    @Test func untouchedKioskNeverWarns() {
        var kiosk = KioskFixture.make()
        kiosk.advance(to: 10_000)
        #expect(kiosk.idle == .atRest)
        #expect(kiosk.nextDeadline == nil, "nothing to wake up for: the loop can sleep")
    }

    @Test func buttonsZoomAndComeHome() {
        var kiosk = KioskFixture.make()
        let zoom = kiosk.camera.zoom
        let plus = kiosk.layout.controls[.zoomIn]!.center
        kiosk.play([(0, .fingerDown(id: 1, position: plus)), (0.1, .fingerUp(id: 1, position: plus))])
        _ = kiosk.settle(from: 0.1)
        #expect(abs(kiosk.camera.zoom - (zoom + 1)) < 1e-9)
        let home = kiosk.layout.controls[.home]!.center
        kiosk.play([(1, .fingerDown(id: 2, position: home)), (1.1, .fingerUp(id: 2, position: home))])
        #expect(kiosk.camera == kiosk.homeCamera)
    }

    @Test func slidingOffAButtonCancelsIt() {
        var kiosk = KioskFixture.make()
        let plus = kiosk.layout.controls[.zoomIn]!
        let before = kiosk.camera
        kiosk.play([(0, .fingerDown(id: 1, position: plus.center)),
                    (0.05, .fingerMotion(id: 1, position: Point(x: plus.minX - 200, y: plus.center.y))),
                    (0.1, .fingerUp(id: 1, position: Point(x: plus.minX - 200, y: plus.center.y)))])
        _ = kiosk.settle(from: 0.1)
        #expect(kiosk.camera == before)
    }

    /// Every control is at least 9 mm on each side, on a kiosk and on a 4K table.
    @Test func touchTargetsAreLargeEnough() {
        for (size, diagonal) in [(Size(width: 1920, height: 1080), 24.0), (Size(width: 3840, height: 2160), 55.0),
                                 (Size(width: 1366, height: 768), 15.6)] {
            var settings = KioskFixture.settings
            settings.screenDiagonalInches = diagonal
            var kiosk = Kiosk(settings: settings, map: KioskFixture.renderer, catalog: KioskFixture.catalog,
                              viewport: size, now: 0)
            kiosk.advance(to: 0)
            let minimum = kiosk.metrics.px(ScreenMetrics.minimumTargetMillimetres)
            for (control, rect) in kiosk.layout.controls {
                #expect(rect.width >= minimum && rect.height >= minimum, "\(control) is smaller than 9 mm")
                #expect(rect.maxX <= size.width && rect.maxY <= size.height, "\(control) is off screen")
            }
        }
    }

    @Test func renderOnDemand() {
        var kiosk = KioskFixture.make()
        let before = kiosk
        let frame = kiosk.render()
        #expect(kiosk.needsRedraw && kiosk.visitor == before.visitor, "rendering changes nothing")
        #expect(kiosk.render() == frame, "the same state draws the same frame")
        // A frame is plain data: a second kiosk given the same input draws the very same frame,
        // and a finger that moves the map changes it.
        var twin = KioskFixture.make()
        #expect(twin.render() == frame)
        twin.handle(.fingerDown(id: 1, position: Point(x: 800, y: 500)), at: 0.5)
        twin.handle(.fingerMotion(id: 1, position: Point(x: 860, y: 500)), at: 0.52)
        #expect(twin.render() != frame)
        guard case .basemap(let request)? = frame.items.first else { Issue.record("the basemap comes first"); return }
        #expect(request.camera == kiosk.camera && request.map == kiosk.map.identity)
        kiosk.frameShown()
        kiosk.advance(to: 1)
        #expect(!kiosk.needsRedraw, "nothing moved: nothing to draw")
        kiosk.handle(.fingerDown(id: 1, position: Point(x: 800, y: 500)), at: 1.1)
        kiosk.handle(.fingerMotion(id: 1, position: Point(x: 820, y: 500)), at: 1.12)
        #expect(kiosk.needsRedraw)
    }

    @Test func everyCatalogDefinesEveryKey() throws {
        for code in ["fr", "en"] {
            let url = KioskFixture.root.appendingPathComponent("assets/strings/\(code).json")
            let table = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
            for key in StringCatalog.Key.allCases {
                #expect(!(table[key.rawValue] ?? "").isEmpty, "\(code).json lacks \(key.rawValue)")
            }
        }
    }

    @Test func frenchTextKeepsItsAccents() {
        let kiosk = KioskFixture.make()
        var copy = kiosk
        let texts = copy.render().texts.map(\.text)
        #expect(texts.contains("Où trouver de l'aide pour vos démarches en ligne\u{00A0}?"))
    }
}
