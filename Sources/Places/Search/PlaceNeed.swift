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
        isMet(services: place.services.map(Self.fold), labels: place.labels.map(Self.fold),
              support: place.specificSupport.map(Self.fold))
    }

    /// The same from texts already folded: the directory folds a place's texts once for all needs.
    func isMet(services: [String], labels: [String], support: [String]) -> Bool {
        func any(of texts: [String], contains parts: String...) -> Bool {
            texts.contains { text in parts.contains { TextFolding.contains(text, $0) } }
        }
        switch self {
        case .procedures:
            return any(of: services, contains: "demarche") || any(of: labels, contains: "france services", "aidants connect")
        case .learning:
            return any(of: services, contains: "prendre en main", "numerique", "apprendre", "competences")
        case .equipment:
            return any(of: services, contains: "materiel", "connexion internet", "acces internet", "ordinateur en libre")
        case .wheelchair:
            return any(of: support, contains: "handicaps moteurs", "fauteuil")
        }
    }

    /// Case and accents folded away (see ``TextFolding``).
    static func fold(_ s: String) -> String { TextFolding.fold(s) }
}
