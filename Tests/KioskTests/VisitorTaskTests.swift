import Foundation
import Testing
@testable import Kiosk
@testable import Places

/// What a visitor comes to do, scripted from the home view (or from a card), with the touches it
/// takes counted: every tap and every key of the on-screen keyboard.
@Suite struct VisitorTaskTests {
    typealias Flow = VisitorFlowTests

    /// Plays taps (`"control:…"`, `"row:N"`) and typed words (`"type:…"`, a key each letter)
    /// and returns how many touches they took.
    static func perform(_ steps: [String], on kiosk: inout Kiosk, shell: Flow.Shell = Flow.Shell()) throws -> Int {
        var touches = 0
        let lines = steps.map { step in
            if step.hasPrefix("type:") {
                touches += step.dropFirst(5).count
                return #""type": "type", "text": "\#(step.dropFirst(5))""#
            }
            touches += 1
            return #""type": "tap", "target": "\#(step)""#
        }
        try Flow.run(&kiosk, lines, shell: shell)
        return touches
    }

    @Test func theNearestOpenPlaceForProceduresInThreeTaps() throws {
        var kiosk = Flow.kiosk()
        let touches = try Self.perform(["control:chip:procedures", "control:chip:openNow", "control:nearby"], on: &kiosk)
        #expect(touches <= 3)
        // The first row is the nearest place helping with procedures open now, found by brute force.
        let places = Flow.places
        let open = places.places.indices.filter {
            PlaceNeed.procedures.isMet(by: places.places[$0]) && places.isOpen($0, at: Flow.tuesdayMorning) == true && places.places[$0].coordinate != nil
        }
        let nearest = try #require(open.min { places.rank(.init(index: $0, distance: places.places[$0].coordinate!.distance(to: Flow.lilleStation)))
                                               < places.rank(.init(index: $1, distance: places.places[$1].coordinate!.distance(to: Flow.lilleStation))) })
        #expect(kiosk.listedPlaceIDs.first == places.places[nearest].id)
        #expect(kiosk.visitorView.texts.contains { $0.text.contains(PlaceWording.readableName(places.places[nearest].name)) })
    }

    @Test func aNamedLibraryInFiveTouches() throws {
        var kiosk = Flow.kiosk()
        let touches = try Self.perform(["control:search", "type:bib", "row:0"], on: &kiosk)
        #expect(touches <= 5)
        let shown = try #require(kiosk.selectedPlace)
        #expect(Flow.places.places[shown].name == "Bibliothèque Municipale de Lille")
    }

    @Test func aPlacesHoursInTwoTaps() throws {
        var kiosk = Flow.kiosk()
        let touches = try Self.perform(["control:nearby", "row:0"], on: &kiosk)
        #expect(touches <= 2)
        let shown = try #require(kiosk.selectedPlace)
        #expect(Flow.places.places[shown].hours != nil)
        let texts = kiosk.visitorView.texts.map(\.text)
        #expect(texts.contains { $0.hasPrefix("lundi") || $0.hasPrefix("mardi") }, "the week's hours, a day a line: \(texts.prefix(12))")
    }

    @Test func oneAccessibilityAnswerInFourTapsFromACard() throws {
        let shell = Flow.Shell()
        var kiosk = Flow.kiosk(feedback: true)
        let index = try #require(Flow.places.index(ofID: "france-services-1933"))
        kiosk.showPlace(index)
        let touches = try Self.perform(["control:giveFeedback", "control:answer:oui", "control:answer:non", "control:send"], on: &kiosk, shell: shell)
        #expect(touches <= 4)
        #expect(shell.stored.first?.payload.answers == ["lieu_visite": "oui", "entree_plain_pied": "non"])
    }

    @Test func englishInOneTap() throws {
        var kiosk = Flow.kiosk()
        let touches = try Self.perform(["control:setLanguage:en"], on: &kiosk)
        #expect(touches == 1 && kiosk.language == "en")
        #expect(kiosk.visitorView.buttons.contains { $0.control == .setLanguage("fr") && $0.label == "Français" }, "and back the same way")
    }
}
