import Foundation
import Testing
@testable import Coverage
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene
@testable import Places

/// The coverage view played as scripted traces on the real region: its communes prepared as the
/// kiosk prepares them (one fill per commune, for the shading and for finding the commune a
/// finger touched), the real places, population and fragility index.
@Suite struct CoverageFlowTests {
    static let renderer: MapRenderer = {
        let style = try! MapStyle.load(from: KioskFixture.root.appendingPathComponent("assets/styles/calm.json"))
        let folder = KioskFixture.root.appendingPathComponent("assets/basemap/hauts-de-france")
        let region = try! GeoJSONReader.read(fileAt: folder.appendingPathComponent("region-hauts-de-france.geojson"))
        let communes = try! GeoJSONReader.read(fileAt: folder.appendingPathComponent("communes-hauts-de-france.geojson"))
        let basemap = BasemapPreparer(detailZooms: [7, 8, 9, 10]).prepare(sources: [
            "region": BasemapSource(features: region),
            "communes": BasemapSource(features: communes, shadeProperty: "code",
                                      needs: .of("communes", in: style, shadeable: true)),
        ])
        return MapRenderer(basemap: basemap, style: style)
    }()

    static let territories: TerritoryTable = {
        let folder = KioskFixture.root.appendingPathComponent("assets/population")
        return try! TerritoryTable.load(population: folder.appendingPathComponent("communes-hdf-population.csv"),
                                        fragility: folder.appendingPathComponent("indice-fragilite-numerique-hdf.csv"),
                                        intercommunalities: folder.appendingPathComponent("epci-hdf.csv"),
                                        departments: folder.appendingPathComponent("departements-hdf.csv"))
    }()

    static func kiosk() -> Kiosk {
        var settings = KioskFixture.settings
        settings.wallClock = .fixed(start: VisitorFlowTests.tuesdayMorning)
        var kiosk = Kiosk(settings: settings, map: renderer, catalog: KioskFixture.catalog, viewport: KioskFixture.viewport, now: 0)
        kiosk.setPlaces(VisitorFlowTests.places)
        kiosk.setCoverage(territories, source: "communes")
        return kiosk
    }

    static func basemapShading(_ kiosk: Kiosk) -> ThematicShading?? {
        for item in kiosk.render().items { if case .basemap(let request) = item { return .some(request.shading) } }
        return .none
    }

    static func palette(_ layer: CoverageLayer) -> ClassPalette { renderer.style.coverage![layer.rawValue]! }

    /// The colour every commune should have, computed from the figures and the legend's bounds.
    static func expectShadingFollowsTheLegend(_ kiosk: Kiosk, layer: CoverageLayer) {
        guard let shading = kiosk.coverageShading, let figures = kiosk.coverageFigures else {
            Issue.record("no shading")
            return
        }
        let palette = palette(layer)
        for row in figures.communes {
            let commune = territories.communes[row.commune]
            let want = layer.classIndex(of: row, in: territories).map { palette.classes[$0] } ?? palette.noData
            #expect(shading.color(of: commune.code) == want, "\(commune.code) \(commune.name)")
        }
        // Communes of the boundaries the population file lacks are "no data".
        #expect(shading.color(of: "99999") == palette.noData)
    }

    /// The shell reads the communes after the first frame: the button is there from that frame,
    /// where it stays, and a tap on it before they come does nothing; files refused take it away.
    @Test func theButtonWaitsForItsTerritories() throws {
        var settings = KioskFixture.settings
        settings.wallClock = .fixed(start: VisitorFlowTests.tuesdayMorning)
        var kiosk = Kiosk(settings: settings, map: Self.renderer, catalog: KioskFixture.catalog, viewport: KioskFixture.viewport, now: 0)
        kiosk.setPlaces(VisitorFlowTests.places)
        #expect(kiosk.layout.controls[.coverage] == nil)
        kiosk.awaitCoverage()
        let awaited = kiosk.layout.controls[.coverage]
        #expect(awaited != nil)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:coverage""#])
        #expect(kiosk.visitor.coverage == nil && Self.basemapShading(kiosk) == .some(nil))

        var refused = kiosk
        kiosk.setCoverage(Self.territories, source: "communes")
        #expect(kiosk.layout.controls[.coverage] == awaited, "the button does not move when the territories come")
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:coverage""#], from: 2)
        #expect(kiosk.visitor.coverage == CoverageChoice())
        Self.expectShadingFollowsTheLegend(kiosk, layer: .distance)

        refused.setCoverage(nil, source: "communes")
        #expect(refused.layout.controls[.coverage] == nil)
    }

