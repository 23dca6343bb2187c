import CSV
import Foundation
import MapGeometry

/// Reads the Aidants Connect structures CSV. It has no coordinates: each structure is placed at its
/// commune's town hall (from the population file) and flagged approximate, so the map can say so.
/// Inactive structures, and those whose commune has no known town hall, are skipped and reported.
public enum AidantsConnectReader {
    public static let requiredColumns = ["Name", "City Insee Code", "Address", "Zip Code", "City"]

    public static func read(data: Data, file: String, townHalls: [String: GeoCoordinate]) throws -> NationalStandardReader.Result {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: true)
        } catch {
            throw NationalStandardReader.FileError(file: file, reason: "is not readable CSV (\(error))")
        }
        let header = reader.headerRow ?? []
        let missing = requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw NationalStandardReader.FileError(file: file, reason: "missing columns \(missing.joined(separator: ", ")): not an Aidants Connect export")
        }
        var places: [Place] = []
        var problems: [ImportProblem] = []
        var row = 0
        while reader.next() != nil {
            row += 1
            func value(_ key: String) -> String? {
                let v = reader[key]?.trimmingCharacters(in: .whitespacesAndNewlines)
                return v?.isEmpty == false ? v : nil
            }
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
                postalCode: value("Zip Code") ?? "", commune: NationalStandardReader.communeName(value("City") ?? ""),
                inseeCode: insee, coordinate: townHall, isApproximate: true, typology: [],
                phone: nil, emails: [], websites: [], hours: nil,
                services: ["Réaliser des démarches administratives avec un accompagnement"], publics: [],
                accessConditions: [], labels: ["Aidants Connect"] + (value("France Services Label") == "true" ? ["France Services"] : []),
                updated: nil, sources: [PlaceSource(file: file, row: row, format: "Aidants Connect CSV")]))
        }
        return NationalStandardReader.Result(places: places, problems: problems, format: "Aidants Connect CSV")
    }

    /// Town halls by INSEE code, from the population file's `code_insee`, `mairie_lat`, `mairie_lon`.
    public static func townHalls(populationCSV data: Data) throws -> [String: GeoCoordinate] {
        let reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: true)
        var out: [String: GeoCoordinate] = [:]
        while reader.next() != nil {
            guard let code = reader["code_insee"], let lat = Double(reader["mairie_lat"] ?? ""),
                  let lon = Double(reader["mairie_lon"] ?? "") else { continue }
            out[code] = GeoCoordinate(latitude: lat, longitude: lon)
        }
        return out
    }
}
