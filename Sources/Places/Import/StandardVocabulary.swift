import Foundation

/// The national standard's v1 vocabularies, and how v0.1 values map onto them. A value with one
/// clear v1 counterpart is normalised to it; one without (or with two) is kept as written and
/// the import reports it, so that nothing a source said is lost.
enum StandardVocabulary {
    static let fees = ["Gratuit", "Gratuit sous condition", "Payant"]
    static let supportModes = ["En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance"]
    static let accessModes = ["Se présenter", "Téléphoner", "Contacter par mail", "Prendre un RDV en ligne",
                              "Ce lieu n'accueille pas de public", "Envoyer un mail avec une fiche de prescription"]
    static let publics = ["Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes"]
    static let specificSupport = ["Surdité", "Handicaps moteurs", "Handicaps mentaux", "Illettrisme", "Langues étrangères (anglais)",
                                  "Langues étrangères (autres)", "Déficience visuelle"]

    /// Where a v0.1 value goes in v1: the field and the value.
    enum Target: Equatable {
        case fees(String), supportMode(String), label(String), trainingLabel(String), otherLabel(String)
        case publics(String), specificSupport(String)
        /// No v1 counterpart, or two: kept as written in the nearest field, and reported.
        case keptAsWritten(field: String, value: String)
    }

    /// A v0.1 value's part before " : " ("Gratuit : Je peux accéder gratuitement…" → "Gratuit").
    static func head(_ value: String) -> String {
        value.components(separatedBy: " : ").first?.trimmingCharacters(in: .whitespaces) ?? value
    }

    /// `conditions_acces` (v0.1) → `frais_a_charge`.
    static func accessCondition(_ value: String) -> Target {
        let head = head(value)
        return fees.contains(head) ? .fees(head) : .keptAsWritten(field: "frais_a_charge", value: value)
    }

    /// `modalites_accompagnement` (v0.1) → v1's; "À ma place" (someone does it for you) has no v1 value.
    static func supportMode(_ value: String) -> Target {
        if supportModes.contains(value) { return .supportMode(value) }
        switch head(value).lowercased() {
        case "seul": return .supportMode("En autonomie")
        case "avec de l'aide": return .supportMode("Accompagnement individuel")
        case "dans un atelier": return .supportMode("Dans un atelier collectif")
        case "à distance", "a distance": return .supportMode("À distance")
        default: return .keptAsWritten(field: "modalites_accompagnement", value: value)
        }
    }

    /// `labels_nationaux` (v0.1) → `dispositif_programmes_nationaux`, `formations_labels` or
    /// `autres_formations_labels` (a free list, where a label v1 does not name goes as written).
    static func nationalLabel(_ value: String) -> Target {
        switch value {
        case "France Services", "Aidants Connect", "Conseillers numériques", "Emmaüs Connect", "Promeneurs du net": return .label(value)
        case "CNFS": return .label("Conseillers numériques")
        case "Grandes écoles du numérique", "Grande école du numérique": return .label("Grande école du numérique")
        case "Point numérique CAF", "Point d'accès numérique CAF": return .label("Point d'accès numérique CAF")
        case "Fabriques de Territoire": return .trainingLabel(value)
        default: return .otherLabel(value)
        }
    }

    /// `publics_accueillis` (v0.1) → `publics_specifiquement_adresses` or `prise_en_charge_specifique`.
    static func publicServed(_ value: String) -> Target {
        if publics.contains(value) { return .publics(value) }
        if specificSupport.contains(value) { return .specificSupport(value) }
        let head = head(value)
        switch head {
        case "Seniors (+ 65 ans)": return .publics("Seniors")
        case "Jeunes (16-26 ans)": return .publics("Jeunes")
        case "Familles/enfants": return .publics("Familles et/ou enfants")
        case "Uniquement femmes": return .publics("Femmes")
        case "Déficience visuelle", "Surdité", "Handicaps mentaux": return .specificSupport(head)
        case "Personnes en situation d'illettrisme": return .specificSupport("Illettrisme")
        // "Adultes" has no v1 public; foreign languages are English or others in v1; psychic
        // disabilities have no v1 value.
        case "Public langues étrangères", "Handicaps psychiques": return .keptAsWritten(field: "prise_en_charge_specifique", value: value)
        default: return .keptAsWritten(field: "publics_specifiquement_adresses", value: value)
        }
    }
}