    @Test func openSwitchTapACommuneOpenItsNearestPlaceAndForgetAtTheIdleReset() throws {
        var kiosk = Self.kiosk()
        #expect(Self.basemapShading(kiosk) == .some(nil))
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:coverage""#])
        #expect(kiosk.visitor.coverage == CoverageChoice())
        #expect(Self.basemapShading(kiosk) == .some(kiosk.coverageShading))
        Self.expectShadingFollowsTheLegend(kiosk, layer: .distance)
        // The headline is the region's, and the legend says the classes in words.
        let texts = kiosk.visitorView.texts.map(\.text).joined(separator: " ")
        #expect(texts.contains("vivent à plus de 10 km"))
        #expect(texts.contains("Moins de 5 km") && texts.contains("Plus de 20 km") && texts.contains("vol d'oiseau"))

        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:layer:ifn""#], from: 3)
        #expect(kiosk.visitor.coverage?.layer == .fragility)
        Self.expectShadingFollowsTheLegend(kiosk, layer: .fragility)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:layer:priority""#], from: 5)
        Self.expectShadingFollowsTheLegend(kiosk, layer: .priority)

        // A commune far from help: no marker at its town hall, so a tap there opens its card.
        let figures = try #require(kiosk.coverageFigures)
        let far = try #require(figures.communes.filter { ($0.nearest?.distance ?? 0) > 8_000 }.max { $0.commune > $1.commune })
        let commune = Self.territories.communes[far.commune]
        let hall = try #require(commune.townHall)
        kiosk.show(center: hall, zoom: 11)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "geo:\#(hall.latitude),\#(hall.longitude)""#], from: 7)
        #expect(kiosk.panelDescription == "commune:\(commune.code)")
        let card = kiosk.visitorView.texts.map(\.text)
        #expect(card.contains(commune.name))
        #expect(card.contains("Lieux à moins de 10 km : \(far.placesNearby)"))
        #expect(card.contains { $0.hasPrefix("Fragilité numérique : ") })

        // Its nearest place is the card's row: a tap opens the place's card, the view stays.
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "row:0""#], from: 9)
        #expect(kiosk.panel == .details(far.nearest!.index))
        #expect(kiosk.visitor.coverage != nil)

        // The next visitor finds the plain map.
        kiosk.advance(to: 200)
        kiosk.advance(to: 220)
        #expect(kiosk.visitor.coverage == nil && kiosk.panel == .none)
        #expect(Self.basemapShading(kiosk) == .some(nil))
        #expect(kiosk.layout.controls[.chip(.openNow)] != nil)
    }

    @Test func needsAndMomentsChangeTheShadingAtOnce() throws {
        var kiosk = Self.kiosk()
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:coverage""#])
        // In this view the moments say when places are open: the "open now" chip makes way.
        #expect(kiosk.position(of: "control:chip:openNow") == nil)
        let all = try #require(kiosk.coverageFigures)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:chip:procedures""#], from: 3)
        let procedures = try #require(kiosk.coverageFigures)
        #expect(procedures.filter.needs == [.procedures])
        #expect(procedures.matchingPlaces < all.matchingPlaces)
        #expect(procedures.region.populationBeyond10km > all.region.populationBeyond10km)
        Self.expectShadingFollowsTheLegend(kiosk, layer: .distance)
        // The markers show the same places as the shading counts.
        #expect(kiosk.placeFilter == procedures.filter)

        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:moment:saturdayMorning""#], from: 5)
        let saturday = try #require(kiosk.coverageFigures)
        // Tuesday 1 December 2026: the next Saturday morning is the 5th, at 10:00 in Paris.
        #expect(saturday.filter.openAt == ISO8601DateFormatter().date(from: "2026-12-05T09:00:00Z"))
        #expect(saturday.matchingPlaces < procedures.matchingPlaces)
        Self.expectShadingFollowsTheLegend(kiosk, layer: .distance)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:moment:weekdayEvening""#], from: 7)
        #expect(kiosk.coverageFigures?.filter.openAt == ISO8601DateFormatter().date(from: "2026-12-01T17:30:00Z"))

        // "Couverture" again: the plain map, its chips and its own filter.
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:coverage""#], from: 9)
        #expect(kiosk.visitor.coverage == nil && kiosk.coverageShading == nil)
        #expect(kiosk.placeFilter == PlaceDirectory.Filter(needs: [.procedures]))
        #expect(kiosk.position(of: "control:chip:openNow") != nil)
    }

