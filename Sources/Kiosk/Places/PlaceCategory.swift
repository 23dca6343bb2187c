import MapScene
import Places

/// What kind of place a marker shows, told from its sources and labels: each has its colour and
/// pictogram, so the map reads at a glance.
public enum PlaceCategory: Int, Sendable, CaseIterable {
    case franceServices
    case conseillerNumerique
    case aidantsConnect
    case other

    public init(_ place: Place) {
        let labels = (place.labels + place.typology).map { $0.lowercased() }
        let files = place.sources.map { $0.file.lowercased() }
        if labels.contains(where: { $0.contains("france services") }) || files.contains(where: { $0.contains("france-services") }) {
            self = .franceServices
        } else if files.contains(where: { $0.contains("conseillers-numeriques") }) || labels.contains("cnfs")
                    || labels.contains(where: { $0.contains("conseiller") }) {
            self = .conseillerNumerique
        } else if labels.contains(where: { $0.contains("aidants connect") }) || files.contains(where: { $0.contains("aidants-connect") }) {
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
