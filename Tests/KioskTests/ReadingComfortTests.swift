import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene
@testable import Places

/// "Aa" and the contrast button, for the visitor's eyes, and WCAG AA contrast of the interface's
/// text in both bundled styles, computed from the styles' colours and from rendered frames.
@Suite struct ReadingComfortTests {
    static let calm = try! MapStyle.load(from: KioskFixture.root.appendingPathComponent("assets/styles/calm.json"))
    static let highContrast = try! MapStyle.load(from: KioskFixture.root.appendingPathComponent("assets/styles/high-contrast.json"))

    static func kiosk() -> Kiosk {
        var kiosk = VisitorFlowTests.kiosk(feedback: true)
        kiosk.setAlternateMap(MapRenderer(basemap: kiosk.configuredMap.basemap, style: highContrast))
        return kiosk
    }

    @Test func largeTextEnlargesEveryTextAndIsForgotten() throws {
        var kiosk = Self.kiosk()
        let id = "france-services-1933"
        let index = try #require(VisitorFlowTests.places.index(ofID: id))
        kiosk.show(center: VisitorFlowTests.places.places[index].coordinate!, zoom: 15)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "place:\#(id)""#])
        let before = (text: kiosk.layout.textSize, title: kiosk.layout.titleSize, card: kiosk.visitorView.texts.map(\.size).max()!)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:largeText""#], from: 3)
        #expect(kiosk.visitor.largeText && kiosk.panel == .details(index))
        #expect(abs(kiosk.layout.titleSize / before.title - 1.4) < 0.01)
        #expect(kiosk.layout.textSize >= before.text * 1.2, "the bar's words grow (as far as the bar holds them)")
        #expect(kiosk.visitorView.texts.map(\.size).max()! >= before.card * 1.2)
        // Nothing is cut: every line of the card stays inside its panel.
        let panel = kiosk.sidePanel
        for text in kiosk.visitorView.texts where panel.contains(text.anchor) {
            let width = kiosk.measurer.measure(text.text, size: text.size, bold: text.bold).width
            #expect(text.anchor.x + width <= panel.maxX + 1, "\(text.text) runs out of the card")
        }
        kiosk.advance(to: 200)
        kiosk.advance(to: 220)
        #expect(!kiosk.visitor.largeText && kiosk.layout.titleSize == before.title)
    }

    @Test func theContrastButtonSwitchesTheWholeLookAndIsForgotten() throws {
        var kiosk = Self.kiosk()
        func basemapIdentity() -> ObjectIdentifier? {
            for item in kiosk.render().items { if case .basemap(let request) = item { return request.map } }
            return nil
        }
        #expect(basemapIdentity() == kiosk.configuredMap.identity)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:contrast""#])
        #expect(basemapIdentity() == kiosk.alternateMap?.identity)
        #expect(kiosk.render().background == Self.highContrast.background)
        #expect(kiosk.render().items.contains { if case .rects(let r) = $0 { return r.color == Self.highContrast.ui.bar } else { return false } })
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:contrast""#], from: 3)
        #expect(basemapIdentity() == kiosk.configuredMap.identity)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:contrast""#], from: 5)
        kiosk.advance(to: 200)
        kiosk.advance(to: 220)
        #expect(basemapIdentity() == kiosk.configuredMap.identity)
        // A kiosk with one style has no contrast button.
        var single = VisitorFlowTests.kiosk()
        #expect(single.position(of: "control:contrast") == nil && single.position(of: "control:largeText") != nil)
    }

    /// WCAG 2.1 AA: 4.5:1 for the interface's text, in both styles; a pressed control's ink is
    /// chosen for the accent it sits on.
    @Test(arguments: ["calm", "high-contrast"])
    func theInterfacesTextMeetsWCAGAA(styleName: String) {
        let style = styleName == "calm" ? Self.calm : Self.highContrast
        let ui = style.ui
        let pairs: [(String, RGBA, RGBA)] = [
            ("panel text", ui.panelText, ui.panel), ("bar text", ui.barText, ui.bar), ("button text", ui.buttonText, ui.button),
            ("pressed", ui.ink(on: ui.accent), ui.accent), ("credits", ui.attributionText, ui.attributionBackground.withAlpha(255)),
            ("cluster count", style.markerStyle.clusterText, style.markerStyle.cluster),
        ] + (style.labels.map { [("town names", $0.color, $0.halo)] } ?? [])
        for (what, ink, background) in pairs {
            #expect(ink.contrastRatio(with: background) >= 4.5, "\(styleName): \(what) \(ink) on \(background): \(ink.contrastRatio(with: background))")
        }
        let markers = style.markerStyle
        for color in [markers.franceServices, markers.conseillerNumerique, markers.aidantsConnect, markers.open, markers.closed, markers.here] {
            #expect(ui.readable(color).contrastRatio(with: ui.panel) >= 4.5)
        }
    }

    /// The same, on frames: every text drawn on a card, in both styles, against the card.
    @Test func everyTextOfACardReadsAtAA() throws {
        var kiosk = Self.kiosk()
        let id = "france-services-1933"
        let index = try #require(VisitorFlowTests.places.index(ofID: id))
        kiosk.show(center: VisitorFlowTests.places.places[index].coordinate!, zoom: 15)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "place:\#(id)""#])
        for contrast in [false, true] {
            if contrast { try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:contrast""#], from: 3) }
            let ui = kiosk.map.style.ui
            let texts = kiosk.visitorView.texts.filter { kiosk.sidePanel.contains($0.anchor) }
            #expect(texts.count > 8)
            for text in texts {
                #expect(text.color.contrastRatio(with: ui.panel) >= 4.5, "\(text.text): \(text.color) on \(ui.panel)")
            }
        }
    }

    /// The map's lines a visitor must see (water, the streets' edges, railways, the borders of
    /// departments and of the region) stand out from the land at 3:1 at least (WCAG 1.4.11);
    /// the communes' thin borders are a background texture and may be fainter.
    @Test(arguments: ["calm", "high-contrast"])
    func mapLinesThatMustBeSeenStandOutFromTheLand(_ name: String) throws {
        let style = name == "calm" ? Self.calm : Self.highContrast
        let land = try #require(style.layers.first { $0.id == "region-fill" }).color
        let streetEdge = style.layers.contains { $0.id == "streets-casing" } ? "streets-casing" : "streets-minor"
        let mustSee = ["rivers", "river-lines", "waterways", "coastline", streetEdge, "railways", "departements", "region-outline"]
        for id in mustSee {
            let layer = try #require(style.layers.first { $0.id == id }, "\(name): no layer \(id)")
            #expect(layer.color.contrastRatio(with: land) >= 3, "\(name) \(id): \(layer.color.contrastRatio(with: land)):1")
        }
    }
}
