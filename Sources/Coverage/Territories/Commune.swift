import MapGeometry

/// A commune as the coverage figures see it: who lives there, where its town hall stands (where
/// distances are measured from), and the territories it belongs to.
public struct Commune: Sendable, Equatable {
    /// INSEE code (5 characters; "2A004" in Corsica).
    public var code: String
    public var name: String
    /// Municipal population (INSEE legal population); nil when the population file has no row.
    public var population: Int?
    /// Where distances to help are measured from; nil when the file gives no position.
    public var townHall: GeoCoordinate?
    /// The digital fragility index, when the region publishes one and it has a row for the commune.
    public var fragility: FragilityIndex?
    /// SIREN of the intercommunality (EPCI), when known.
    public var intercommunality: String?
    /// Department code, from the INSEE code ("59", "2A", "971").
    public var department: String

    public init(code: String, name: String, population: Int?, townHall: GeoCoordinate?, fragility: FragilityIndex? = nil,
                intercommunality: String? = nil) {
        self.code = code
        self.name = name
        self.population = population
        self.townHall = townHall
        self.fragility = fragility
        self.intercommunality = intercommunality
        department = Self.department(ofINSEECode: code)
    }

    /// Overseas departments have three-digit codes (971…976); the others two.
    public static func department(ofINSEECode code: String) -> String {
        code.hasPrefix("97") ? String(code.prefix(3)) : String(code.prefix(2))
    }
}

/// The digital fragility index of a commune ("indice de fragilité numérique"): scores from 0 (not
/// fragile) to 10 on five grounds, and their total.
public struct FragilityIndex: Sendable, Equatable, Codable {
    /// Share of homes without very-high-speed broadband.
    public var noBroadband: Double
    /// Share of the area without 4G.
    public var noMobileData: Double
    public var poverty: Double
    /// Share of people aged 65 or more.
    public var olderPeople: Double
    /// Share of people aged 15 or more who left school without a diploma.
    public var noDiploma: Double
    public var total: Double

    public init(noBroadband: Double, noMobileData: Double, poverty: Double, olderPeople: Double, noDiploma: Double, total: Double) {
        self.noBroadband = noBroadband
        self.noMobileData = noMobileData
        self.poverty = poverty
        self.olderPeople = olderPeople
        self.noDiploma = noDiploma
        self.total = total
    }
}

/// An intercommunality (EPCI) or a department: a named group of communes.
public struct Territory: Sendable, Equatable {
    public var code: String
    public var name: String
    /// CA, CC, CU, ME (métropole) for an intercommunality; nil for a department.
    public var kind: String?

    public init(code: String, name: String, kind: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
    }
}
