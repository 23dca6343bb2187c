import Foundation
import Testing
@testable import InputModel
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene

/// A table read from both long edges: panels open facing the hand that asked for them, the
/// turn control turns the whole interface, and touches land on what is shown where it is shown.
@Suite struct TableFacingTests {
    static let placeID = "france-services-1933"

    static func kiosk(_ mode: ScreenMode) -> Kiosk {
        var kiosk = VisitorFlowTests.kiosk(feedback: true)
        var settings = kiosk.settings
        settings.screenMode = mode
        kiosk = Kiosk(settings: settings, map: KioskFixture.renderer, catalog: KioskFixture.catalog, viewport: KioskFixture.viewport, now: 0)
        kiosk.setPlaces(VisitorFlowTests.places)
        return kiosk
    }

    /// Shows the place `metres` north (positive: the place sits above the middle) of the screen's centre.
    static func showPlace(_ kiosk: inout Kiosk, above metres: Double) throws -> Point {
        let index = try #require(VisitorFlowTests.places.index(ofID: placeID))
        let c = try #require(VisitorFlowTests.places.places[index].coordinate)
        kiosk.show(center: GeoCoordinate(latitude: c.latitude - metres / 111_000, longitude: c.longitude), zoom: 15)
        let marker = kiosk.position(of: "place:\(placeID)")
        return try #require(marker)
    }

    static func tap(_ kiosk: inout Kiosk, at p: Point, time: Double) {
        kiosk.advance(to: time)
        kiosk.handle(.fingerDown(id: 1, position: p), at: time)
        kiosk.handle(.fingerUp(id: 1, position: p), at: time + 0.05)
        kiosk.advance(to: time + 0.5)
    }