    @Test func theHeadlineIsTheSumOverCommunes() throws {
        var kiosk = Self.kiosk()
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:coverage""#, #""type": "tap", "target": "control:chip:procedures""#])
        let figures = try #require(kiosk.coverageFigures)
        let beyond = figures.communes.reduce(0) { total, row in
            let commune = Self.territories.communes[row.commune]
            guard commune.townHall != nil, let people = commune.population, (row.nearest?.distance ?? .infinity) > 10_000 else { return total }
            return total + people
        }
        let people = CoverageLegend.count(beyond, language: "fr")
        let texts = kiosk.visitorView.texts.map(\.text).joined(separator: " ")
        #expect(texts.contains(people), "headline without \(people): \(texts.prefix(200))")
        #expect(beyond == figures.region.populationBeyond10km)
        // "312 000" in French, "312,000" in English.
        #expect(CoverageLegend.count(312_000, language: "fr") == "312\u{202F}000" && CoverageLegend.count(312_000, language: "en") == "312,000")
        #expect(CoverageLegend.percent(0.052, language: "fr") == "5,2\u{202F}%" && CoverageLegend.percent(0.0004, language: "en") == "0.04%")
    }

    /// The contrast button in the coverage view: the communes take the other style's palette.
    @Test func theContrastButtonRecoloursTheCommunes() throws {
        var kiosk = Self.kiosk()
        let highContrast = try MapStyle.load(from: KioskFixture.root.appendingPathComponent("assets/styles/high-contrast.json"))
        kiosk.setAlternateMap(MapRenderer(basemap: Self.renderer.basemap, style: highContrast))
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:coverage""#, #""type": "tap", "target": "control:contrast""#])
        let amiens = try #require(Self.territories.commune(code: "80021"))
        let row = try #require(kiosk.coverageFigures?.communes[Self.territories.index(ofCode: "80021")!])
        let level = try #require(CoverageLayer.distance.classIndex(of: row, in: Self.territories))
        #expect(kiosk.coverageShading?.color(of: amiens.code) == highContrast.coverage!["distance"]!.classes[level])
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:contrast""#], from: 4)
        #expect(kiosk.coverageShading?.color(of: amiens.code) == Self.palette(.distance).classes[level])
    }

    /// In the coverage view, "Écouter" beside the headline reads it with the layer's legend.
    @Test func theHeadlineAndLegendAreReadAloud() throws {
        var kiosk = Self.kiosk()
        kiosk.settings.speech = true
        let shell = VisitorFlowTests.Shell()
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:coverage""#, #""type": "tap", "target": "control:layer:ifn""#,
                                          #""type": "tap", "target": "control:listen:title""#], shell: shell)
        let text = try #require(shell.spoken.last?.text)
        let people = CoverageLegend.count(try #require(kiosk.coverageFigures).region.populationBeyond10km, language: "fr")
        #expect(text.contains(people) && text.contains("vivent à plus de 10 km"), "\(text)")
        #expect(text.contains("Fragilité numérique.") && text.contains("Peu fragile.") && text.contains("Très fragile."), "\(text)")
    }

    @Test func theMomentsAreTheNextOnesInParis() {
        let tuesday = VisitorFlowTests.tuesdayMorning  // 10:30 in Paris
        let iso = ISO8601DateFormatter()
        #expect(CoverageMoment.anyTime.instant(after: tuesday) == nil)
        #expect(CoverageMoment.now.instant(after: tuesday) == iso.date(from: "2026-12-01T09:30:00Z"))
        #expect(CoverageMoment.saturdayMorning.instant(after: tuesday) == iso.date(from: "2026-12-05T09:00:00Z"))
        #expect(CoverageMoment.weekdayEvening.instant(after: tuesday) == iso.date(from: "2026-12-01T17:30:00Z"))
        // A Friday evening after 18:30: the next weekday evening is Monday's.
        let fridayLate = iso.date(from: "2026-12-04T19:00:00Z")!
        #expect(CoverageMoment.weekdayEvening.instant(after: fridayLate) == iso.date(from: "2026-12-07T17:30:00Z"))
    }
}
