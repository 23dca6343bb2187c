import Foundation
import MapGeometry

/// Reads the France Services sites CSV (`id_fs, lib_fs, adresse, …, h_lundi … h_samedi`), turning
/// its per-day hours into `opening_hours` (see ``DailyHoursConverter``).
public enum FranceServicesReader {
    public static let requiredColumns = ["id_fs", "lib_fs", "adresse", "code_postal", "lib_com", "latitude", "longitude"]
    static let dayColumns = ["h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi"]

    /// What every France Services site offers by its charter: help with procedures, and free
    /// access to a computer and the internet.
    static let services = ["Réaliser des démarches administratives avec un accompagnement",
                           "Accéder à du matériel informatique et à internet en libre-service"]

    public static func read(data: Data, file: String) throws -> NationalStandardReader.Result {
        var csv = try CSVRecords(data: data, file: file, required: requiredColumns, kind: "a France Services export")
        var places: [Place] = []
        var problems: [ImportProblem] = []
        while csv.next() {
            let row = csv.row
            func value(_ key: String) -> String? { csv.value(key) }
            guard let name = value("lib_fs"), let address = value("adresse") else {
                problems.append(ImportProblem(file: file, row: row, field: value("lib_fs") == nil ? "lib_fs" : "adresse", value: "",
                                              reason: "missing", skipped: true))
                continue
            }
            var coordinate: GeoCoordinate?
            if let la = value("latitude").flatMap(Double.init), let lo = value("longitude").flatMap(Double.init),
               (-90...90).contains(la), (-180...180).contains(lo) {
                coordinate = GeoCoordinate(latitude: la, longitude: lo)
            } else {
                problems.append(ImportProblem(file: file, row: row, field: "latitude/longitude",
                                              value: "\(value("latitude") ?? ""), \(value("longitude") ?? "")",
                                              reason: "not a position; the place is kept without a marker", skipped: false))
            }
            var hours: String?
            do {
                hours = try DailyHoursConverter.openingHours(days: dayColumns.map { value($0) ?? "" })
            } catch {
                problems.append(ImportProblem(file: file, row: row, field: "h_*", value: "\(error)", reason: "hours dropped", skipped: false))
            }
            var place = Place(
                id: "france-services-" + (value("id_fs") ?? "\(row)"), siret: nil, name: name, address: address,
                addressComplement: value("complement_adresse"), postalCode: NationalStandardReader.postalCode(value("code_postal")),
                commune: NationalStandardReader.communeName(value("lib_com") ?? ""), inseeCode: value("insee_com"),
                coordinate: coordinate, isApproximate: false, typology: ["France Services"], phone: value("telephone"),
                emails: value("mail").map { [$0] } ?? [], websites: [], hours: hours,
                services: Self.services, publics: [], accessModes: [],
                labels: ["France Services"], updated: nil,
                sources: [PlaceSource(file: file, row: row, format: "France Services CSV")])
            // By the network's charter: free, an agent helps one to one, and computers are free to use.
            place.fees = ["Gratuit"]
            place.supportModes = ["Accompagnement individuel", "En autonomie"]
            places.append(place)
        }
        return NationalStandardReader.Result(places: places, problems: problems, format: "France Services CSV")
    }
}
