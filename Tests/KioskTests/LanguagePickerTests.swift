import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry
@testable import Places

/// Three languages and more: the language button opens a picker naming each in itself; every
/// bundled catalog has every key.
@Suite struct LanguagePickerTests {
    static let folder = KioskFixture.root.appendingPathComponent("assets/strings")

    /// Every catalog file in assets/strings loads: none lacks a key the interface uses.
    @Test func everyBundledCatalogIsComplete() throws {
        let codes = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        #expect(codes.contains("nl") && codes.contains("fr") && codes.contains("en"))
        let catalog = try StringCatalog.load(directory: Self.folder, languages: codes)
        for code in codes {
            // Each names itself in its own words, and says what it is in its own language.
            #expect(catalog.text(.languageName, code) != catalog.text(.languageName, code == "fr" ? "en" : "fr"))
            #expect(catalog.text(.nearby, code) != catalog.text(.nearby, code == "fr" ? "en" : "fr") || code == "fr")
        }
    }

    static func kiosk() throws -> Kiosk {
        var settings = KioskFixture.settings
        settings.wallClock = .fixed(start: VisitorFlowTests.tuesdayMorning)
        let catalog = try StringCatalog.load(directory: Self.folder, languages: ["fr", "en", "nl"])
        var kiosk = Kiosk(settings: settings, map: KioskFixture.renderer, catalog: catalog, viewport: KioskFixture.viewport, now: 0)
        kiosk.setPlaces(VisitorFlowTests.places)
        return kiosk
    }

    @Test func aVisitorPicksDutchAndFindsAnOpenPlaceInDutch() throws {
        var kiosk = try Self.kiosk()
        // The button says the language in use, in itself.
        #expect(kiosk.languageButtonLabel == "Français")
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:language""#])
        #expect(kiosk.panel == .languages)
        let names = kiosk.visitorView.buttons.compactMap { button -> String? in
            if case .setLanguage = button.control { return button.label } else { return nil }
        }
        #expect(names == ["Français", "English", "Nederlands"])
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:setLanguage:nl""#,
                                          #""type": "tap", "target": "control:nearby""#, #""type": "tap", "target": "control:chip:openNow""#,
                                          #""type": "tap", "target": "row:0""#], from: 3)
        #expect(kiosk.language == "nl" && kiosk.languageButtonLabel == "Nederlands")
        #expect(kiosk.selectedPlace != nil)
        let texts = kiosk.visitorView.texts.map(\.text)
        #expect(texts.contains { $0.hasPrefix("Nu open") }, "\(texts.prefix(8))")
        #expect(texts.contains { $0.hasPrefix("vandaag") && $0.contains(":") })
        // The next visitor finds French again.
        kiosk.advance(to: 200)
        kiosk.advance(to: 220)
        #expect(kiosk.language == "fr" && kiosk.panel == .none)
    }

    @Test func twoLanguagesStillSwitchInOneTap() throws {
        var kiosk = VisitorFlowTests.kiosk()
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:language""#])
        #expect(kiosk.language == "en" && kiosk.panel == .none)
    }
}
