import MapScene
import Places
import TextFolding

/// What kind of place a marker shows, told from its sources and labels: each has its colour and
/// pictogram, so the map reads at a glance.
public enum PlaceCategory: Int, Sendable, CaseIterable {
    case franceServices
    case conseillerNumerique
    case aidantsConnect
    case other

    public init(_ place: Place) {
        // Case is ignored: sources write "France Services", "FRANCE SERVICES", "CNFS", "cnfs".
        func label(_ test: (String) -> Bool) -> Bool { place.labels.contains(where: test) || place.typology.contains(where: test) }
        func label(containing part: String) -> Bool { label { TextFolding.contains($0, lowercaseASCII: part) } }
        func file(containing part: String) -> Bool { place.sources.contains { TextFolding.contains($0.file, lowercaseASCII: part) } }
        if label(containing: "france services") || file(containing: "france-services") {
            self = .franceServices
        } else if file(containing: "conseillers-numeriques") || label({ TextFolding.equals($0, lowercaseASCII: "cnfs") })
                    || label(containing: "conseiller") {
            self = .conseillerNumerique
        } else if label(containing: "aidants connect") || file(containing: "aidants-connect") {
            self = .aidantsConnect
        } else {
            self = .other
        }
    }

    /// The marker's colour from the style (blue France Services, green conseillers, orange Aidants Connect).
    func color(_ markers: MapStyle.Markers) -> RGBA {
        switch self {
        case .franceServices: return markers.franceServices
        case .conseillerNumerique: return markers.conseillerNumerique
        case .aidantsConnect: return markers.aidantsConnect
        case .other: return markers.other
        }
    }

    var labelKey: StringCatalog.Key {
        switch self {
        case .franceServices: return .categoryFranceServices
        case .conseillerNumerique: return .categoryConseiller
        case .aidantsConnect: return .categoryAidantsConnect
        case .other: return .categoryOther
        }
    }
}
