import Foundation
import Places

/// The place fields as the CLI prints them: the national standard's French names.
struct PlaceJSON: Encodable {
    var id: String
    var pivot: String?
    var nom: String
    var adresse: String
    var complement_adresse: String?
    var code_postal: String
    var commune: String
    var code_insee: String?
    var latitude: Double?
    var longitude: Double?
    /// Placed at the commune's town hall, not at its own address.
    var position_approximative: Bool
    var typologie: [String]
    var telephone: String?
    var courriels: [String]
    var site_web: [String]
    var horaires: String?
    /// false when `horaires` is present but not valid opening_hours syntax ("horaires à vérifier").
    var horaires_valides: Bool?
    var services: [String]
    var publics_specifiquement_adresses: [String]
    var modalites_acces: [String]
    var dispositif_programmes_nationaux: [String]
    var prise_en_charge_specifique: [String]
    var fiche_acces_libre: String?
    var date_maj: String?
    var sources: [PlaceSource]
    var open: Bool?

    init(_ place: Place, open: Bool?, hoursParse: Bool) {
        id = place.id
        pivot = place.siret
        nom = place.name
        adresse = place.address
        complement_adresse = place.addressComplement
        code_postal = place.postalCode
        commune = place.commune
        code_insee = place.inseeCode
        latitude = place.coordinate?.latitude
        longitude = place.coordinate?.longitude
        position_approximative = place.isApproximate
        typologie = place.typology
        telephone = place.phone
        courriels = place.emails
        site_web = place.websites
        horaires = place.hours
        horaires_valides = place.hours == nil ? nil : hoursParse
        services = place.services
        publics_specifiquement_adresses = place.publics
        modalites_acces = place.accessConditions
        dispositif_programmes_nationaux = place.labels
        prise_en_charge_specifique = place.specificSupport
        fiche_acces_libre = place.accesLibreURL
        date_maj = place.updated
        sources = place.sources
        self.open = open
    }

    // `open` is written as null when unknown (Encodable would leave the key out).
    enum CodingKeys: String, CodingKey {
        case id, pivot, nom, adresse, complement_adresse, code_postal, commune, code_insee, latitude, longitude,
             position_approximative, typologie, telephone, courriels, site_web, horaires, horaires_valides, services,
             publics_specifiquement_adresses, modalites_acces, dispositif_programmes_nationaux, prise_en_charge_specifique,
             fiche_acces_libre, date_maj, sources, open
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(pivot, forKey: .pivot)
        try c.encode(nom, forKey: .nom)
        try c.encode(adresse, forKey: .adresse)
        try c.encode(complement_adresse, forKey: .complement_adresse)
        try c.encode(code_postal, forKey: .code_postal)
        try c.encode(commune, forKey: .commune)
        try c.encode(code_insee, forKey: .code_insee)
        try c.encode(latitude, forKey: .latitude)
        try c.encode(longitude, forKey: .longitude)
        try c.encode(position_approximative, forKey: .position_approximative)
        try c.encode(typologie, forKey: .typologie)
        try c.encode(telephone, forKey: .telephone)
        try c.encode(courriels, forKey: .courriels)
        try c.encode(site_web, forKey: .site_web)
        try c.encode(horaires, forKey: .horaires)
        try c.encode(horaires_valides, forKey: .horaires_valides)
        try c.encode(services, forKey: .services)
        try c.encode(publics_specifiquement_adresses, forKey: .publics_specifiquement_adresses)
        try c.encode(modalites_acces, forKey: .modalites_acces)
        try c.encode(dispositif_programmes_nationaux, forKey: .dispositif_programmes_nationaux)
        try c.encode(prise_en_charge_specifique, forKey: .prise_en_charge_specifique)
        try c.encode(fiche_acces_libre, forKey: .fiche_acces_libre)
        try c.encode(date_maj, forKey: .date_maj)
        try c.encode(sources, forKey: .sources)
        try c.encode(open, forKey: .open)
    }
}

/// One answer of `nearest --json`.
struct NearestJSON: Encodable {
    var id: String
    var nom: String
    var adresse: String
    var commune: String
    var latitude: Double
    var longitude: Double
    var distance_m: Double
    var open: Bool?

    enum CodingKeys: String, CodingKey { case id, nom, adresse, commune, latitude, longitude, distance_m, open }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(nom, forKey: .nom)
        try c.encode(adresse, forKey: .adresse)
        try c.encode(commune, forKey: .commune)
        try c.encode(latitude, forKey: .latitude)
        try c.encode(longitude, forKey: .longitude)
        try c.encode(distance_m, forKey: .distance_m)
        try c.encode(open, forKey: .open)
    }
}

enum CLIJSON {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// `--open-at`: ISO 8601 with an offset (`2026-12-01T10:00:00+01:00`, `…Z`), or without one,
/// read as Europe/Paris time (`2026-12-01T10:00`).
enum OpenAtParser {
    static func parse(_ text: String) throws -> Date {
        let withOffset = ISO8601DateFormatter()
        withOffset.formatOptions = [.withInternetDateTime]
        if let date = withOffset.date(from: text) { return date }
        withOffset.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withOffset.date(from: text) { return date }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = OpeningHours.paris
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            local.dateFormat = format
            if let date = local.date(from: text) { return date }
        }
        throw CommandFailure(description: "--open-at \"\(text)\": expected ISO 8601, e.g. 2026-12-01T10:00:00+01:00 or 2026-12-01T10:00 (Paris time)")
    }
}
