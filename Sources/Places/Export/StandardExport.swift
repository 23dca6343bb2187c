import CSV
import Foundation

/// The places in the national standard, v1.0.2: the schema's 32 columns in its order, `|` between
/// list values, dates ISO, telephone numbers international. What only the kiosk made is left out:
/// a position guessed at the town hall, whether the hours parse, the source rows. Services written
/// in v0.1's words go in v1's where one v1 service answers (three v0.1 services are one v1
/// service, so the kiosk keeps the published words for its cards and maps them only here).
public enum StandardExport {
    public static let columns = [
        "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude", "longitude",
        "typologie", "telephone", "courriels", "site_web", "horaires", "presentation_resume", "presentation_detail", "source",
        "itinerance", "structure_parente", "date_maj", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
        "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces",
        "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
    ]

    /// One place as a row of `columns`.
    public static func row(_ place: Place) -> [String] {
        func list(_ values: [String]) -> String { values.joined(separator: "|") }
        let position = place.isApproximate ? nil : place.coordinate
        let values: [String: String] = [
            "id": place.id, "pivot": place.siret ?? "", "nom": place.name, "commune": place.commune, "code_postal": place.postalCode,
            "code_insee": place.inseeCode ?? "", "adresse": place.address, "complement_adresse": place.addressComplement ?? "",
            "latitude": position.map { number($0.latitude) } ?? "", "longitude": position.map { number($0.longitude) } ?? "",
            "typologie": list(place.typology), "telephone": place.phone.map(internationalPhone) ?? "", "courriels": list(place.emails),
            "site_web": list(place.websites), "horaires": place.hours ?? "", "presentation_resume": place.summary ?? "",
            "presentation_detail": place.presentation ?? "", "source": place.publisher ?? "", "itinerance": list(place.itinerance),
            "structure_parente": place.parentOrganisation ?? "", "date_maj": place.updated.map(isoDate) ?? "",
            "services": list(place.services.map(serviceInVersion1).uniqued()), "publics_specifiquement_adresses": list(place.publics),
            "prise_en_charge_specifique": list(place.specificSupport), "frais_a_charge": list(place.fees),
            "dispositif_programmes_nationaux": list(place.labels), "formations_labels": list(place.trainingLabels),
            "autres_formations_labels": list(place.otherLabels), "modalites_acces": list(place.accessModes),
            "modalites_accompagnement": list(place.supportModes), "fiche_acces_libre": place.accesLibreURL ?? "",
            "prise_rdv": place.appointmentURL ?? "",
        ]
        return columns.map { values[$0] ?? "" }
    }

    /// The whole file: a header and a row a place, RFC 4180 quoting, UTF-8.
    public static func csv(_ places: [Place]) throws -> Data {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: columns)
        for place in places { try writer.write(row: row(place)) }
        writer.stream.close()
        return (writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()) + Data("\n".utf8)
    }

    /// v0.1's services in v1's words, where one v1 service answers; as written otherwise.
    static func serviceInVersion1(_ service: String) -> String {
        switch service {
        case "Devenir autonome dans les démarches administratives", "Réaliser des démarches administratives avec un accompagnement":
            return "Aide aux démarches administratives"
        case "Prendre en main un smartphone ou une tablette", "Prendre en main un ordinateur", "Utiliser le numérique au quotidien":
            return "Maîtrise des outils numériques du quotidien"
        case "Approfondir ma culture numérique": return "Compréhension du monde numérique"
        case "Favoriser mon insertion professionnelle": return "Insertion professionnelle via le numérique"
        case "Accéder à une connexion internet", "Accéder à du matériel", "Accéder à du matériel informatique et à internet en libre-service":
            return "Accès internet et matériel informatique"
        case "S'équiper en matériel informatique": return "Acquisition de matériel informatique à prix solidaire"
        case "Créer avec le numérique": return "Loisirs et créations numériques"
        case "Soutenir la parentalité et l'éducation avec le numérique": return "Parentalité et éducation avec le numérique"
        default: return service
        }
    }

    /// "03 20 15 97 20" → "+33320159720"; a number already international keeps its digits.
    static func internationalPhone(_ phone: String) -> String {
        let digits = phone.filter(\.isNumber)
        if phone.trimmingCharacters(in: .whitespaces).hasPrefix("+") { return "+" + digits }
        if digits.count == 10, digits.hasPrefix("0") { return "+33" + digits.dropFirst() }
        return phone
    }

    /// "2022-06-02T10:00:00Z" → "2022-06-02"; anything else as written.
    static func isoDate(_ date: String) -> String {
        date.firstMatch(of: /^\d{4}-\d{2}-\d{2}/).map { String($0.output) } ?? date
    }

    static func number(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
