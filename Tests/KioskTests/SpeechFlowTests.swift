import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry
@testable import Places

/// "Écouter" in the state machine: what it asks the shell to read, and every way it stops (a
/// second tap, a touch elsewhere, a change of panel, the idle reset), on the real places.
@Suite struct SpeechFlowTests {
    static func kiosk(speech: Bool = true) -> Kiosk {
        var kiosk = VisitorFlowTests.kiosk(feedback: true)
        kiosk.settings.speech = speech
        kiosk.refreshVisitorView()
        return kiosk
    }

    @Test func theTitleIsReadAndASecondTapStopsIt() throws {
        var kiosk = Self.kiosk()
        let shell = VisitorFlowTests.Shell()
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:listen:title""#], shell: shell)
        #expect(shell.spoken.count == 1 && shell.spoken[0].language == "fr")
        #expect(shell.spoken.first?.text.hasPrefix("Où trouver de l'aide pour vos démarches en ligne\u{00A0}?") == true)
        #expect(kiosk.speaking == .title)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:listen:title""#], from: 3, shell: shell)
        #expect(kiosk.speaking == nil && shell.stops == 1 && shell.spoken.count == 1)
    }

    @Test func aCardIsReadInItsLanguageAndATouchElsewhereStopsIt() throws {
        var kiosk = Self.kiosk()
        let shell = VisitorFlowTests.Shell()
        let id = "france-services-1933"
        let index = try #require(VisitorFlowTests.places.index(ofID: id))
        kiosk.show(center: VisitorFlowTests.places.places[index].coordinate!, zoom: 15)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "place:\#(id)""#, #""type": "tap", "target": "control:listen:panel""#],
                                 shell: shell)
        let text = try #require(shell.spoken.last?.text)
        #expect(text.contains(VisitorFlowTests.places.places[index].name))
        #expect(text.contains("Ouvert maintenant"))
        // Times as words, not "9h00".
        #expect(text.contains(" heures") && !text.contains("h00"), "\(text.prefix(400))")
        #expect(kiosk.visitorView.buttons.contains { $0.control == .listen(.panel) && $0.label == "Arrêter" })
        // A touch on the map, away from the control: silence, and the card stays.
        kiosk.handle(.fingerDown(id: 7, position: Point(x: 40, y: kiosk.viewport.height / 2)), at: 6)
        VisitorFlowTests.Shell.perform(shell, on: &kiosk)
        #expect(kiosk.speaking == nil && shell.stops == 1)
        // In English, it reads English.
        kiosk.handle(.fingerUp(id: 7, position: Point(x: 40, y: kiosk.viewport.height / 2)), at: 6.05)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:language""#, #""type": "tap", "target": "place:\#(id)""#,
                                          #""type": "tap", "target": "control:listen:panel""#], from: 8, shell: shell)
        #expect(shell.spoken.last?.language == "en")
        #expect(shell.spoken.last?.text.contains("Open now") == true)
    }

    @Test func aListIsReadAndChangingPanelStopsIt() throws {
        var kiosk = Self.kiosk()
        let shell = VisitorFlowTests.Shell()
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:nearby""#, #""type": "tap", "target": "control:listen:panel""#],
                                 shell: shell)
        let text = try #require(shell.spoken.last?.text)
        let first = VisitorFlowTests.places.places[kiosk.nearbyHits[0].index].name
        #expect(text.contains(first) && text.contains(" m"), "\(text.prefix(300))")
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "row:0""#], from: 4, shell: shell)
        #expect(kiosk.selectedPlace != nil && kiosk.speaking == nil && shell.stops == 1)
    }

    @Test func aQuestionIsReadWithItsAnswers() throws {
        var kiosk = Self.kiosk()
        let shell = VisitorFlowTests.Shell()
        let id = "france-services-1933"
        let index = try #require(VisitorFlowTests.places.index(ofID: id))
        kiosk.show(center: VisitorFlowTests.places.places[index].coordinate!, zoom: 15)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "place:\#(id)""#, #""type": "tap", "target": "control:giveFeedback""#,
                                          #""type": "tap", "target": "control:listen:panel""#], shell: shell)
        let text = try #require(shell.spoken.last?.text)
        #expect(text.contains("Êtes-vous allé(e) dans ce lieu ?") && text.contains("Oui, j'y suis allé(e).") && text.contains("Pas encore."), "\(text)")
        // Answering moves to the next question: the reading of this one stops.
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:answer:oui""#], from: 5, shell: shell)
        #expect(kiosk.speaking == nil && shell.stops == 1)
    }

    @Test func theEndOfTheTextAndTheIdleResetAreFollowed() throws {
        var kiosk = Self.kiosk()
        let shell = VisitorFlowTests.Shell()
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:listen:title""#], shell: shell)
        kiosk.receive(.speechEnded)
        #expect(kiosk.speaking == nil)
        VisitorFlowTests.Shell.perform(shell, on: &kiosk)
        #expect(shell.stops == 0, "a text heard whole needs no stop")
        // Reading again, then nobody: the warning is read (they used speech), the reset stops it all.
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:listen:title""#], from: 3, shell: shell)
        kiosk.advance(to: 100)
        VisitorFlowTests.Shell.perform(shell, on: &kiosk)
        #expect(shell.spoken.last?.text.hasPrefix("Touchez l'écran pour continuer") == true, "\(shell.spoken.last?.text ?? "")")
        kiosk.advance(to: 120)
        VisitorFlowTests.Shell.perform(shell, on: &kiosk)
        #expect(kiosk.speaking == nil && !kiosk.visitor.usedSpeech)
    }

    @Test func withoutSpeechThereIsNoListenControl() throws {
        var kiosk = Self.kiosk(speech: false)
        #expect(kiosk.position(of: "control:listen:title") == nil)
        try VisitorFlowTests.run(&kiosk, [#""type": "tap", "target": "control:nearby""#])
        #expect(kiosk.position(of: "control:listen:panel") == nil)
    }
}
