import MapGeometry

/// A place where people get help with online procedures, normalised from the national standard
/// ("schéma des lieux de médiation numérique", v0.1 and v1.x) and the other sources.
public struct Place: Sendable, Equatable, Codable {
    public var id: String
    /// SIRET (14 digits) when the source gives a real one; nil for "00000000000000" or garbage.
    public var siret: String?
    public var name: String
    public var address: String
    public var addressComplement: String?
    public var postalCode: String
    public var commune: String
    public var inseeCode: String?
    public var coordinate: GeoCoordinate?
    /// Placed at the commune's town hall rather than at its own address.
    public var isApproximate: Bool
    public var typology: [String]
    public var phone: String?
    public var emails: [String]
    public var websites: [String]
    /// Opening hours as written (OpenStreetMap syntax when valid; see ``OpeningHours``).
    public var hours: String?
    public var services: [String]
    /// The publics it addresses ("Jeunes", "Seniors"…: `publics_specifiquement_adresses`).
    public var publics: [String]
    /// How to get in: "Se présenter", "Téléphoner", "Prendre un RDV en ligne"… (`modalites_acces`).
    public var accessModes: [String]
    /// National programmes it belongs to: "France Services", "Aidants Connect"… (`dispositif_programmes_nationaux`).
    public var labels: [String]
    /// Specific support the place says it gives ("Handicaps moteurs", "Surdité"…: the standard's
    /// `prise_en_charge_specifique`).
    public var specificSupport: [String] = []
    /// The place's Acceslibre page, when the source links one (`fiche_acces_libre`).
    public var accesLibreURL: String?
    /// Date of the source's last update (YYYY-MM-DD).
    public var updated: String?
    /// "Gratuit", "Gratuit sous condition", "Payant" (`frais_a_charge`).
    public var fees: [String] = []
    /// How help is given: "En autonomie", "Accompagnement individuel", "Dans un atelier collectif",
    /// "À distance" (`modalites_accompagnement`).
    public var supportModes: [String] = []
    /// "Itinérant" for a bus or a stand that comes on given days, "Fixe" (`itinerance`).
    public var itinerance: [String] = []
    /// Where to book, a link (`prise_rdv`).
    public var appointmentURL: String?
    /// A short presentation, at most 280 characters (`presentation_resume`), and the long one
    /// (`presentation_detail`).
    public var summary: String?
    public var presentation: String?
    /// Who produced the record (`source`), and the organisation the place belongs to (`structure_parente`).
    public var publisher: String?
    public var parentOrganisation: String?
    /// Trainings and labels of the standard's list (`formations_labels`) and others (`autres_formations_labels`).
    public var trainingLabels: [String] = []
    public var otherLabels: [String] = []
    /// Where each of its facts came from: file and row, kept for audit.
    public var sources: [PlaceSource]
}

extension Place {
    /// Every field of the standard that a source may leave empty decodes as empty when a record
    /// stored by an earlier version lacks it (re-importing the files fills it).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ key: CodingKeys) throws -> [String] { try c.decodeIfPresent([String].self, forKey: key) ?? [] }
        id = try c.decode(String.self, forKey: .id)
        siret = try c.decodeIfPresent(String.self, forKey: .siret)
        name = try c.decode(String.self, forKey: .name)
        address = try c.decode(String.self, forKey: .address)
        addressComplement = try c.decodeIfPresent(String.self, forKey: .addressComplement)
        postalCode = try c.decode(String.self, forKey: .postalCode)
        commune = try c.decode(String.self, forKey: .commune)
        inseeCode = try c.decodeIfPresent(String.self, forKey: .inseeCode)
        coordinate = try c.decodeIfPresent(GeoCoordinate.self, forKey: .coordinate)
        isApproximate = try c.decodeIfPresent(Bool.self, forKey: .isApproximate) ?? false
        typology = try list(.typology)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        emails = try list(.emails)
        websites = try list(.websites)
        hours = try c.decodeIfPresent(String.self, forKey: .hours)
        services = try list(.services)
        publics = try list(.publics)
        accessModes = try list(.accessModes)
        labels = try list(.labels)
        specificSupport = try list(.specificSupport)
        accesLibreURL = try c.decodeIfPresent(String.self, forKey: .accesLibreURL)
        updated = try c.decodeIfPresent(String.self, forKey: .updated)
        fees = try list(.fees)
        supportModes = try list(.supportModes)
        itinerance = try list(.itinerance)
        appointmentURL = try c.decodeIfPresent(String.self, forKey: .appointmentURL)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        presentation = try c.decodeIfPresent(String.self, forKey: .presentation)
        publisher = try c.decodeIfPresent(String.self, forKey: .publisher)
        parentOrganisation = try c.decodeIfPresent(String.self, forKey: .parentOrganisation)
        trainingLabels = try list(.trainingLabels)
        otherLabels = try list(.otherLabels)
        sources = try c.decode([PlaceSource].self, forKey: .sources)
    }
}

/// One source row of a place.
public struct PlaceSource: Sendable, Equatable, Codable {
    public var file: String
    public var row: Int
    public var format: String
}

/// A row that could not be used, or a field that was dropped, as an import reports it.
public struct ImportProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var file: String
    public var row: Int
    public var field: String
    public var value: String
    public var reason: String
    /// Whether the row was skipped (otherwise only the field was dropped).
    public var skipped: Bool

    public var description: String {
        "\(file): row \(row): \(field) = \"\(value)\": \(reason)\(skipped ? " (row skipped)" : "")"
    }
}
