import Places

/// How far one commune's inhabitants are from help, for one filter.
public struct CommuneCoverage: Sendable, Equatable {
    /// Index into ``TerritoryTable/communes``.
    public var commune: Int
    /// The nearest place passing the filter (index into the directory's places) and its
    /// great-circle distance in metres from the town hall; nil when no place passes, or the
    /// commune has no town-hall position.
    public var nearest: PlaceDirectory.Hit?
    /// Places passing the filter within ``CoverageCalculator/nearbyRadius`` of the town hall.
    public var placesNearby: Int
}

/// Figures of an intercommunality, a department or the region.
public struct TerritoryCoverage: Sendable, Equatable {
    public var territory: Territory
    public var communes: Int
    /// Municipal population of its communes that have a population row.
    public var population: Int
    /// Places passing the filter that stand in its communes.
    public var places: Int
    /// Population of its communes with a town-hall position: the base of the distance figures.
    public var populationWithDistance: Int
    /// Population-weighted mean distance (metres) from the town halls to the nearest place; nil
    /// when no place passes the filter or no commune has a position.
    public var meanDistance: Double?
    /// Inhabitants (of ``populationWithDistance``) whose town hall is more than 10 km, and more
    /// than 20 km, from the nearest place passing the filter (all of them when none passes).
    public var populationBeyond10km: Int
    public var populationBeyond20km: Int

    public var placesPer10k: Double? { population > 0 ? Double(places) * 10_000 / Double(population) : nil }
    public var shareBeyond10km: Double? { share(populationBeyond10km) }
    public var shareBeyond20km: Double? { share(populationBeyond20km) }

    private func share(_ part: Int) -> Double? {
        populationWithDistance > 0 ? Double(part) / Double(populationWithDistance) : nil
    }
}

/// Everything the coverage view, the poster and `inclusion-map coverage` show for one filter.
public struct CoverageFigures: Sendable {
    public var filter: PlaceDirectory.Filter
    /// Places passing the filter, in the whole directory.
    public var matchingPlaces: Int
    /// One per commune, in the table's order.
    public var communes: [CommuneCoverage]
    /// Sorted by code.
    public var intercommunalities: [TerritoryCoverage]
    public var departments: [TerritoryCoverage]
    public var region: TerritoryCoverage

    public func intercommunality(code: String) -> TerritoryCoverage? {
        intercommunalities.first { $0.territory.code == code }
    }
}
