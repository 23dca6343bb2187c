import Foundation

/// The main needs a visitor can filter by (the kiosk's filter chips, `--need` on the command line).
/// Each is recognised in the national standard's vocabulary, whatever the source's wording.
public enum PlaceNeed: String, Sendable, CaseIterable, Codable {
    /// Help with online administrative procedures.
    case procedures = "demarches"
    /// Learning digital skills (computer, smartphone, everyday digital life).
    case learning = "apprendre"
    /// A computer or an internet connection to use.
    case equipment = "materiel"
    /// Step-free access and support for people with a motor disability.
    case wheelchair = "fauteuil"

    /// Whether `place` answers this need, from its services, labels and specific support.
    public func isMet(by place: Place) -> Bool {
        switch self {
        case .procedures:
            return place.services.contains { Self.fold($0).contains("demarche") }
                || place.labels.contains { let l = Self.fold($0); return l.contains("france services") || l.contains("aidants connect") }
        case .learning:
            return place.services.contains { s in
                let f = Self.fold(s)
                return f.contains("prendre en main") || f.contains("numerique") || f.contains("apprendre") || f.contains("competences")
            }
        case .equipment:
            return place.services.contains { s in
                let f = Self.fold(s)
                return f.contains("materiel") || f.contains("connexion internet") || f.contains("acces internet") || f.contains("ordinateur en libre")
            }
        case .wheelchair:
            return place.specificSupport.contains { Self.fold($0).contains("handicaps moteurs") || Self.fold($0).contains("fauteuil") }
        }
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }
}
