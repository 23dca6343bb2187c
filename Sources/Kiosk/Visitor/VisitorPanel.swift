import Foundation
import FeedbackModel
import MapGeometry
import Coverage
import Places

/// The filter chips above the bar: the main needs, how a place receives people (free, one to
/// one, without appointment: shown when some place says so), and "open now". The raw value is
/// the name traces and logs use (`chip:openNow`).
public enum FilterChip: String, Hashable, Sendable, CaseIterable {
    case procedures, learning, equipment, wheelchair, free, oneToOne, walkIn, openNow

    var need: PlaceNeed? {
        switch self {
        case .procedures: return .procedures
        case .learning: return .learning
        case .equipment: return .equipment
        case .wheelchair: return .wheelchair
        case .free, .oneToOne, .walkIn, .openNow: return nil
        }
    }

    var offer: PlaceOffer? {
        switch self {
        case .free: return .free
        case .oneToOne: return .oneToOne
        case .walkIn: return .walkIn
        default: return nil
        }
    }

    var labelKey: StringCatalog.Key {
        switch self {
        case .procedures: return .chipProcedures
        case .learning: return .chipLearning
        case .equipment: return .chipEquipment
        case .wheelchair: return .chipWheelchair
        case .free: return .chipFree
        case .oneToOne: return .chipOneToOne
        case .walkIn: return .chipWalkIn
        case .openNow: return .chipOpenNow
        }
    }
}

/// What is open over the map for the visitor, with the data it shows: a panel cannot exist
/// without its data (the form panel holds its form).
public enum VisitorPanel: Sendable, Equatable {
    case none
    /// A place's card (the place's index in the directory).
    case details(Int)
    /// A commune's card in the coverage view (index into the coverage territories).
    case commune(Int)
    /// The languages, each by its own name (more than two: the language button opens it).
    case languages
    /// "Près d'ici": the nearest places to ``Visitor/nearbyOrigin``.
    case nearby
    /// Places at one spot (a shared building, a town hall's position) that no zoom separates:
    /// "4 lieux ici", each a row to tap.
    case placesHere([Int])
    /// What the markers mean: each kind of place, a hollow ring, a cluster's number.
    case legend
    /// Publics and specific supports to filter on.
    case moreFilters
    /// Search with the on-screen keyboard (what was typed is ``Visitor/search``: it outlives the panel).
    case search
    /// The feedback form.
    case feedback(FeedbackForm)
    /// "Signaler un lieu manquant": its name, then its position on the map.
    case missingPlace(MissingPlaceReport)
    /// An answer handed to the shell to be stored; "Merci" waits for its word.
    case sending(UUID)
    /// After "Envoyer": thanks, or why it could not be taken; closes by itself after a while.
    case thanks(Thanks, since: Double)

    public enum Thanks: String, Sendable, Equatable {
        case sent
        /// The queue is at its bound: no answer can be taken now.
        case full
        case failed
    }

    /// The panel's kind in words (`details:ID` aside), for replays and logs.
    var name: String {
        switch self {
        case .none: return "none"
        case .details: return "details"
        case .commune: return "commune"
        case .languages: return "languages"
        case .nearby: return "nearby"
        case .placesHere: return "places_here"
        case .legend: return "legend"
        case .moreFilters: return "more_filters"
        case .search: return "search"
        case .feedback: return "feedback"
        case .missingPlace: return "missing_place"
        case .sending: return "sending"
        case .thanks(let kind, _): return "thanks:\(kind.rawValue)"
        }
    }
}

/// What the visitor typed in the search field, and the places found for it (indices, best first).
public struct SearchQuery: Sendable, Equatable {
    public var text = ""
    /// Every place found, nearest to the kiosk first.
    public var results: [Int] = []
    /// Their distances from the kiosk, in metres (infinite without a position).
    public var distances: [Double] = []
    public init() {}
}

/// A place the visitor says the map lacks: its name first, then a touch on the map.
public struct MissingPlaceReport: Sendable, Equatable {
    public enum Step: Sendable, Equatable { case name, position }
    public var name = ""
    public var position: GeoCoordinate?
    public var step = Step.name
    public init() {}
}

/// The interface's controls, each a touch target.
public enum Control: Hashable, Sendable {
    case home, zoomIn, zoomOut, language
    case nearby, search
    /// The coverage view, on and off; its layers and moments.
    case coverage
    case coverageLayer(CoverageLayer)
    /// "Écouter": read aloud (or stop reading) the title or the panel.
    case listen(ListenTarget)
    /// A language of the picker (its code).
    case setLanguage(String)
    /// "Aa": all text about 1.4 times larger, for this visitor.
    case largeText
    /// The other style (calm or high contrast), for this visitor.
    case contrast
    /// The whole interface turned to face the other long edge of a table.
    case turn
    /// Every filter chip off at once.
    case clearFilters
    /// "Recommencer": the visit starts again, as for the next visitor.
    case restart
    /// The markers' legend, open and closed.
    case legend
    /// "Plus de filtres": publics and specific supports, open and closed; one of them on and off.
    case moreFilters
    case publicFilter(String)
    case supportFilter(String)
    case coverageMoment(CoverageMoment)
    case chip(FilterChip)
    case closePanel
    /// A row of a list, or a search result: the place's index.
    case placeRow(Int)
    /// A key of the on-screen keyboard (its text), backspace, clear.
    case key(String)
    case backspace
    case clearText
    case giveFeedback
    /// An answer of the form (the value it records).
    case answer(AnswerValue)
    case skip, back, send
    /// "Non, continuer": the form stays as it was after "Annuler" asked.
    case keepAnswering
    case missingPlace
    case next
    case thanksOK
}
