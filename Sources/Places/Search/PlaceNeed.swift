import Foundation
import TextFolding

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
        func any(of texts: [String], contains parts: String...) -> Bool {
            texts.contains { text in
                let folded = Self.fold(text)
                return parts.contains { TextFolding.contains(folded, $0) }
            }
        }
        switch self {
        case .procedures:
            return any(of: place.services, contains: "demarche") || any(of: place.labels, contains: "france services", "aidants connect")
        case .learning:
            return any(of: place.services, contains: "prendre en main", "numerique", "apprendre", "competences")
        case .equipment:
            return any(of: place.services, contains: "materiel", "connexion internet", "acces internet", "ordinateur en libre")
        case .wheelchair:
            return any(of: place.specificSupport, contains: "handicaps moteurs", "fauteuil")
        }
    }

    /// Case and accents folded away (see ``TextFolding``).
    static func fold(_ s: String) -> String { TextFolding.fold(s) }
}
