import FeedbackModel
import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry

/// The anonymous usage events a visit leaves, read off the visitor's state: what they did, in
/// order, under one random visit number, and nothing when the shell asks for none.
@Suite struct UsageTrackingTests {
    static func kiosk(usage: Bool) -> Kiosk {
        var kiosk = VisitorFlowTests.kiosk(feedback: true)
        kiosk.settings.usage = usage
        return kiosk
    }

    static let visit = [
        #""type": "tap", "target": "control:chip:wheelchair""#,
        #""type": "tap", "target": "control:setLanguage:en""#,
        #""type": "tap", "target": "control:legend""#,
        #""type": "tap", "target": "control:nearby""#,
        #""type": "tap", "target": "geo:50.6370,3.0700""#,
        #""type": "tap", "target": "control:chip:wheelchair""#,
        #""type": "tap", "target": "control:restart""#,
        #""type": "tap", "target": "control:search""#,
    ]

    @Test func aVisitIsTheSequenceOfWhatTheVisitorDid() throws {
        var kiosk = Self.kiosk(usage: true)
        let shell = VisitorFlowTests.Shell()
        try VisitorFlowTests.run(&kiosk, Self.visit, shell: shell)
        let described = shell.usage.map { event -> String in
            let d = event.detail
            return [event.kind.rawValue, d.filter, d.on.map { "\($0)" }, d.language, d.panel, d.origin, d.ended]
                .compactMap { $0 }.joined(separator: " ")
        }
        #expect(described == [
            "visit_start fr", "filter wheelchair true", "language en", "panel legend", "nearby kiosk", "nearby point",
            "filter wheelchair false", "visit_end en restart",
            "visit_start fr", "panel search",
        ], "\(described)")
        // Two visits, each with its own number and its steps in order; nothing links them.
        let visits = shell.usage.map(\.visit).uniqued()
        #expect(visits.count == 2)
        for visit in visits {
            let steps = shell.usage.filter { $0.visit == visit }.map(\.step)
            #expect(steps == Array(0..<steps.count))
        }
        #expect(shell.usage.allSatisfy { $0.detail.place == nil || $0.kind == .card })
    }

    @Test func nothingWhenTheShellAsksForNone() throws {
        var kiosk = Self.kiosk(usage: false)
        let shell = VisitorFlowTests.Shell()
        try VisitorFlowTests.run(&kiosk, Self.visit, shell: shell)
        #expect(shell.usage.isEmpty)
    }

    /// Left alone with the form open: the form is abandoned at its question, the visit ends "idle".
    @Test func walkingAwayAbandonsTheFormAndEndsTheVisit() throws {
        var kiosk = Self.kiosk(usage: true)
        let shell = VisitorFlowTests.Shell()
        let index = try #require(VisitorFlowTests.places.index(ofID: "france-services-1933"))
        kiosk.show(center: VisitorFlowTests.places.places[index].coordinate!, zoom: 15)
        try VisitorFlowTests.run(&kiosk, [
            #""type": "tap", "target": "place:france-services-1933""#,
            #""type": "tap", "target": "control:giveFeedback""#,
            #""type": "tap", "target": "control:answer:oui""#,
            #""type": "tap", "target": "control:answer:oui""#,
        ], shell: shell)
        kiosk.advance(to: 200)
        kiosk.advance(to: 300)
        shell.perform(on: &kiosk)
        let kinds = shell.usage.map(\.kind)
        #expect(kinds == [.visitStart, .card, .formStart, .formAbandon, .visitEnd], "\(kinds)")
        #expect(shell.usage[3].detail.question == 2 && shell.usage[3].detail.answered == 1 && shell.usage[3].detail.place == "france-services-1933")
        #expect(shell.usage[4].detail.ended == "idle")
    }
}

private extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
