import Foundation
import Testing
import FeedbackModel
@testable import Kiosk
import MapGeometry
import MapScene
@testable import Places

/// The form respects the visitor's time: "have you been there?" first, five questions chosen for
/// the place, more only if asked, a counter that never jumps, "Annuler" that asks, a pictogram per
/// answer, and whatever was answered can be sent.
@Suite struct FeedbackFormTests {
    typealias Flow = VisitorFlowTests

    static func place(_ id: String) throws -> (Place, Int) {
        let index = try #require(Flow.places.index(ofID: id))
        return (Flow.places.places[index], index)
    }

    /// A place with hours, at its own address, without an Acceslibre record.
    static let franceServices = "france-services-1933"

    @Test func theFirstQuestionsAreWhatThePlacesDataLacks() throws {
        var (place, index) = try Self.place(Self.franceServices)
        #expect(place.hours != nil && !place.isApproximate && place.accesLibreURL == nil)
        func firstFive(_ place: Place) -> [String] { FeedbackForm(place: place, placeIndex: index).questionsAfterVisit.prefix(5).map(\.id) }
        #expect(firstFive(place) == ["entree_plain_pied", "horaires_correctes", "satisfaction", "accueil_cheminement_plain_pied", "sanitaires_adaptes"])
        // Known only by its commune: its address first; without hours, no question about them.
        place.isApproximate = true
        place.hours = nil
        #expect(firstFive(place).first == "infos_correctes")
        #expect(!FeedbackForm(place: place, placeIndex: index).questionsAfterVisit.contains { $0.id == "horaires_correctes" })
        // An Acceslibre record describes the entrance: satisfaction comes before it.
        place.isApproximate = false
        place.accesLibreURL = "https://acceslibre.beta.gouv.fr/app/59-lille/a/mairie/erp/x/"
        #expect(firstFive(place).firstIndex(of: "satisfaction")! < firstFive(place).firstIndex(of: "entree_plain_pied")!)
        // A place that says it helps deaf people is asked whether it does.
        place.specificSupport = ["Surdité"]
        #expect(firstFive(place).contains("accueil_equipements_malentendants_presence"))
        // Every question of the whole form is asked of someone who has been there, once.
        let all = FeedbackForm(place: try Self.place(Self.franceServices).0, placeIndex: index).questionsAfterVisit.map(\.id)
        #expect(Set(all).count == all.count)
        #expect(Set(all) == Set(FeedbackQuestion.all.filter { $0.askedWhen == nil && $0.id != "lieu_visite" }.map(\.id)))
    }

