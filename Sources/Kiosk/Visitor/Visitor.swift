import MapGeometry

/// Everything one visitor did and chose: their language, the panel open with its data, the
/// filters, where "Près d'ici" measures from. Forgetting a visitor is assigning a fresh value, so
/// that a field added later cannot leak to the next visitor.
public struct Visitor: Sendable, Equatable {
    public var language: String
    public var panel: VisitorPanel = .none
    public var chips: Set<FilterChip> = []
    /// Publics and specific supports chosen in "Plus de filtres" (the standard's values).
    public var publics: Set<String> = []
    public var support: Set<String> = []
    /// Where "Près d'ici" measures from when the visitor touched the map; nil: the kiosk itself.
    public var nearbyOrigin: GeoCoordinate?
    /// What they typed in the search field and the places found for it: found again when they
    /// come back to the search from a place's card.
    public var search = SearchQuery()
    /// The coverage view's layer and moment; nil on the plain map.
    public var coverage: CoverageChoice?
    /// What is being read aloud now.
    public var speaking: ListenTarget?
    /// They asked for something to be read aloud during this visit: the idle warning is read too.
    public var usedSpeech = false
    /// "Aa": larger text.
    public var largeText = false
    /// The other style (the high-contrast one on a calm kiosk).
    public var otherStyle = false
    /// The side the whole interface faces after the turn control; nil: the configured side.
    public var interfaceFacing: Facing?
    /// The side the panels face, within the interface: where the touch that opened one came from.
    public var panelFacing = Facing.bottom
    /// The list a card was opened from ("Près d'ici", the search): its "Retour" goes back there.
    public var cardOpenedFrom: VisitorPanel?
    /// The place whose form was sent: "Merci" comes back to its card.
    public var thanksReturnTo: Int?

    public init(language: String) {
        self.language = language
    }

    /// Whether the visitor changed anything a new visit would not have (what "Recommencer"
    /// undoes); reading aloud does not count.
    public func hasChangedAnything(defaultLanguage: String) -> Bool {
        var fresh = Visitor(language: defaultLanguage)
        fresh.speaking = speaking
        fresh.usedSpeech = usedSpeech
        return self != fresh
    }
}
