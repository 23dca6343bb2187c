import Places

/// The filter chips above the bar: the main needs, and "open now".
public enum FilterChip: Hashable, Sendable, CaseIterable {
    case procedures, learning, equipment, wheelchair, openNow

    var need: PlaceNeed? {
        switch self {
        case .procedures: return .procedures
        case .learning: return .learning
        case .equipment: return .equipment
        case .wheelchair: return .wheelchair
        case .openNow: return nil
        }
    }

    var labelKey: StringCatalog.Key {
        switch self {
        case .procedures: return .chipProcedures
        case .learning: return .chipLearning
        case .equipment: return .chipEquipment
        case .wheelchair: return .chipWheelchair
        case .openNow: return .chipOpenNow
        }
    }
}

/// What is open over the map for the visitor.
public enum VisitorPanel: Sendable, Equatable {
    case none
    /// A place's card.
    case details(Int)
    /// "Près d'ici": the nearest places to ``Kiosk/nearbyOrigin``.
    case nearby
    /// Search with the on-screen keyboard.
    case search
    /// The feedback form (``Kiosk/form``).
    case feedback
    /// "Signaler un lieu manquant": its name, then its position on the map.
    case missingPlaceName
    case missingPlacePosition
    /// After "Envoyer": thanks, or why it could not be taken.
    case thanks(Thanks)

    public enum Thanks: Sendable, Equatable {
        case sent
        /// The queue is at its bound: no answer can be taken now.
        case full
        case failed
    }

}

/// The interface's controls, each a touch target.
public enum Control: Hashable, Sendable {
    case home, zoomIn, zoomOut, language
    case nearby, search
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
    case answer(String)
    case skip, back, send
    case missingPlace
    case next
    case thanksOK
}
