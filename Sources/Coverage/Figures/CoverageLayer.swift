/// What the coverage view shades the communes by. Each sorts communes into four ordered classes
/// (0: best off … 3: worst off), so that one sequential palette per layer reads the same way.
public enum CoverageLayer: String, Sendable, CaseIterable, Codable {
    /// Distance from the town hall to the nearest place: under 5, 5–10, 10–20, over 20 km.
    case distance
    /// The digital fragility index: under 4, 4–5, 5–6, 6 and over (out of 10).
    case fragility = "ifn"
    /// Fragile *and* far from help: the lower of the two classes above, so that only a commune
    /// both fragile and far reaches the top class.
    case priority

    public static let classCount = 4
    /// Upper bounds (metres) of the distance classes but the last.
    public static let distanceBounds = [5_000.0, 10_000.0, 20_000.0]
    /// Upper bounds of the fragility classes but the last (the index's 0–10 scale).
    public static let fragilityBounds = [4.0, 5.0, 6.0]

    /// The class of a commune, or nil when a figure it needs is missing (no town-hall position,
    /// no fragility row): such communes are drawn as "no data".
    public func classIndex(of row: CommuneCoverage, in table: TerritoryTable) -> Int? {
        let commune = table.communes[row.commune]
        let distance: Int? = commune.townHall == nil ? nil : Self.classIndex(row.nearest?.distance ?? .infinity, Self.distanceBounds, upperIncluded: true)
        let fragility = commune.fragility.map { Self.classIndex($0.total, Self.fragilityBounds, upperIncluded: false) }
        switch self {
        case .distance: return distance
        case .fragility: return fragility
        case .priority:
            guard let distance, let fragility else { return nil }
            return min(distance, fragility)
        }
    }

    /// The fragility class of a score of the index (0–10), as the layer's legend sorts it.
    public static func fragilityClass(_ score: Double) -> Int {
        classIndex(score, fragilityBounds, upperIncluded: false)
    }

    /// A distance of exactly 10 km is "within 10 km" (as in the headline); a fragility of exactly
    /// 5 is in the "5 to 6" class.
    static func classIndex(_ value: Double, _ bounds: [Double], upperIncluded: Bool) -> Int {
        bounds.firstIndex { upperIncluded ? value <= $0 : value < $0 } ?? bounds.count
    }
}
