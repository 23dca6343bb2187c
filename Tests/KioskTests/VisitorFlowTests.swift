import FeedbackModel
import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry
@testable import MapScene
@testable import Places

/// What a visitor does, played as scripted traces (the same entries the replay command takes)
/// through the state machine, on the real regional places; the effects it asks for are carried out
/// by ``Shell`` (answers kept in order, searches on the directory) and their results fed back.
@Suite struct VisitorFlowTests {
    static let places: PlaceDirectory = {
        let folder = KioskFixture.root.appendingPathComponent("assets/places")
        let importer = PlaceImporter(townHalls: try! AidantsConnectReader.townHalls(
            populationCSV: try! Data(contentsOf: KioskFixture.root.appendingPathComponent("assets/population/communes-hdf-population.csv"))))
        let rows = try! ["conseillers-numeriques-hdf-2022-12.json", "france-services-hdf-2022-12-01.csv", "aidants-connect-hdf-2024-02-12.csv"]
            .flatMap { try importer.read(fileAt: folder.appendingPathComponent($0)).places }
        return PlaceDirectory(places: PlaceMerger().merge(rows))
    }()

    /// Tuesday 1 December 2026, 10:30 in Paris: most places are open.
    static let tuesdayMorning = ISO8601DateFormatter().date(from: "2026-12-01T09:30:00Z")!
    static let lilleStation = GeoCoordinate(latitude: 50.6366, longitude: 3.0635)

    static func kiosk(feedback: Bool = false) -> Kiosk {
        var settings = KioskFixture.settings
        settings.wallClock = .fixed(start: tuesdayMorning)
        settings.kioskLocation = lilleStation
        if feedback { settings.feedback = FeedbackIdentity(kioskID: "test-kiosk", appVersion: "test") }
        var kiosk = KioskFixture.make(settings: settings)
        kiosk.setPlaces(places)
        return kiosk
    }

    /// The shell's side of the effects, as small as can be: answers stored in a list (the real
    /// outbox is tested end to end through the binary).
    final class Shell {
        var stored: [FeedbackItem] = []
        /// Whether the queue takes answers; at most `capacity` when set.
        var capacity: Int?
        /// What was asked to be read aloud, and how many stops.
        var spoken: [(text: String, language: String)] = []
        var stops = 0
        var usage: [UsageEvent] = []

        static func perform(_ shell: Shell, on kiosk: inout Kiosk) { shell.perform(on: &kiosk) }

        func perform(on kiosk: inout Kiosk) {
            for effect in kiosk.takeEffects() {
                switch effect {
                case .commitFeedback(let item):
                    if let capacity, stored.count >= capacity {
                        kiosk.receive(.feedbackCommitted(id: item.id, outcome: .full))
                    } else {
                        stored.append(item)
                        kiosk.receive(.feedbackCommitted(id: item.id, outcome: .stored))
                    }
                    kiosk.receive(.feedbackIntake(hasRoom: capacity.map { stored.count < $0 } ?? true))
                case .speak(let text, let language):
                    spoken.append((text, language))
                case .stopSpeaking:
                    stops += 1
                case .usage(let event):
                    usage.append(event)
                case .reloadData, .syncNow, .setKioskLocation, .staffReport:
                    break
                }
            }
        }
    }

    /// Plays scripted entries one second apart, letting animations and double-tap windows pass.
    static func run(_ kiosk: inout Kiosk, _ lines: [String], from start: Double = 1, shell: Shell = Shell()) throws {
        let trace = try InputTrace(jsonLines: lines.enumerated().map { n, line in
            "{\"t\": \(Int((start + Double(n)) * 1000)), " + line + "}"
        }.joined(separator: "\n"))
        for entry in trace.entries {
            _ = kiosk.settle(from: entry.t / 1000 - 0.6, limit: 0.55)
            try kiosk.play(entry, at: entry.t / 1000)
            shell.perform(on: &kiosk)
        }
        _ = kiosk.settle(from: trace.duration / 1000 + 0.05)
        kiosk.advance(to: trace.duration / 1000 + 1)
        shell.perform(on: &kiosk)
    }

