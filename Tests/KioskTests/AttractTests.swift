import Foundation
import Testing
@testable import InputModel
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene

/// The invitation when nobody touches the kiosk: when it starts, how often it draws, and the
/// first touch that ends it without acting on the map.
@Suite struct AttractTests {
    static func kiosk(after: Double? = 120, mode: ScreenMode = .wall) -> Kiosk {
        var settings = VisitorFlowTests.kiosk().settings
        settings.attractAfter = after
        settings.screenMode = mode
        var kiosk = Kiosk(settings: settings, map: KioskFixture.renderer, catalog: KioskFixture.catalog, viewport: KioskFixture.viewport, now: 0)
        kiosk.setPlaces(VisitorFlowTests.places)
        return kiosk
    }

    /// Runs the clock as the live loop does: sleeping until the kiosk's next deadline, drawing
    /// when it asks. Returns the times frames were drawn.
    static func run(_ kiosk: inout Kiosk, from start: Double, to end: Double) -> [Double] {
        var frames: [Double] = []
        var t = start
        while t < end {
            kiosk.advance(to: t)
            if kiosk.needsRedraw {
                frames.append(t)
                kiosk.frameShown()
            }
            let next = kiosk.isAnimating ? t + 1.0 / 120 : (kiosk.nextDeadline ?? end)
            t = max(next, t + 1.0 / 1000)
        }
        return frames
    }

    @Test func itStartsAfterTheDelayAtRest() {
        var kiosk = Self.kiosk()
        kiosk.frameShown()
        #expect(kiosk.nextDeadline == 120, "the shell wakes for it")
        kiosk.advance(to: 119)
        #expect(!kiosk.isAttracting && !kiosk.needsRedraw)
        kiosk.advance(to: 120)
        #expect(kiosk.isAttracting && kiosk.needsRedraw)
        #expect(kiosk.camera.zoom == Kiosk.attractZoom && kiosk.camera.center != kiosk.homeCamera.center)
        let invitation = KioskFixture.catalog.text(.attractInvitation, "fr")
        #expect(kiosk.render().texts.contains { $0.text == invitation })
    }

    @Test func itDrawsAtMostThirtyFramesASecondAndNoneAtRest() {
        var kiosk = Self.kiosk()
        let frames = Self.run(&kiosk, from: 0, to: 240)
        let touring = frames.filter { $0 >= 120 }
        #expect(touring.count > 300, "it moves: \(touring.count) frames in two minutes")
        for second in 120..<240 {
            let inSecond = touring.filter { $0 >= Double(second) && $0 < Double(second + 1) }.count
            #expect(inSecond <= 30, "\(inSecond) frames in second \(second)")
        }
        // It rests over each town: whole seconds without a frame.
        let gaps = zip(touring, touring.dropFirst()).map { $1 - $0 }
        #expect(gaps.contains { $0 >= 5 })
        #expect(frames.filter { $0 > 1 && $0 < 120 }.isEmpty, "nothing is drawn before it starts")
    }

    @Test func theFirstTouchEndsItActsOnNothingAndStartsAFreshVisit() throws {
        var kiosk = Self.kiosk()
        _ = Self.run(&kiosk, from: 0, to: 150)
        #expect(kiosk.isAttracting)
        // A touch right on a place's marker: no card opens.
        let marker = try #require(kiosk.visibleMarkers().first { $0.members.count == 1 })
        kiosk.handle(.fingerDown(id: 4, position: marker.center), at: 150)
        kiosk.advance(to: 150.03)
        kiosk.handle(.fingerUp(id: 4, position: marker.center), at: 150.05)
        kiosk.advance(to: 150.6)
        #expect(!kiosk.isAttracting && kiosk.panel == .none)
        #expect(kiosk.camera.center == kiosk.homeCamera.center && kiosk.camera.zoom == kiosk.homeCamera.zoom)
        #expect(kiosk.idle == .inUse(lastTouch: 150.05), "a fresh visit, counted from the touch")
        // The visit runs its course; after the next reset, the invitation comes back in time.
        _ = Self.run(&kiosk, from: 150.6, to: 150 + 90 + 10 + 1)
        #expect(kiosk.idle == .atRest && !kiosk.isAttracting)
        _ = Self.run(&kiosk, from: 251, to: 251 + 121)
        #expect(kiosk.isAttracting)
    }

    @Test func offItNeverStarts() {
        var kiosk = Self.kiosk(after: nil)
        let frames = Self.run(&kiosk, from: 0, to: 600)
        #expect(!kiosk.isAttracting && frames.count <= 1 && kiosk.nextDeadline == nil)
    }

    @Test func onATableItInvitesFromBothSides() {
        var kiosk = Self.kiosk(mode: .table)
        kiosk.advance(to: 120)
        let invitation = KioskFixture.catalog.text(.attractInvitation, "fr")
        let lines = kiosk.render().texts.filter { $0.text == invitation }
        #expect(lines.count == 2 && lines.filter(\.turned).count == 1)
        #expect(lines.contains { !$0.turned && $0.anchor.y > KioskFixture.viewport.height / 2 })
        #expect(lines.contains { $0.turned && $0.anchor.y < KioskFixture.viewport.height / 2 })
    }
}
