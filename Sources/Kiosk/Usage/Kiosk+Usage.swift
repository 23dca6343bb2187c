import FeedbackModel
import Foundation

/// The visit being counted: a random number drawn at its first touch and forgotten at its reset,
/// the rank of its next event, and when it began (the kiosk's clock).
struct UsageVisit: Sendable, Equatable {
    var id = UUID()
    var nextStep = 0
    var startedAt: Double
}

/// Anonymous usage events (``KioskEffect/usage(_:)``), when the shell asks for them
/// (``KioskSettings/usage``). They are read off the visitor's state before and after each input,
/// so that no handler has to remember to count: what changed is what the visitor did.
extension Kiosk {
    /// The first touch or key after the kiosk was at rest begins a visit.
    mutating func beginVisitIfNeeded(by event: InputEvent) {
        guard settings.usage, usageVisit == nil else { return }
        switch event {
        case .fingerDown, .mouseDown, .key, .wheel: break
        default: return
        }
        usageVisit = UsageVisit(startedAt: now)
        recordUsage(.visitStart, UsageEvent.Detail(language: visitor.language))
    }

    /// The visit is forgotten: its length, language and how it ended.
    mutating func endVisit(endedBy ending: String) {
        guard let visit = usageVisit else { return }
        // What was open is left as the visitor walks away: a search ends, a form is abandoned.
        notePanel(from: visitor.panel, to: .none)
        recordUsage(.visitEnd, UsageEvent.Detail(language: visitor.language, seconds: Int((now - visit.startedAt).rounded()),
                                                 ended: ending))
        usageVisit = nil
    }

    /// What the visitor did with one input, from the state before it.
    mutating func noteUsage(since before: Visitor) {
        guard settings.usage, usageVisit != nil else { return }
        let after = visitor
        if after.language != before.language { recordUsage(.language, UsageEvent.Detail(language: after.language)) }
        for chip in FilterChip.allCases where before.chips.contains(chip) != after.chips.contains(chip) {
            recordUsage(.filter, UsageEvent.Detail(filter: chip.rawValue, on: after.chips.contains(chip)))
        }
        for value in before.publics.symmetricDifference(after.publics).sorted() {
            recordUsage(.filter, UsageEvent.Detail(filter: "public:" + value, on: after.publics.contains(value)))
        }
        for value in before.support.symmetricDifference(after.support).sorted() {
            recordUsage(.filter, UsageEvent.Detail(filter: "support:" + value, on: after.support.contains(value)))
        }
        if after.coverage != before.coverage, let coverage = after.coverage {
            recordUsage(.coverage, UsageEvent.Detail(layer: "\(coverage.layer.rawValue):\(coverage.moment.rawValue)"))
        }
        if after.speaking != nil && after.speaking != before.speaking {
            recordUsage(.readAloud, UsageEvent.Detail(panel: after.panel.name))
        }
        if after.panel != before.panel { notePanel(from: before.panel, to: after.panel) }
        // In "Près d'ici", a touched spot becomes the new origin.
        if before.panel == .nearby, after.panel == .nearby, after.nearbyOrigin != before.nearbyOrigin {
            recordUsage(.nearby, UsageEvent.Detail(origin: after.nearbyOrigin == nil ? "kiosk" : "point"))
        }
    }

    private mutating func notePanel(from before: VisitorPanel, to after: VisitorPanel) {
        noteSearch(from: before, to: after)
        if case .feedback(let form) = before {
            if case .feedback = after { return }
            if case .sending = after {
                recordUsage(.formSent, UsageEvent.Detail(place: form.placeID, answered: form.saidCount))
            } else {
                recordUsage(.formAbandon, UsageEvent.Detail(place: form.placeID, question: form.counter?.number ?? 0,
                                                            answered: form.saidCount))
            }
        }
        switch after {
        case .none, .sending, .thanks:
            break
        case .details(let index):
            guard before != after else { return }
            recordUsage(.card, UsageEvent.Detail(place: placeLayer.directory.places[index].id, codes: visitorView.codes.count))
        case .nearby:
            if case .nearby = before { return }
            recordUsage(.nearby, UsageEvent.Detail(origin: visitor.nearbyOrigin == nil ? "kiosk" : "point"))
        case .feedback(let form):
            if case .feedback = before { return }
            recordUsage(.formStart, UsageEvent.Detail(place: form.placeID))
        case .commune, .languages, .placesHere, .legend, .moreFilters, .search, .missingPlace:
            guard before.name != after.name else { return }
            recordUsage(.panel, UsageEvent.Detail(panel: after.name))
        }
    }

    /// A search ends when its panel closes: how many letters, how many places found, never the text.
    private mutating func noteSearch(from before: VisitorPanel, to after: VisitorPanel) {
        guard before == .search, after != .search, !visitor.search.text.isEmpty else { return }
        recordUsage(.search, UsageEvent.Detail(letters: visitor.search.text.count, results: visitor.search.results.count))
    }

    private mutating func recordUsage(_ kind: UsageEvent.Kind, _ detail: UsageEvent.Detail) {
        guard var visit = usageVisit else { return }
        pendingEffects.append(.usage(UsageEvent(kind: kind, visit: visit.id, step: visit.nextStep, detail: detail)))
        visit.nextStep += 1
        usageVisit = visit
    }
}
