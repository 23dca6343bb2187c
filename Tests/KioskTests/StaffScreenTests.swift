import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene

@Suite struct StaffScreenTests {
    func kiosk() -> Kiosk {
        var settings = KioskFixture.settings
        settings.staff = StaffAccess(holdSeconds: 3, verifyPIN: { $0 == "2468" })
        return Kiosk(settings: settings, map: KioskFixture.renderer, catalog: KioskFixture.catalog,
                     viewport: KioskFixture.viewport, now: 0)
    }

    func threeFingerHold(_ kiosk: inout Kiosk, at t: Double, hold: Double = 3.1, moving: Bool = false) {
        kiosk.play([(t, .fingerDown(id: 1, position: Point(x: 700, y: 400))),
                    (t + 0.02, .fingerDown(id: 2, position: Point(x: 800, y: 400))),
                    (t + 0.04, .fingerDown(id: 3, position: Point(x: 900, y: 420)))])
        if moving { kiosk.play([(t + 0.5, .fingerMotion(id: 3, position: Point(x: 1100, y: 600)))]) }
        kiosk.advance(to: t + hold)
    }

    mutating func tap(_ kiosk: inout Kiosk, _ control: StaffControl, at t: Double) {
        let p = kiosk.staffLayout.controls[control]!.center
        kiosk.play([(t, .fingerDown(id: 90, position: p)), (t + 0.05, .fingerUp(id: 90, position: p))])
    }

    @Test mutating func threeFingersHeldOpenThePINPad() {
        var k = kiosk()
        threeFingerHold(&k, at: 1, hold: 2.5)
        #expect(k.screen == .map, "not before the hold time")
        k.advance(to: 4.1)
        #expect(k.screen == .pinPad)
        var moved = kiosk()
        threeFingerHold(&moved, at: 1, moving: true)
        #expect(moved.screen == .map, "fingers that move are a pinch, not the staff gesture")
    }

    @Test mutating func rightPINOpensTheStaffScreenAndReloadIsAnEffect() {
        var k = kiosk()
        threeFingerHold(&k, at: 1)
        for (i, d) in [2, 4, 6, 8].enumerated() { tap(&k, .digit(d), at: 5 + Double(i)) }
        #expect(k.pinEntry == "2468")
        tap(&k, .confirm, at: 10)
        #expect(k.screen == .staff)
        // The screen's lines are read by the shell (an effect), not by the state machine.
        #expect(k.takeEffects() == [.staffReport] && k.staffLines.isEmpty)
        k.receive(.staffReport([StaffReportLine("Version", "test")]))
        #expect(k.staffLines == ["Version : test"])
        tap(&k, .reload, at: 11)
        #expect(k.takeEffects() == [.reloadData, .staffReport])
        #expect(k.takeEffects().isEmpty, "an effect is handed over once")
        tap(&k, .close, at: 12)
        #expect(k.screen == .map)
    }

    /// "Placer la borne": staff touch the map where the kiosk stands; "Près d'ici" measures from
    /// there, and the shell is asked to keep it. "Envoyer les avis" asks the shell to sync now.
    @Test mutating func staffPlaceTheKioskAndSyncNow() {
        var k = kiosk()
        threeFingerHold(&k, at: 1)
        for (i, d) in [2, 4, 6, 8].enumerated() { tap(&k, .digit(d), at: 5 + Double(i)) }
        tap(&k, .confirm, at: 10)
        tap(&k, .syncNow, at: 11)
        #expect(k.takeEffects() == [.staffReport, .syncNow, .staffReport])
        tap(&k, .placeKiosk, at: 12)
        #expect(k.screen == .placingKiosk)
        let spot = Point(x: 600, y: 500)
        let expected = WebMercator.unproject(k.camera.worldPoint(atScreen: spot))
        k.play([(13, .fingerDown(id: 7, position: spot)), (13.05, .fingerUp(id: 7, position: spot))])
        k.advance(to: 14)   // past the double-tap window: a single tap
        #expect(k.screen == .map)
        #expect(k.takeEffects() == [.setKioskLocation(latitude: expected.latitude, longitude: expected.longitude)])
        #expect(k.settings.kioskLocation == expected && k.nearbyCenter == expected)
    }

    /// Five wrong PINs lock the pad for five minutes, across a visitor reset too.
    @Test mutating func fiveWrongPINsLockForFiveMinutes() {
        var k = kiosk()
        threeFingerHold(&k, at: 1)
        var t = 5.0
        for attempt in 1...5 {
            for d in [1, 1, 1, 1] { tap(&k, .digit(d), at: t); t += 0.2 }
            tap(&k, .confirm, at: t); t += 0.2
            if attempt < 5 { #expect(k.pinMessage?.contains("\(5 - attempt)") == true) }
        }
        #expect(k.isPINLocked)
        #expect(k.pinMessage?.contains("5 min") == true)
        // While locked, even the right PIN is not taken.
        for d in [2, 4, 6, 8] { tap(&k, .digit(d), at: t); t += 0.2 }
        tap(&k, .confirm, at: t)
        #expect(k.screen == .pinPad)
        // The visitor reset (warning after 90 s, reset 10 s later) closes the pad but keeps the lock.
        k.advance(to: t + 95)
        k.advance(to: t + 200)
        #expect(k.screen == .map)
        threeFingerHold(&k, at: t + 210)
        #expect(k.screen == .pinPad && k.isPINLocked)
        // After five minutes, the right PIN opens the staff screen.
        let later = t + 305
        threeFingerHold(&k, at: later)
        for (i, d) in [2, 4, 6, 8].enumerated() { tap(&k, .digit(d), at: later + 4 + Double(i)) }
        tap(&k, .confirm, at: later + 9)
        #expect(!k.isPINLocked)
        #expect(k.screen == .staff)
    }

    @Test func withoutAPINThereIsNoStaffScreen() {
        var k = KioskFixture.make()
        k.play([(1, .fingerDown(id: 1, position: Point(x: 700, y: 400))),
                (1.02, .fingerDown(id: 2, position: Point(x: 800, y: 400))),
                (1.04, .fingerDown(id: 3, position: Point(x: 900, y: 420)))])
        k.advance(to: 10)
        #expect(k.screen == .map)
    }
}