    @Test func aTouchFromTheUpperHalfOpensTheCardTurnedAlongTheUpperEdge() throws {
        var kiosk = Self.kiosk(.table)
        let marker = try Self.showPlace(&kiosk, above: 600)
        #expect(marker.y < KioskFixture.viewport.height / 2)
        Self.tap(&kiosk, at: marker, time: 1)
        let view = kiosk.visitorView
        #expect(kiosk.selectedPlace != nil && view.facing == .top)
        // Shown turned: the card's buttons (at the foot of the upright card) sit along the upper edge.
        let close = try #require(view.buttons.first { $0.control == .closePanel })
        let shown = view.shown(close.rect)
        #expect(shown.maxY < KioskFixture.viewport.height * 0.2, "\(shown)")
        #expect(shown.minX < KioskFixture.viewport.width / 2, "the right-hand card turns to the left")
        // Panels stay clear of the bar and the chips, turned or not.
        for panel in view.panels { #expect(view.shown(panel).maxY <= kiosk.layout.chipsTop) }
        // Its text is drawn turned, where the panel is shown; the map's names stay upright.
        let frame = kiosk.render()
        let turnedTexts = frame.texts.filter(\.turned)
        #expect(turnedTexts.count >= view.texts.count && !view.texts.isEmpty)
        #expect(turnedTexts.allSatisfy { text in view.panels.contains { view.shown($0).contains(text.anchor) } })
        #expect(!frame.turned, "only the panel turns")
        // A touch lands where the button is shown, not where it would be upright (the map there).
        let give = try #require(view.buttons.first { $0.control == .giveFeedback })
        Self.tap(&kiosk, at: give.rect.center, time: 3)
        #expect(kiosk.form == nil)
        Self.tap(&kiosk, at: marker, time: 5)
        Self.tap(&kiosk, at: kiosk.visitorView.shown(close.rect).center, time: 7)
        #expect(kiosk.selectedPlace == nil)
    }

    @Test func aTouchFromTheLowerHalfOrOnAWallOpensItUpright() throws {
        var table = Self.kiosk(.table)
        Self.tap(&table, at: try Self.showPlace(&table, above: -600), time: 1)
        #expect(table.selectedPlace != nil && table.visitorView.facing == .bottom)

        var wall = Self.kiosk(.wall)
        Self.tap(&wall, at: try Self.showPlace(&wall, above: 600), time: 1)
        #expect(wall.selectedPlace != nil && wall.visitorView.facing == .bottom)
        #expect(wall.layout.controls[.turn] == nil, "a wall kiosk has no turn control")
    }

    @Test func aPlaceTappedWhereTheTurnedCardOpensMovesBesideIt() throws {
        var kiosk = Self.kiosk(.table)
        let index = try #require(VisitorFlowTests.places.index(ofID: Self.placeID))
        let c = try #require(VisitorFlowTests.places.places[index].coordinate)
        // The place in the upper left quarter, where a turned card opens.
        kiosk.show(center: GeoCoordinate(latitude: c.latitude - 0.0055, longitude: c.longitude + 0.02), zoom: 15)
        let found = kiosk.position(of: "place:\(Self.placeID)")
        let marker = try #require(found)
        #expect(marker.x < 600 && marker.y < 500)
        Self.tap(&kiosk, at: marker, time: 1)
        #expect(kiosk.visitorView.facing == .top)
        let moved = kiosk.camera.screenPoint(of: WebMercator.project(c))
        #expect(!kiosk.visitorView.shown(kiosk.sidePanel).contains(moved), "\(moved) is under the card")
    }

    @Test func touchesOnATurnedPanelKeepItTurned() throws {
        var kiosk = Self.kiosk(.table)
        Self.tap(&kiosk, at: try Self.showPlace(&kiosk, above: 600), time: 1)
        // "Donner mon avis" on the turned card: the form opens facing the same side, though the
        // touch was in the lower half of its upright layout.
        let give = try #require(kiosk.visitorView.buttons.first { $0.control == .giveFeedback })
        Self.tap(&kiosk, at: kiosk.visitorView.shown(give.rect).center, time: 3)
        #expect(kiosk.form != nil && kiosk.visitorView.facing == .top)
        // Scripted targets find the turned buttons.
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:back""#], from: 5)
        #expect(kiosk.form == nil)
    }

    @Test func theTurnControlTurnsTheWholeInterfaceUntilTheNextVisitor() throws {
        var kiosk = Self.kiosk(.table)
        let turn = try #require(kiosk.layout.controls[.turn])
        Self.tap(&kiosk, at: turn.center, time: 1)
        #expect(kiosk.interfaceFacing == .top && kiosk.render().turned)
        // The bar is now along the upper edge: "Près d'ici" is touched where it is shown.
        let nearby = try #require(kiosk.layout.controls[.nearby])
        let shown = kiosk.screenPoint(ofInterfacePoint: nearby.center)
        #expect(shown.y < KioskFixture.viewport.height * 0.2)
        Self.tap(&kiosk, at: nearby.center, time: 3)
        #expect(kiosk.panel == .none, "the upright place of the button is the map now")
        Self.tap(&kiosk, at: shown, time: 5)
        #expect(kiosk.panel == .nearby)
        // A pan follows the fingers as they see it: dragging towards the screen's top moves the map down for them.
        let before = kiosk.camera.center
        kiosk.handle(.fingerDown(id: 2, position: Point(x: 900, y: 600)), at: 7)
        for k in 1...10 { kiosk.handle(.fingerMotion(id: 2, position: Point(x: 900, y: 600 - Double(k) * 20)), at: 7 + Double(k) * 0.016) }
        kiosk.handle(.fingerUp(id: 2, position: Point(x: 900, y: 400)), at: 7.2)
        #expect(kiosk.camera.center.y < before.y, "the map's north comes into view for the group across the table")
        kiosk.advance(to: 200)
        kiosk.advance(to: 220)
        #expect(kiosk.interfaceFacing == .bottom && !kiosk.render().turned, "forgotten at the idle reset")
    }

    @Test func aHalfTurnOfADisplayListTurnsEveryPrimitive() throws {
        var panels = DisplayList(background: .clear)
        panels.append(TextPrimitive("Fermer", at: Point(x: 100, y: 50), size: 20, color: .black, alignment: .left))
        panels.append(Shapes.fill(Rect(x: 10, y: 20, width: 30, height: 40), color: .black))
        let turned = panels.turned(within: KioskFixture.viewport)
        #expect(turned.texts.first?.anchor == Point(x: 1820, y: 1030) && turned.texts.first?.turned == true)
        guard case .rects(let r)? = turned.items.last else { Issue.record("no rectangle"); return }
        #expect(r.rects == [1880, 1020, 30, 40])
        #expect(turned.turned(within: KioskFixture.viewport) == panels, "two half turns are none")
    }
}
