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
    public var publics: [String]
    public var accessConditions: [String]
    public var labels: [String]
    /// Specific support the place says it gives ("Handicaps moteurs", "Surdité"…: the standard's
    /// `prise_en_charge_specifique`).
    public var specificSupport: [String] = []
    /// The place's Acceslibre page, when the source links one (`fiche_acces_libre`).
    public var accesLibreURL: String?
    /// Date of the source's last update (YYYY-MM-DD).
    public var updated: String?
    /// Where each of its facts came from: file and row, kept for audit.
    public var sources: [PlaceSource]
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
