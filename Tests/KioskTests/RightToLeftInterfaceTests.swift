import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene

/// Arabic reads right to left: the interface is laid out as in every language and shown
/// reflected, touches land where things are shown, and what must not turn over does not (the
/// map, the French keyboard, the PIN pad's digits, a tick).
@Suite struct RightToLeftInterfaceTests {
    static let width = KioskFixture.viewport.width
    static let pickArabic = [#""type": "tap", "target": "control:language""#, #""type": "tap", "target": "control:setLanguage:ar""#]

    static func kiosk(staff: Bool = false) throws -> Kiosk {
        var settings = KioskFixture.settings
        settings.wallClock = .fixed(start: VisitorFlowTests.tuesdayMorning)
        if staff { settings.staff = StaffAccess(holdSeconds: 3, verifyPIN: { $0 == "2468" }) }
        let catalog = try StringCatalog.load(directory: LanguagePickerTests.folder, languages: ["fr", "ar", "en", "nl"])
        var kiosk = Kiosk(settings: settings, map: KioskFixture.renderer, catalog: catalog, viewport: KioskFixture.viewport, now: 0)
        kiosk.setPlaces(VisitorFlowTests.places)
        return kiosk
    }

    /// Where a named target is on screen (see ``Kiosk/position(of:)``).
    static func shown(_ kiosk: inout Kiosk, _ target: String) throws -> Point {
        let p = kiosk.position(of: target)
        return try #require(p, "\(target) is not on screen")
    }

    static func basemapCameras(_ list: DisplayList) -> [Camera] {
        list.items.compactMap { if case .basemap(let request) = $0 { request.camera } else { nil } }
    }

    @Test func theInterfaceIsShownReflectedAndATouchLandsWhereAControlIsShown() throws {
        var kiosk = try Self.kiosk()
        let homeInFrench = try Self.shown(&kiosk, "control:home")
        let frenchFrame = kiosk.render()
        try VisitorFlowTests.run(&kiosk, Self.pickArabic)
        #expect(kiosk.language == "ar" && kiosk.readsRightToLeft)
        #expect(!StringCatalog.isRightToLeft("fr") && !StringCatalog.isRightToLeft("nl"))

        // "Toute la région" moves from the bar's left end to its right end.
        let home = try Self.shown(&kiosk, "control:home")
        #expect(homeInFrench.x < Self.width / 4 && home.x > Self.width * 3 / 4, "\(homeInFrench) → \(home)")
        // The map itself is not reflected: the same view of the region.
        let frame = kiosk.render()
        #expect(Self.basemapCameras(frame) == Self.basemapCameras(frenchFrame) && !Self.basemapCameras(frame).isEmpty)
        // The interface's lines read right to left; the map's names are left as they are.
        let arabic = frame.texts.filter { $0.text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } }
        #expect(arabic.count >= 10 && arabic.allSatisfy { $0.rightToLeft })
        let townNames = frame.texts.filter { !$0.rightToLeft }
        #expect(townNames.count >= 2)
        for name in townNames {
            #expect(frenchFrame.texts.contains { $0.text == name.text && $0.anchor == name.anchor }, "\(name.text) moved")
        }

        // A tap where "Près d'ici" is shown opens the list; where it is laid out, it does not.
        let nearby = try Self.shown(&kiosk, "control:nearby")
        #expect(kiosk.interfaceControl(at: nearby) == .nearby)
        #expect(kiosk.interfaceControl(at: Point(x: Self.width - nearby.x, y: nearby.y)) != .nearby)
        TableFacingTests.tap(&kiosk, at: nearby, time: 10)
        #expect(kiosk.panel == .nearby)
        // A card opened from the list stands on the left, and its place in the map beside it, on the right.
        let row = try Self.shown(&kiosk, "row:0")
        #expect(row.x < Self.width / 2)
        TableFacingTests.tap(&kiosk, at: row, time: 12)
        #expect(kiosk.selectedPlace != nil)
        let card = try #require(kiosk.visitorView.panels.first.map { kiosk.shownRect(kiosk.visitorView.shown($0)) })
        #expect(card.maxX < Self.width / 2 && kiosk.freeMapCenter.x > card.maxX, "\(card), \(kiosk.freeMapCenter)")
        // Back in French for the next visitor, laid out left to right again.
        kiosk.advance(to: 300)
        kiosk.advance(to: 330)
        #expect(kiosk.language == "fr" && !kiosk.readsRightToLeft)
        #expect(try Self.shown(&kiosk, "control:home") == homeInFrench)
    }

    @Test func theKeyboardStillReadsAZERTYAndTypesTheSame() throws {
        var kiosk = try Self.kiosk()
        try VisitorFlowTests.run(&kiosk, Self.pickArabic + [#""type": "tap", "target": "control:search""#])
        var keys: [Double] = []
        for key in ["a", "z", "e", "r", "t", "y"] { keys.append(try Self.shown(&kiosk, "control:key:\(key)").x) }
        #expect(keys == keys.sorted() && Set(keys).count == keys.count, "\(keys)")
        let backspace = try Self.shown(&kiosk, "control:backspace")
        let m = try Self.shown(&kiosk, "control:key:m")
        #expect(backspace.x > m.x - 1, "the erase key on the right, as on any keyboard")
        try VisitorFlowTests.run(&kiosk, [#""type": "type", "text": "lille""#], from: 5)
        #expect(kiosk.visitor.search.text == "lille" && !kiosk.visitor.search.results.isEmpty)
    }

    @Test func thePINPadsDigitsStillRunOneTwoThree() throws {
        let reflected = StaffLayout.pinPad(viewport: KioskFixture.viewport, metrics: KioskFixture.make().metrics, keepsDigitsLeftToRight: true)
        // As shown once the interface is reflected.
        let shown = try [1, 2, 3].map { try #require(reflected.controls[.digit($0)]).center }.map { Self.width - $0.x }
        #expect(shown == shown.sorted() && shown[0] < shown[2])
        var kiosk = try Self.kiosk(staff: true)
        try VisitorFlowTests.run(&kiosk, Self.pickArabic)
        kiosk.play([(5, .fingerDown(id: 1, position: Point(x: 700, y: 400))), (5.02, .fingerDown(id: 2, position: Point(x: 800, y: 400))),
                    (5.04, .fingerDown(id: 3, position: Point(x: 900, y: 420)))])
        kiosk.advance(to: 8.5)
        kiosk.play([(8.6, .fingerUp(id: 1, position: Point(x: 700, y: 400))), (8.62, .fingerUp(id: 2, position: Point(x: 800, y: 400))),
                    (8.64, .fingerUp(id: 3, position: Point(x: 900, y: 420)))])
        #expect(kiosk.screen == .pinPad)
        // Digits touched where they are shown make the PIN.
        for (n, digit) in [2, 4, 6, 8].enumerated() {
            let laidOut = try #require(kiosk.staffLayout.controls[.digit(digit)]).center
            let p = Point(x: Self.width - laidOut.x, y: laidOut.y)
            kiosk.play([(9 + Double(n), .fingerDown(id: 90, position: p)), (9.05 + Double(n), .fingerUp(id: 90, position: p))])
        }
        #expect(kiosk.pinEntry == "2468")
    }
}