    @Test func someoneWhoHasNotBeenIsAskedOnlyWhatTheyCanKnow() throws {
        let (place, index) = try Self.place(Self.franceServices)
        var form = FeedbackForm(place: place, placeIndex: index)
        #expect(form.step == .visited && form.counter == nil)
        form.answer(.non)
        #expect(form.steps == [.visited, .question(FeedbackQuestion.named("infos_correctes")!), .question(FeedbackQuestion.named("horaires_correctes")!),
                               .comment, .review])
        #expect(form.counter?.number == 1 && form.counter?.of == 2)
        #expect(form.saidCount == 0, "having been there or not is not an answer worth sending alone")
        form.answer(.oui)
        #expect(form.saidCount == 1 && form.finalAnswers().values == ["lieu_visite": "non", "infos_correctes": "oui"])
    }

    @Test func theCounterNeverJumps() throws {
        let (place, index) = try Self.place(Self.franceServices)
        var form = FeedbackForm(place: place, placeIndex: index)
        form.answer(.oui)
        var seen: [(Int, Int)] = []
        while form.step != .comment {
            if let counter = form.counter { seen.append((counter.number, counter.of)) }
            switch form.step {
            case .more: form.answer(.oui)
            case .question(let q) where q.id == "entree_plain_pied": form.answer(.non)   // the ramp question follows
            case .question(let q): form.answer(q.offered[0])
            default: form.skip()
            }
        }
        #expect(seen.map(\.0) == [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "\(seen)")
        #expect(seen.prefix(6).allSatisfy { $0.1 == 5 } && seen.dropFirst(6).allSatisfy { $0.1 == 10 })
    }

    @Test func changingTheFirstAnswerKeepsOnlyWhatFits() throws {
        let (place, index) = try Self.place(Self.franceServices)
        var form = FeedbackForm(place: place, placeIndex: index)
        form.answer(.oui)
        form.answer(.non)          // no step-free entrance
        form.answer(.fixe)         // a fixed ramp
        form.answer(.non)          // hours wrong
        #expect(form.saidCount == 3)
        form.back(); form.back(); form.back(); form.back()
        #expect(form.step == .visited)
        form.answer(.non)
        // Not been there: the entrance and ramp answers are not sent; the hours one still is.
        #expect(form.finalAnswers().values == ["lieu_visite": "non", "horaires_correctes": "non"])
    }

    @Test func annulerAsksOnceAndKeepsTheAnswers() throws {
        var kiosk = Flow.kiosk(feedback: true)
        let (_, index) = try Self.place(Self.franceServices)
        kiosk.showPlace(index)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:giveFeedback""#, #""type": "tap", "target": "control:answer:oui""#])
        // Nothing said yet: "Annuler" goes straight back to the card.
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:closePanel""#], from: 3)
        #expect(kiosk.panel == .details(index))
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:giveFeedback""#, #""type": "tap", "target": "control:answer:oui""#,
                              #""type": "tap", "target": "control:answer:oui""#, #""type": "tap", "target": "control:closePanel""#], from: 4)
        #expect(kiosk.form?.confirmingCancel == true)
        let labels = kiosk.visitorView.texts.map(\.text) + kiosk.visitorView.buttons.map(\.label)
        #expect(labels.contains("Effacer vos réponses ?") && labels.contains("Non, continuer") && labels.contains("Oui, effacer"))
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:keepAnswering""#], from: 8)
        #expect(kiosk.form?.saidCount == 1 && kiosk.form?.confirmingCancel == false)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:closePanel""#, #""type": "tap", "target": "control:closePanel""#], from: 9)
        #expect(kiosk.panel == .details(index))
    }

    @Test func withNothingAnsweredTheEndSaysSoAndLeadsOut() throws {
        var kiosk = Flow.kiosk(feedback: true)
        let (_, index) = try Self.place(Self.franceServices)
        kiosk.showPlace(index)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:giveFeedback""#, #""type": "tap", "target": "control:answer:non""#,
                              #""type": "tap", "target": "control:skip""#, #""type": "tap", "target": "control:skip""#,
                              #""type": "tap", "target": "control:skip""#])
        #expect(kiosk.form?.step == .review)
        #expect(!kiosk.visitorView.buttons.contains { $0.control == .send })
        #expect(kiosk.visitorView.texts.contains { $0.text.contains("rien à envoyer") })
        #expect(kiosk.visitorView.buttons.contains { $0.control == .closePanel && $0.label == "Fermer" })
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:closePanel""#], from: 7)
        #expect(kiosk.panel == .details(index))
    }

    /// Each answer of each step has its own pictogram, and the two ramps are drawn differently.
    @Test func everyAnswerHasItsOwnPictogram() throws {
        var kiosk = Flow.kiosk(feedback: true)
        let (_, index) = try Self.place(Self.franceServices)
        kiosk.showPlace(index)
        try Flow.run(&kiosk, [#""type": "tap", "target": "control:giveFeedback""#])
        var steps = 0
        while let form = kiosk.form, form.step != .comment {
            let icons = kiosk.visitorView.buttons.filter { $0.style == .answer }.compactMap(\.icon)
            #expect(icons.count >= 2 && Set(icons.map { "\($0)" }).count == icons.count, "\(form.step): \(icons)")
            let next: String
            switch form.step {
            case .question(let q) where q.id == "entree_plain_pied": next = "control:answer:non"
            case .more: next = "control:answer:oui"
            default:
                let first = try #require(kiosk.visitorView.buttons.first { $0.style == .answer })
                guard case .answer(let value) = first.control else { Issue.record("\(first.control) is not an answer"); return }
                next = "control:answer:\(value.rawValue)"
            }
            try Flow.run(&kiosk, [#""type": "tap", "target": "\#(next)""#], from: 2 + Double(steps))
            steps += 1
        }
        #expect(steps == 13, "been there, eleven questions with the ramp, more")
        let painter = KioskPainter(kiosk: kiosk)
        func drawn(_ icon: VisitorView.Icon) -> DisplayList {
            var list = DisplayList(background: .white)
            painter.paintIcon(icon, in: Rect(x: 0, y: 0, width: 100, height: 100), ink: .black, background: .white, into: &list)
            return list
        }
        #expect(drawn(.ramp) != drawn(.portableRamp) && drawn(.ramp) != drawn(.noRamp))
    }
}
