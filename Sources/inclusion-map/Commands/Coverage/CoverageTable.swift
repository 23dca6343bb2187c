import Coverage
import Foundation
import Places

/// The rows `inclusion-map coverage` prints, in JSON or CSV with the same columns.
enum CoverageTable {
    case communes(CoverageFigures, CoverageCalculator)
    case territories([TerritoryCoverage])

    struct CommuneRow: Encodable {
        var code: String
        var nom: String
        @NullWhenAbsent var population: Int?
        @NullWhenAbsent var ifn: Double?
        @NullWhenAbsent var nearest_id: String?
        @NullWhenAbsent var nearest_nom: String?
        @NullWhenAbsent var nearest_m: Double?
        var places_10km: Int
    }

    struct TerritoryRow: Encodable {
        var code: String
        var nom: String
        var population: Int
        var places: Int
        @NullWhenAbsent var places_per_10k: Double?
        @NullWhenAbsent var mean_distance_m: Double?
        @NullWhenAbsent var share_beyond_10km: Double?
        @NullWhenAbsent var share_beyond_20km: Double?
    }

    static let communeColumns = ["code", "nom", "population", "ifn", "nearest_id", "nearest_nom", "nearest_m", "places_10km"]
    static let territoryColumns = ["code", "nom", "population", "places", "places_per_10k", "mean_distance_m", "share_beyond_10km", "share_beyond_20km"]

    /// Metres to the decimetre; shares and rates to six decimals (no false precision in the files).
    static func rounded(_ value: Double?, _ decimals: Double) -> Double? {
        value.map { ($0 * decimals).rounded() / decimals }
    }

    var communeRows: [CommuneRow] {
        guard case .communes(let figures, let calculator) = self else { return [] }
        return figures.communes.map { row in
            let commune = calculator.territories.communes[row.commune]
            let place = row.nearest.map { calculator.directory.places[$0.index] }
            return CommuneRow(code: commune.code, nom: commune.name, population: commune.population, ifn: commune.fragility?.total,
                              nearest_id: place?.id, nearest_nom: place?.name, nearest_m: Self.rounded(row.nearest?.distance, 10),
                              places_10km: row.placesNearby)
        }
    }

    var territoryRows: [TerritoryRow] {
        guard case .territories(let rows) = self else { return [] }
        return rows.map {
            TerritoryRow(code: $0.territory.code, nom: $0.territory.name, population: $0.population, places: $0.places,
                         places_per_10k: Self.rounded($0.placesPer10k, 1e6), mean_distance_m: Self.rounded($0.meanDistance, 10),
                         share_beyond_10km: Self.rounded($0.shareBeyond10km, 1e6), share_beyond_20km: Self.rounded($0.shareBeyond20km, 1e6))
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch self {
        case .communes: data = try encoder.encode(communeRows)
        case .territories: data = try encoder.encode(territoryRows)
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func csv() -> String {
        func field(_ value: Any?) -> String {
            switch value {
            case nil: return ""
            case let text as String:
                return text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            case let number as Double: return Self.plain(number)
            case let other?: return "\(other)"
            }
        }
        var lines: [String]
        switch self {
        case .communes:
            lines = [Self.communeColumns.joined(separator: ",")]
            lines += communeRows.map { r in
                [r.code, r.nom, r.population, r.ifn, r.nearest_id, r.nearest_nom, r.nearest_m, r.places_10km].map(field).joined(separator: ",")
            }
        case .territories:
            lines = [Self.territoryColumns.joined(separator: ",")]
            lines += territoryRows.map { r in
                [r.code, r.nom, r.population, r.places, r.places_per_10k, r.mean_distance_m, r.share_beyond_10km, r.share_beyond_20km]
                    .map(field).joined(separator: ",")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number as a spreadsheet reads it: no exponent, no trailing zeros.
    static func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(format: "%.6f", number)
            .replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
    }
}
