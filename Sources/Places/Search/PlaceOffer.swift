import Foundation

/// How a place receives people, as visitors ask it first and the national map filters it: free,
/// someone beside you, no appointment needed. From the standard's `frais_a_charge`,
/// `modalites_accompagnement` and `modalites_acces`.
public enum PlaceOffer: String, Sendable, CaseIterable, Codable {
    /// Free for everyone ("Gratuit"; "Gratuit sous condition" is not).
    case free = "gratuit"
    /// Someone helps you one to one ("Accompagnement individuel").
    case oneToOne = "accompagnement"
    /// Just come ("Se présenter").
    case walkIn = "sans-rdv"

    public func isMet(by place: Place) -> Bool {
        switch self {
        case .free: return place.fees.contains("Gratuit")
        case .oneToOne: return place.supportModes.contains("Accompagnement individuel")
        case .walkIn: return place.accessModes.contains("Se présenter")
        }
    }
}
