import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene
@testable import Places

/// No dead ends: back from a card to its list, "Merci" back to the card, filters cleared in one
/// tap, the visit started again; and the card's words as people write them.
@Suite struct JourneyTests {
    typealias Flow = VisitorFlowTests

    @Test func retourGoesBackFromACardToTheListItCameFrom() throws {
        var kiosk = Flow.kiosk(feedback: true)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:nearby""#, #""type": "tap", "target": "row:2""#])
        let listed = kiosk.listedPlaceIDs
        #expect(kiosk.selectedPlace != nil && listed.isEmpty)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:back""#], from: 4)
        #expect(kiosk.panel == .nearby)
        // A card opened from the map has no "Retour": "Fermer" is the way back.
        try Flow.run(&kiosk, [#""type": "tap", "target": "row:0""#, #""type": "tap", "target": "control:closePanel""#], from: 6)
        let index = try #require(Flow.places.index(ofID: "france-services-1933"))
        kiosk.show(center: Flow.places.places[index].coordinate!, zoom: 15)
        try Flow.run(&kiosk, [#""type": "tap", "target": "place:france-services-1933""#], from: 9)
        #expect(kiosk.panel == .details(index))
        #expect(!kiosk.visitorView.buttons.contains { $0.control == .back })
    }

    @Test func placesKnownOnlyByTheirCommuneAreNeverGivenInMetres() throws {
        var kiosk = Flow.kiosk()
        // From Lille's town hall, where 17 places known only by their commune are put.
        let townHall = try #require(Flow.places.places.first { $0.isApproximate && $0.commune == "Lille" })
        kiosk.show(center: townHall.coordinate!, zoom: 17)
        try Flow.run(&kiosk, [#""type": "tap", "target": "place:\#(townHall.id)""#])
        #expect(kiosk.panelDescription == "places_here")
        let approximate = kiosk.visitorView.texts.filter { $0.text.contains("adresse à confirmer") }
        #expect(approximate.count >= 10, "\(kiosk.visitorView.texts.map(\.text))")
        let metres = /\d+ m\b|\d km\b/
        #expect(approximate.allSatisfy { $0.text.hasPrefix("à ") && $0.text.firstMatch(of: metres) == nil }, "\(approximate.map(\.text))")
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:nearby""#], from: 3)
        for text in kiosk.visitorView.texts where text.text.contains("adresse à confirmer") {
            #expect(text.text.firstMatch(of: metres) == nil, "\(text.text)")
        }
    }

    @Test func aListRowUnderAFingerShowsItsMarker() throws {
        var kiosk = Flow.kiosk()
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:nearby""#])
        let row = try #require(kiosk.visitorView.buttons.first { if case .placeRow = $0.control { return true } else { return false } })
        guard case .placeRow(let i) = row.control else { return }
        func markerRadius() -> Double? {
            guard let marker = kiosk.visibleMarkers().first(where: { $0.members == [i] }) else { return nil }
            return kiosk.render().items.compactMap { item -> Double? in
                if case .stamp(let stamp) = item, stamp.center == marker.center { return stamp.radius } else { return nil }
            }.max()
        }
        let before = try #require(markerRadius(), "the first row's place is on the map beside the list")
        kiosk.handle(.fingerDown(id: 7, position: kiosk.visitorView.shown(row.rect).center), at: 5)
        let pressed = try #require(markerRadius())
        #expect(pressed > before * 1.2, "ringed and larger while the finger is on its row")
        kiosk.handle(.fingerUp(id: 7, position: Point(x: 5, y: 5)), at: 5.1)
        #expect(markerRadius() == before, "slid off: as before")
    }

    @Test func theMarkersLegendIsOneTapAway() throws {
        var kiosk = Flow.kiosk()
        #expect(kiosk.layout.controls[.legend] != nil, "always in the chips' row")
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:legend""#])
        #expect(kiosk.panel == .legend)
        #expect(kiosk.visitorView.legendMarkers.count == 6, "four kinds of places, a hollow ring, a cluster")
        let texts = kiosk.visitorView.texts.map(\.text)
        for key: StringCatalog.Key in [.categoryFranceServices, .categoryConseiller, .categoryAidantsConnect] {
            #expect(texts.contains(KioskFixture.catalog.text(key, "fr")))
        }
        let frame = kiosk.render()
        #expect(frame.texts.contains { $0.text == "12" }, "the cluster drawn with its number")
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:legend""#], from: 3)
        #expect(kiosk.panel == .none)
    }

    @Test func merciComesBackToThePlacesCard() throws {
        let shell = Flow.Shell()
        var kiosk = Flow.kiosk(feedback: true)
        let index = try #require(Flow.places.index(ofID: "france-services-1933"))
        kiosk.showPlace(index)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:giveFeedback""#, #""type": "tap", "target": "control:answer:oui""#,
                              #""type": "tap", "target": "control:answer:oui""#, #""type": "tap", "target": "control:send""#,
                              #""type": "tap", "target": "control:thanksOK""#], shell: shell)
        #expect(shell.stored.count == 1 && kiosk.panel == .details(index))
    }

    @Test func activeFiltersShowAndClearInOneTap() throws {
        var kiosk = Flow.kiosk()
        #expect(kiosk.layout.controls[.clearFilters] == nil, "nothing to clear")
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:chip:procedures""#, #""type": "tap", "target": "control:chip:openNow""#])
        let filtered = kiosk.placeLayer.directory.places.count
        #expect(kiosk.chips.count == 2 && kiosk.layout.controls[.clearFilters] != nil)
        #expect(kiosk.render().texts.contains { $0.text == KioskFixture.catalog.text(.clearFilters, "fr") })
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:clearFilters""#], from: 4)
        #expect(kiosk.chips.isEmpty && kiosk.layout.controls[.clearFilters] == nil)
        #expect(kiosk.visibleMarkers().count > 0 && filtered > 0)
    }

    @Test func recommencerStartsTheVisitAgain() throws {
        var kiosk = Flow.kiosk()
        #expect(!kiosk.visitorView.buttons.contains { $0.control == .restart }, "a fresh visit has nothing to start again")
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:chip:wheelchair""#, #""type": "tap", "target": "control:largeText""#,
                              #""type": "tap", "target": "control:nearby""#])
        #expect(kiosk.panel == .nearby)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:restart""#], from: 5)
        #expect(kiosk.panel == .none && kiosk.chips.isEmpty && !kiosk.visitor.largeText)
        #expect(kiosk.camera.center == kiosk.homeCamera.center)
        if case .inUse = kiosk.idle {} else { Issue.record("a fresh visit is in use, not at rest: \(kiosk.idle)") }
    }

    @Test func theCardWritesNamesPhonesDatesAndSourcesAsPeopleDo() throws {
        var settings = Flow.kiosk().settings
        settings.sourceNames = ["conseillers-numeriques": "Conseillers numériques (ANCT)"]
        var kiosk = Kiosk(settings: settings, map: KioskFixture.renderer, catalog: KioskFixture.catalog, viewport: KioskFixture.viewport, now: 0)
        kiosk.setPlaces(Flow.places)
        let index = try #require(Flow.places.places.firstIndex { $0.name == "ESCALE" && $0.commune == "Auby" })
        kiosk.showPlace(index)
        let texts = kiosk.visitorView.texts.map(\.text)
        #expect(texts.contains("Escale"))
        #expect(texts.contains { $0.contains("03 27 99 60 50") })
        let card = texts.joined(separator: " ")
        #expect(card.contains("Mise à jour : mai 2022 (à vérifier)") && card.contains("Conseillers numériques (ANCT), décembre 2022"), "\(texts)")
        #expect(!texts.contains { $0.contains(".json") || $0.contains("2022-05") })
    }

    /// The bundled glossary explains the acronyms and kinds of places a card's name holds, in
    /// the visitor's language.
    @Test func aCardSaysWhatItsAcronymsMean() throws {
        let glossary = try PlaceGlossary(json: Data(contentsOf: KioskFixture.root.appendingPathComponent("assets/places/glossary.json")))
        #expect(glossary.explanations(in: "CCAS de Roubaix", language: "fr").map(\.term) == ["CCAS"])
        #expect(glossary.explanations(in: "France services Pimms Médiation Arras", language: "en").map(\.term) == ["France services", "PIMMS"])
        #expect(glossary.explanations(in: "Maison du Numérique", language: "fr").isEmpty)
        #expect(glossary.explanations(in: "Boulogne-sur-Mer", language: "fr").isEmpty, "whole words only")
        // Every acronym of the bundled places' names the glossary knows is kept in capitals.
        for entry in glossary.entries where !entry.term.contains(" ") && entry.term == entry.term.uppercased() {
            #expect(PlaceWording.acronyms.contains(entry.term), "\(entry.term)")
        }
        var settings = Flow.kiosk().settings
        settings.placeGlossary = glossary
        var kiosk = Kiosk(settings: settings, map: KioskFixture.renderer, catalog: KioskFixture.catalog, viewport: KioskFixture.viewport, now: 0)
        kiosk.setPlaces(Flow.places)
        let index = try #require(Flow.places.places.firstIndex { $0.name == "CCAS de Roubaix" })
        kiosk.showPlace(index)
        #expect(kiosk.visitorView.texts.contains { $0.text.hasPrefix("CCAS : centre communal d'action sociale") }, "\(kiosk.visitorView.texts.map(\.text).prefix(8))")
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:setLanguage:en""#])
        kiosk.showPlace(index)
        #expect(kiosk.visitorView.texts.contains { $0.text == "CCAS: the town hall's social help service" })
        #expect(throws: PlaceGlossary.GlossaryError.self) { try PlaceGlossary(json: Data(#"{"CCAS": {"en": "social help"}}"#.utf8)) }
    }

    /// What a visitor asks first, on the card and as filters: free, someone beside you, no
    /// appointment, a bus that comes on given days, the booking link as a code; a filter no
    /// place answers is not offered.
    @Test func theCardSaysWhatHelpsAndTheChipsFilterOnIt() throws {
        var kiosk = Flow.kiosk()
        #expect(kiosk.layout.chips.map(\.0).contains(.free) && kiosk.layout.chips.map(\.0).contains(.oneToOne))
        #expect(!kiosk.layout.chips.map(\.0).contains(.walkIn), "no bundled place says 'Se présenter'")
        var places = Flow.places.places
        let index = try #require(Flow.places.index(ofID: "france-services-1933"))
        places[index].accessModes = ["Se présenter"]
        places[index].itinerance = ["Itinérant"]
        places[index].appointmentURL = "https://www.rdv-aide-numerique.fr/org/1"
        places[index].summary = "Un agent vous aide pour vos papiers."
        kiosk.setPlaces(PlaceDirectory(places: places))
        #expect(kiosk.layout.chips.map(\.0).contains(.walkIn))
        kiosk.showPlace(index)
        let texts = kiosk.visitorView.texts.map(\.text)
        #expect(texts.joined(separator: " ").contains("Gratuit · Quelqu'un vous accompagne · Ordinateurs en libre accès · Sans rendez-vous · Rendez-vous en ligne"),
                "\(texts.prefix(8))")
        #expect(texts.contains { $0.contains("Itinérant") } && texts.contains("Un agent vous aide pour vos papiers."))
        #expect(kiosk.visitorView.codes.contains { $0.text == "https://www.rdv-aide-numerique.fr/org/1" }, "the booking link as a code")
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:closePanel""#, #""type": "tap", "target": "control:chip:walkIn""#,
                              #""type": "tap", "target": "control:nearby""#], from: 2)
        #expect(kiosk.listedPlaceIDs == ["france-services-1933"])
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:chip:walkIn""#, #""type": "tap", "target": "control:chip:free""#], from: 6)
        #expect(!kiosk.listedPlaceIDs.isEmpty && kiosk.listedPlaceIDs.allSatisfy { id in places.first { $0.id == id }?.fees.contains("Gratuit") == true })
    }

    /// "Plus de filtres" offers the publics and supports the data name, and only then; each
    /// chosen narrows the map and the lists, "Tout afficher" clears them with the chips.
    @Test func moreFiltersOfferThePublicsAndSupportsTheDataName() throws {
        var kiosk = Flow.kiosk()
        #expect(kiosk.layout.moreFiltersChip == nil, "the bundled sources name no public nor support")
        var places = Flow.places.places
        let seniors = try #require(Flow.places.index(ofID: "france-services-1933"))
        places[seniors].publics = ["Seniors"]
        places[seniors].specificSupport = ["Surdité"]
        let young = try #require(places.firstIndex { $0.id != places[seniors].id && $0.commune == "Lille" && $0.coordinate != nil })
        places[young].publics = ["Jeunes"]
        kiosk.setPlaces(PlaceDirectory(places: places))
        #expect(kiosk.layout.moreFiltersChip != nil)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:moreFilters""#])
        #expect(kiosk.panel == .moreFilters)
        let labels = kiosk.visitorView.buttons.map(\.label)
        #expect(labels.contains("Seniors") && labels.contains("Jeunes") && labels.contains("Surdité") && !labels.contains("Femmes"))
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:public:Seniors""#, #""type": "tap", "target": "control:nearby""#], from: 3)
        #expect(kiosk.listedPlaceIDs == [places[seniors].id])
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:clearFilters""#], from: 6)
        #expect(kiosk.visitor.publics.isEmpty && kiosk.listedPlaceIDs.count > 1)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:moreFilters""#, #""type": "tap", "target": "control:support:Surdité""#,
                              #""type": "tap", "target": "control:public:Jeunes""#, #""type": "tap", "target": "control:nearby""#], from: 8)
        #expect(kiosk.listedPlaceIDs.isEmpty, "every filter chosen must hold")
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:setLanguage:en""#, #""type": "tap", "target": "control:moreFilters""#], from: 13)
        #expect(kiosk.visitorView.buttons.map(\.label).contains("Older people"), "the standard's values in the visitor's language")
        #expect(kiosk.visitor.hasChangedAnything(defaultLanguage: "fr"))
    }

    /// Every bundled place can be reached by taps from the home view: clusters zoom in, places no
    /// zoom separates open their list, a marker off the screen or under the title or the bar is
    /// first brought into the open (as a visitor pans). Walks all of them.
    @Test func everyPlaceIsReachableByTapsFromTheHomeView() throws {
        var kiosk = Flow.kiosk()
        var t = 1.0
        var unreachable: [String] = []
        var viaList = 0
        for (i, place) in Flow.places.places.enumerated() where place.coordinate != nil {
            kiosk.resetForNextVisitor()
            kiosk.advance(to: t)
            var reached = false
            for _ in 0..<10 where !reached {
                guard let marker = kiosk.visibleMarkers().first(where: { $0.members.contains(i) }) else {
                    // Zooming into a wide cluster can leave a place beyond the screen's edge: the visitor pans to it.
                    kiosk.show(center: place.coordinate!, zoom: kiosk.camera.zoom)
                    continue
                }
                let map = Rect(x: 0, y: 0, width: kiosk.viewport.width, height: kiosk.layout.bar.y)
                if !map.contains(marker.center) || kiosk.isOverInterface(marker.center) || kiosk.visitorView.covers(marker.center) {
                    kiosk.show(center: WebMercator.unproject(kiosk.camera.worldPoint(atScreen: marker.center)), zoom: kiosk.camera.zoom)
                    continue
                }
                t += 1
                kiosk.tap(at: marker.center, time: t)
                t = kiosk.settle(from: t + 0.1, limit: 3) + 0.5
                kiosk.advance(to: t)
                if kiosk.panel == .details(i) { reached = true }
                if case .placesHere = kiosk.panel, let row = kiosk.visitorView.buttons.first(where: { $0.control == .placeRow(i) }) {
                    t += 1
                    kiosk.tap(at: kiosk.visitorView.shown(row.rect).center, time: t)
                    t += 1
                    kiosk.advance(to: t)
                    reached = kiosk.panel == .details(i)
                    viaList += reached ? 1 : 0
                }
            }
            if !reached { unreachable.append(place.id) }
        }
        #expect(unreachable.isEmpty, "\(unreachable.count) places cannot be reached: \(unreachable.prefix(10))")
        #expect(viaList > 50, "places sharing a spot are reached through their list (\(viaList))")
    }

    static let search = PlaceSearch(vocabulary: [
        .procedures: ["caf", "impots", "carte grise", "retraite", "france travail"],
        .learning: ["smartphone", "ordinateur"],
        .equipment: ["imprimer"],
    ])

    @Test(arguments: [("caf", PlaceNeed.procedures), ("impots", .procedures), ("Carte grise", .procedures), ("retraite", .procedures),
                      ("France Travail", .procedures), ("smartphone", .learning), ("imprimer", .equipment), ("impos", .procedures)])
    func everydayWordsFindThePlacesThatHelp(_ typed: String, _ need: PlaceNeed) {
        let origin = Flow.lilleStation
        let hits = Self.search.search(typed, in: Flow.places, from: origin)
        #expect(hits.count > 50, "\(typed): \(hits.count)")
        #expect(hits.allSatisfy { need.isMet(by: Flow.places.places[$0.index]) })
        // Nearest first; a place known only by its commune ranks as if a commune's reach further.
        func rank(_ hit: PlaceDirectory.Hit) -> Double {
            hit.distance + (Flow.places.places[hit.index].isApproximate ? PlaceDirectory.approximatePenalty : 0)
        }
        #expect(zip(hits, hits.dropFirst()).allSatisfy { rank($0) <= rank($1) }, "nearest first")
    }

    @Test func namesCommunesAndSlipsAreFound() throws {
        let origin = Flow.lilleStation
        func names(_ typed: String) -> [String] { Self.search.search(typed, in: Flow.places, from: origin).map { Flow.places.places[$0.index].name } }
        #expect(names("mediateque").contains { $0.hasPrefix("Médiathèque") }, "a missing letter")
        #expect(names("mediatheque").count == names("médiathèque").count)
        #expect(names("biblio").first == "Bibliothèque Municipale de Lille", "the nearest first: \(names("biblio").prefix(3))")
        let arras = Self.search.search("arras", in: Flow.places, from: origin)
        #expect(arras.filter { Flow.places.places[$0.index].commune == "Arras" }.count >= 3)
        #expect(arras.allSatisfy { let p = Flow.places.places[$0.index]; return (p.name + " " + p.commune + " " + p.address).lowercased().contains("arras") })
        #expect(Self.search.search("zzzz", in: Flow.places, from: origin).isEmpty)
        #expect(PlaceSearch.isClose("smartfone", "smartphone") && !PlaceSearch.isClose("lens", "lille"))
    }

    @Test func theKiosksSearchSaysHowManyAndHowFar() throws {
        var kiosk = Flow.kiosk()
        var settings = kiosk.settings
        settings.placeSearch = Self.search
        kiosk = Kiosk(settings: settings, map: KioskFixture.renderer, catalog: KioskFixture.catalog, viewport: KioskFixture.viewport, now: 0)
        kiosk.setPlaces(Flow.places)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:search""#, #""type": "type", "text": "caf""#])
        let total = kiosk.searchResults.count
        #expect(total > 50)
        let texts = kiosk.visitorView.texts.map(\.text)
        #expect(texts.contains { $0.hasSuffix("sur \(total), les plus proches d'abord") }, "\(texts.prefix(6))")
        #expect(texts.contains { $0.firstMatch(of: #/^\d+ m · |^\d+,\d km · /#) != nil }, "rows give the distance")
    }
}