    @Test func tapAMarkerOpensItsCard() throws {
        var kiosk = Self.kiosk()
        let id = "france-services-1933"
        let index = try #require(Self.places.index(ofID: id))
        kiosk.show(center: Self.places.places[index].coordinate!, zoom: 15)
        try Self.run(&kiosk, [#""type": "tap", "target": "place:\#(id)""#])
        #expect(kiosk.panel == .details(index))
        let texts = kiosk.visitorView.texts.map(\.text)
        #expect(texts.contains(Self.places.places[index].name))
        #expect(texts.contains { $0.hasPrefix("Ouvert maintenant") })
        #expect(texts.contains { $0.hasPrefix("aujourd'hui") })
        // Tapping the map elsewhere closes it.
        try Self.run(&kiosk, [#""type": "tap", "target": "geo:50.6255,3.0335""#], from: 5)
        #expect(kiosk.panel == .none)
    }

    @Test func clustersZoomInWhenTapped() throws {
        var kiosk = Self.kiosk()
        _ = kiosk.render()
        let cluster = try #require(kiosk.visibleMarkers().max { $0.members.count < $1.members.count })
        #expect(cluster.members.count > 10)
        let zoom = kiosk.camera.zoom
        kiosk.tap(at: cluster.center, time: 1)
        _ = kiosk.settle(from: 1.5)
        #expect(kiosk.camera.zoom > zoom + 1)
        _ = kiosk.render()
        #expect(kiosk.visibleMarkers().count > 3)
    }

    @Test func searchTypeTapAResultCentresTheMap() throws {
        var kiosk = Self.kiosk()
        // Results as typed (names, communes, addresses from their first letters), kept to the chips' filter.
        try Self.run(&kiosk, [#""type": "tap", "target": "control:search""#, #""type": "type", "text": "mediat""#])
        #expect(kiosk.searchText == "mediat")
        #expect(!kiosk.searchResults.isEmpty)
        #expect(kiosk.searchResults.allSatisfy { i in
            PlaceMerger.normalisedName(Self.places.places[i].name + " " + Self.places.places[i].commune + " " + Self.places.places[i].address).contains("mediat")
        })
        let first = kiosk.searchResults[0]
        try Self.run(&kiosk, [#""type": "tap", "target": "row:0""#], from: 4)
        #expect(kiosk.panel == .details(first))
        // Centred in the map area left of the card.
        let p = kiosk.camera.screenPoint(of: WebMercator.project(Self.places.places[first].coordinate!))
        let free = kiosk.sidePanel.minX
        #expect(abs(p.x - free / 2) < 2 && abs(p.y - kiosk.layout.bar.y / 2) < 2)
        // Backspace and clear edit the text.
        try Self.run(&kiosk, [#""type": "tap", "target": "control:search""#, #""type": "tap", "target": "control:backspace""#], from: 6)
        #expect(kiosk.searchText == "media")
        try Self.run(&kiosk, [#""type": "tap", "target": "control:clearText""#], from: 9)
        #expect(kiosk.searchText.isEmpty && kiosk.searchResults.isEmpty)
    }

    /// Nearest place open now that helps with procedures, in three taps from the home screen.
    @Test func nearbyOpenNowForProceduresInThreeTaps() throws {
        var kiosk = Self.kiosk()
        try Self.run(&kiosk, [
            #""type": "tap", "target": "control:nearby""#,
            #""type": "tap", "target": "control:chip:procedures""#,
            #""type": "tap", "target": "control:chip:openNow""#,
        ])
        #expect(kiosk.panel == .nearby)
        let hits = kiosk.nearbyHits
        #expect(hits.count == kiosk.settings.nearbyCount)
        #expect(hits.map(\.distance) == hits.map(\.distance).sorted())
        for hit in hits {
            #expect(PlaceNeed.procedures.isMet(by: Self.places.places[hit.index]))
            #expect(Self.places.isOpen(hit.index, at: Self.tuesdayMorning) == true)
        }
        // The list on screen is that list, nearest first, with distance and "open".
        let rows = kiosk.visitorView.buttons.filter { $0.style == .row }.map(\.control)
        #expect(rows == hits.prefix(rows.count).map { .placeRow($0.index) } && rows.count >= 4)
        #expect(kiosk.visitorView.texts.contains { $0.text.contains(" m · ") || $0.text.contains(" km · ") })
        // Brute force agrees.
        let brute = Self.places.places.indices.filter {
            Self.places.places[$0].coordinate != nil && PlaceNeed.procedures.isMet(by: Self.places.places[$0])
                && Self.places.isOpen($0, at: Self.tuesdayMorning) == true
        }.min { Self.places.places[$0].coordinate!.distance(to: Self.lilleStation) < Self.places.places[$1].coordinate!.distance(to: Self.lilleStation) }
        #expect(hits.first?.index == brute)
        // Touching the map elsewhere measures from there.
        try Self.run(&kiosk, [#""type": "tap", "target": "geo:50.64,3.10""#], from: 5)
        #expect(kiosk.nearbyOrigin != nil && abs(kiosk.nearbyOrigin!.latitude - 50.64) < 0.001)
        #expect(kiosk.nearbyHits.first?.index != hits.first?.index || kiosk.nearbyHits.first!.distance != hits.first!.distance)
        // Tap a row: the map centres on it and its card opens.
        let target = kiosk.nearbyHits[0].index
        try Self.run(&kiosk, [#""type": "tap", "target": "row:0""#], from: 7)
        #expect(kiosk.panel == .details(target))
    }

    @Test func theWholeFormEndsWithOneAnswerStored() throws {
        let shell = Shell()
        var kiosk = Self.kiosk(feedback: true)
        let id = "france-services-1933"
        let index = try #require(Self.places.index(ofID: id))
        kiosk.showPlace(index)
        try Self.run(&kiosk, [
            #""type": "tap", "target": "control:giveFeedback""#,
            #""type": "tap", "target": "control:answer:oui""#,          // been there: yes
        ], shell: shell)
        // The first five questions for this place: its entrance (no Acceslibre record), its
        // hours (some are shown), satisfaction, moving around inside, toilets.
        #expect(kiosk.form?.counter?.number == 1 && kiosk.form?.counter?.of == 5)
        try Self.run(&kiosk, [#""type": "tap", "target": "control:answer:non""#], from: 3, shell: shell)   // step-free entrance: no…
        #expect(kiosk.form?.counter?.number == 1 && kiosk.form?.counter?.of == 5, "the ramp question is counted with the entrance")
        try Self.run(&kiosk, [
            #""type": "tap", "target": "control:answer:amovible""#,     // …so the ramp question comes
            #""type": "tap", "target": "control:answer:non""#,          // hours right: no
            #""type": "tap", "target": "control:answer:4""#,            // satisfaction
            #""type": "tap", "target": "control:answer:oui""#,          // moving around inside
            #""type": "tap", "target": "control:skip""#,                // toilets: skipped
        ], from: 4, shell: shell)
        #expect(kiosk.form?.step == .more)
        try Self.run(&kiosk, [#""type": "tap", "target": "control:answer:oui""#], from: 10, shell: shell)   // more questions: yes
        #expect(kiosk.form?.counter?.number == 6 && kiosk.form?.counter?.of == 10)
        try Self.run(&kiosk, [
            #""type": "tap", "target": "control:answer:formés""#,
            #""type": "tap", "target": "control:answer:ne_sait_pas""#,
            #""type": "tap", "target": "control:answer:oui""#,          // signs
            #""type": "tap", "target": "control:answer:oui""#,          // information right
            #""type": "tap", "target": "control:answer:oui""#,          // was open
            #""type": "type", "text": "accueil tres patient""#,
            #""type": "tap", "target": "control:skip""#,                // "Suivant"
        ], from: 11, shell: shell)
        #expect(shell.stored.isEmpty, "nothing is stored before Envoyer")
        try Self.run(&kiosk, [#""type": "tap", "target": "control:send""#], from: 20, shell: shell)
        #expect(kiosk.panelDescription == "thanks:sent")
        #expect(shell.stored.count == 1)
        let item = try #require(shell.stored.first)
        #expect(item.placeID == id && item.kind == .avis && item.kioskID == "test-kiosk")
        #expect(item.payload.answers == [
            "lieu_visite": "oui", "entree_plain_pied": "non", "entree_marches_rampe": "amovible", "accueil_cheminement_plain_pied": "oui",
            "accueil_personnels": "formés", "accueil_equipements_malentendants_presence": "ne_sait_pas", "entree_reperage": "oui",
            "infos_correctes": "oui", "horaires_correctes": "non", "lieu_ouvert": "oui", "satisfaction": "4",
        ])
        #expect(item.payload.comment == "accueil tres patient")
        #expect(item.createdAt.timeIntervalSince(Self.tuesdayMorning) > 0 && item.createdAt.timeIntervalSince(Self.tuesdayMorning) < 120)
        // The thanks close by themselves, back on the place's card.
        kiosk.advance(to: 40)
        #expect(kiosk.panel == .details(index))
    }

    @Test func aFullQueueSaysSoBeforeTheForm() throws {
        var kiosk = Self.kiosk(feedback: true)
        kiosk.receive(.feedbackIntake(hasRoom: false))
        kiosk.showPlace(0)
        try Self.run(&kiosk, [#""type": "tap", "target": "control:giveFeedback""#])
        #expect(kiosk.panelDescription == "thanks:full")
    }

    /// "Merci" only for an answer the shell stored: a queue that filled meanwhile says so.
    @Test func thanksWaitForTheShellsWord() throws {
        let shell = Shell()
        shell.capacity = 0
        var kiosk = Self.kiosk(feedback: true)
        kiosk.showPlace(0)
        // Been there, one answer, sent at once.
        try Self.run(&kiosk, [#""type": "tap", "target": "control:giveFeedback""#, #""type": "tap", "target": "control:answer:oui""#,
                              #""type": "tap", "target": "control:answer:oui""#], shell: shell)
        try kiosk.play(.init(t: 30_000, type: .tap, target: "control:send"), at: 30)
        #expect(kiosk.panelDescription == "sending", "the answer is handed over; no thanks yet")
        shell.perform(on: &kiosk)
        #expect(kiosk.panelDescription == "thanks:full" && shell.stored.isEmpty)
    }

    @Test func aMissingPlaceIsANameAndATap() throws {
        let shell = Shell()
        var kiosk = Self.kiosk(feedback: true)
        kiosk.show(center: Self.lilleStation, zoom: 14)
        try Self.run(&kiosk, [
            #""type": "tap", "target": "control:search""#,
            #""type": "tap", "target": "control:missingPlace""#,
            #""type": "type", "text": "espace numerique gare""#,
            #""type": "tap", "target": "control:next""#,
            #""type": "tap", "target": "geo:50.6370,3.0700""#,
            #""type": "tap", "target": "control:send""#,
        ], shell: shell)
        #expect(kiosk.panelDescription == "thanks:sent")
        let item = try #require(shell.stored.first)
        #expect(item.kind == .lieuManquant && item.payload.lieuManquant?.nom == "espace numerique gare")
        #expect(abs((item.payload.lieuManquant?.latitude ?? 0) - 50.637) < 0.0005)
    }

    @Test func theNextVisitorFindsNothingOfTheLast() throws {
        var kiosk = Self.kiosk(feedback: true)
        try Self.run(&kiosk, [
            #""type": "tap", "target": "control:language""#,
            #""type": "tap", "target": "control:nearby""#,
            #""type": "tap", "target": "geo:50.6370,3.0700""#,
            #""type": "tap", "target": "control:chip:learning""#,
            #""type": "tap", "target": "control:search""#,
            #""type": "type", "text": "lille""#,
            #""type": "tap", "target": "row:0""#,
            #""type": "tap", "target": "control:giveFeedback""#,
            #""type": "tap", "target": "control:answer:oui""#,
        ])
        #expect(kiosk.form != nil && !kiosk.chips.isEmpty && kiosk.language == "en")
        // A finger left resting on the map when the visitor walks away.
        kiosk.handle(.fingerDown(id: 3, position: Point(x: 500, y: 500)), at: 20)
        kiosk.handle(.fingerUp(id: 3, position: Point(x: 500, y: 500)), at: 20.1)
        kiosk.advance(to: 200)   // idle warning
        kiosk.advance(to: 215)   // reset
        #expect(kiosk.visitor == Visitor(language: KioskFixture.catalog.defaultLanguage))
        #expect(kiosk.form == nil && kiosk.searchText.isEmpty && kiosk.pressed == nil)
        #expect(kiosk.camera == kiosk.homeCamera)
    }

    /// Every target a visitor touches is at least 9 mm, on three screens.
    @Test(arguments: [(1920.0, 1080.0, 43.0), (1280.0, 800.0, 15.6), (3840.0, 2160.0, 55.0)])
    func targetsAreLargeEnough(width: Double, height: Double, inches: Double) throws {
        var settings = KioskFixture.settings
        settings.screenDiagonalInches = inches
        settings.wallClock = .fixed(start: Self.tuesdayMorning)
        settings.feedback = FeedbackIdentity(kioskID: "k", appVersion: "t")
        var kiosk = Kiosk(settings: settings, map: KioskFixture.renderer, catalog: KioskFixture.catalog,
                          viewport: Size(width: width, height: height), now: 0)
        kiosk.setPlaces(Self.places)
        let minimum = kiosk.metrics.px(9) - 1
        func check(_ what: String) {
            for button in kiosk.visitorView.buttons {
                #expect(button.rect.width >= minimum && button.rect.height >= minimum, "\(what): \(button.control) \(button.rect)")
            }
            for (control, rect) in kiosk.layout.controls {
                #expect(rect.width >= minimum && rect.height >= minimum, "\(what): \(control) \(rect)")
            }
        }
        check("home")
        try Self.run(&kiosk, [#""type": "tap", "target": "control:search""#])
        check("search")
        kiosk.showPlace(0)
        try Self.run(&kiosk, [#""type": "tap", "target": "control:giveFeedback""#], from: 3)
        check("form")
    }
}
