import Foundation
import Places

/// The place fields as the CLI prints them: the national standard's French names.
struct PlaceJSON: Encodable {
    var id: String
    @NullWhenAbsent var pivot: String?
    var nom: String
    var adresse: String
    @NullWhenAbsent var complement_adresse: String?
    var code_postal: String
    var commune: String
    @NullWhenAbsent var code_insee: String?
    @NullWhenAbsent var latitude: Double?
    @NullWhenAbsent var longitude: Double?
    /// Placed at the commune's town hall, not at its own address.
    var position_approximative: Bool
    var typologie: [String]
    @NullWhenAbsent var telephone: String?
    var courriels: [String]
    var site_web: [String]
    @NullWhenAbsent var horaires: String?
    /// false when `horaires` is present but not valid opening_hours syntax ("horaires à vérifier").
    @NullWhenAbsent var horaires_valides: Bool?
    var services: [String]
    var publics_specifiquement_adresses: [String]
    var modalites_acces: [String]
    var dispositif_programmes_nationaux: [String]
    var prise_en_charge_specifique: [String]
    @NullWhenAbsent var fiche_acces_libre: String?
    @NullWhenAbsent var date_maj: String?
    var frais_a_charge: [String]
    var modalites_accompagnement: [String]
    var itinerance: [String]
    @NullWhenAbsent var prise_rdv: String?
    @NullWhenAbsent var presentation_resume: String?
    @NullWhenAbsent var presentation_detail: String?
    @NullWhenAbsent var source: String?
    @NullWhenAbsent var structure_parente: String?
    var formations_labels: [String]
    var autres_formations_labels: [String]
    var sources: [PlaceSource]
    @NullWhenAbsent var open: Bool?

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
        modalites_acces = place.accessModes
        dispositif_programmes_nationaux = place.labels
        prise_en_charge_specifique = place.specificSupport
        fiche_acces_libre = place.accesLibreURL
        date_maj = place.updated
        frais_a_charge = place.fees
        modalites_accompagnement = place.supportModes
        itinerance = place.itinerance
        prise_rdv = place.appointmentURL
        presentation_resume = place.summary
        presentation_detail = place.presentation
        source = place.publisher
        structure_parente = place.parentOrganisation
        formations_labels = place.trainingLabels
        autres_formations_labels = place.otherLabels
        sources = place.sources
        self.open = open
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
    /// Placed at the commune's town hall: the distance is the town hall's, and the place ranks
    /// a commune's reach further.
    var position_approximative: Bool
    /// true/false, or null when the hours are unknown.
    @NullWhenAbsent var open: Bool?
}

/// An optional written as `null` when it has no value, where JSONEncoder would leave the key out:
/// the CLI's JSON has every key on every row, so scripts can rely on them.
@propertyWrapper
struct NullWhenAbsent<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

enum CLIJSON {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
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
