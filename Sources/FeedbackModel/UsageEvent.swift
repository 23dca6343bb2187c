import Foundation

/// One anonymous fact about how the table is used, as the kiosk notices it: what a lab needs to
/// evaluate the table, and nothing that could identify a visitor or link two visits. No text typed
/// (a search is its number of letters and of results), no position finer than a place id (for
/// "Près d'ici": the kiosk or a touched point, never which point).
public struct UsageEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The first touch after the kiosk was at rest.
        case visitStart = "visit_start"
        /// The visit was forgotten (the idle reset or "Recommencer"): its length and language.
        case visitEnd = "visit_end"
        /// A panel was opened (languages, legend, search, more filters, a missing place…).
        case panel
        /// A filter was turned on or off.
        case filter
        /// The visitor chose another language.
        case language
        /// A search ended (the panel closed or a result was opened): letters typed, results.
        case search
        /// "Près d'ici", from the kiosk or from a touched point.
        case nearby
        /// A place's card was opened (the place's id, and how many QR codes it showed).
        case card
        /// "Écouter" started reading aloud.
        case readAloud = "read_aloud"
        case formStart = "form_start"
        /// The form was left before "Envoyer": at which question.
        case formAbandon = "form_abandon"
        case formSent = "form_sent"
        /// The coverage view was opened, or another of its layers or moments chosen.
        case coverage
    }

    /// What an event says beyond its kind; every field is optional and most are absent.
    public struct Detail: Sendable, Equatable, Codable {
        public var language: String?
        public var panel: String?
        public var filter: String?
        public var on: Bool?
        public var letters: Int?
        public var results: Int?
        /// "kiosk" or "point".
        public var origin: String?
        public var place: String?
        /// The form's question counter where it was left, and how many questions were answered.
        public var question: Int?
        public var answered: Int?
        public var seconds: Int?
        /// "idle" (nobody touched it for a while) or "restart" (the visitor's "Recommencer").
        public var ended: String?
        public var layer: String?
        public var codes: Int?

        public init(language: String? = nil, panel: String? = nil, filter: String? = nil, on: Bool? = nil,
                    letters: Int? = nil, results: Int? = nil, origin: String? = nil, place: String? = nil,
                    question: Int? = nil, answered: Int? = nil, seconds: Int? = nil, ended: String? = nil,
                    layer: String? = nil, codes: Int? = nil) {
            self.language = language
            self.panel = panel
            self.filter = filter
            self.on = on
            self.letters = letters
            self.results = results
            self.origin = origin
            self.place = place
            self.question = question
            self.answered = answered
            self.seconds = seconds
            self.ended = ended
            self.layer = layer
            self.codes = codes
        }
    }

    public var kind: Kind
    /// Drawn at random when the visit began, forgotten when it ends.
    public var visit: UUID
    /// The event's rank in its visit (0 for the start).
    public var step: Int
    public var detail: Detail

    public init(kind: Kind, visit: UUID, step: Int, detail: Detail = Detail()) {
        self.kind = kind
        self.visit = visit
        self.step = step
        self.detail = detail
    }
}

/// A usage event as queued and delivered: stamped by the shell with its own id, the kiosk and
/// the minute (never finer), like an answer.
public struct UsageRecord: Sendable, Equatable {
    public var id: UUID
    public var minute: Date
    public var kioskID: String
    public var appVersion: String
    public var event: UsageEvent

    public init(id: UUID = UUID(), at date: Date, kioskID: String, appVersion: String, event: UsageEvent) {
        self.id = id
        self.minute = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
        self.kioskID = kioskID
        self.appVersion = appVersion
        self.event = event
    }
}
