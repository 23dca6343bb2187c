import MapScene
import Places

/// A marker's colour and the legend's words follow the place's network.
extension PlaceNetwork {
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
