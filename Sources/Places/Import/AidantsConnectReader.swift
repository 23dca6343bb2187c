import Foundation
import MapGeometry

/// Reads the Aidants Connect structures CSV. It has no coordinates: each structure is placed at its
/// commune's town hall (from the population file) and flagged approximate, so the map can say so.
/// Inactive structures, and those whose commune has no known town hall, are skipped and reported.
public enum AidantsConnectReader {
    public static let requiredColumns = ["Name", "City Insee Code", "Address", "Zip Code", "City"]

    public static func read(data: Data, file: String, townHalls: [String: GeoCoordinate]) throws -> NationalStandardReader.Result {
        var csv = try CSVRecords(data: data, file: file, required: requiredColumns, kind: "an Aidants Connect export")
        var places: [Place] = []
        var problems: [ImportProblem] = []
        while csv.next() {
            let row = csv.row
            func value(_ key: String) -> String? { csv.value(key) }
            guard let name = value("Name") else {
                problems.append(ImportProblem(file: file, row: row, field: "Name", value: "", reason: "missing name", skipped: true))
                continue
            }
            if value("Is Active") == "false" {
                problems.append(ImportProblem(file: file, row: row, field: "Is Active", value: "false", reason: "structure no longer active", skipped: true))
                continue
            }
            let insee = value("City Insee Code") ?? ""
            guard let townHall = townHalls[insee] else {
                problems.append(ImportProblem(file: file, row: row, field: "City Insee Code", value: insee,
                                              reason: "no town hall known for this commune: the structure cannot be placed", skipped: true))
                continue
            }
            places.append(Place(
                id: "aidants-connect-" + (value("UUID") ?? value("ID") ?? "\(row)"),
                siret: value("Siret").flatMap(NationalStandardReader.siret),
                name: name, address: value("Address") ?? "", addressComplement: nil,
                postalCode: NationalStandardReader.postalCode(value("Zip Code")), commune: NationalStandardReader.communeName(value("City") ?? ""),
                inseeCode: insee, coordinate: townHall, isApproximate: true, typology: [],
                phone: nil, emails: [], websites: [], hours: nil,
                services: ["Réaliser des démarches administratives avec un accompagnement"], publics: [],
                accessModes: [], labels: ["Aidants Connect"] + (value("France Services Label") == "true" ? ["France Services"] : []),
                updated: nil, sources: [PlaceSource(file: file, row: row, format: "Aidants Connect CSV")]))
        }
        return NationalStandardReader.Result(places: places, problems: problems, format: "Aidants Connect CSV")
    }

    /// Town halls by INSEE code, from the population file's `code_insee`, `mairie_lat`, `mairie_lon`.
    public static func townHalls(populationCSV data: Data) throws -> [String: GeoCoordinate] {
        var csv = try CSVRecords(data: data, file: "population file", required: ["code_insee", "mairie_lat", "mairie_lon"],
                                 kind: "a commune population file")
        var out: [String: GeoCoordinate] = [:]
        while csv.next() {
            guard let code = csv.value("code_insee"), let lat = csv.value("mairie_lat").flatMap(Double.init),
                  let lon = csv.value("mairie_lon").flatMap(Double.init) else { continue }
            out[code] = GeoCoordinate(latitude: lat, longitude: lon)
        }
        return out
    }
}
