import CSV
import Foundation
import MapGeometry

/// Reads the national standard for digital-mediation places: v1.x (multi-values separated by
/// `|`) and v0.1 (`;`), as CSV or as a JSON array, the version told apart by the columns present.
/// Rows without a name or an address are skipped and reported; unusable fields are dropped and
/// reported; a file that is neither is refused.
public enum NationalStandardReader {
    public struct Result: Sendable {
        public var places: [Place]
        public var problems: [ImportProblem]
        public var format: String
    }

    public struct FileError: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    public static func read(data: Data, file: String) throws -> Result {
        let text = String(decoding: data, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.first == "{" {
            return try readGeoJSON(data: data, file: file)
        }
        if trimmed.first == "[" {
            guard let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
                throw FileError(file: file, reason: "starts like JSON but is not an array of objects")
            }
            let values = rows.map { row in row.mapValues { value -> String in
                switch value {
                case let s as String: return s
                case let n as NSNumber: return n.stringValue
                default: return ""
                }
            } }
            let separator: Character = values.contains { ($0["courriels"] ?? "").contains("|") || ($0["services"] ?? "").contains("|") } ? "|" : ";"
            return normalise(values, file: file, separator: separator, format: separator == "|" ? "standard v1 JSON" : "standard v0.1 JSON")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw FileError(file: file, reason: "is neither a JSON array nor readable CSV (\(error))")
        }
        let header = reader.headerRow ?? []
        guard header.contains("nom"), header.contains("adresse") else {
            throw FileError(file: file, reason: "no \"nom\" and \"adresse\" columns: not the national standard (found \(header.prefix(8).joined(separator: ", "))…)")
        }
        var rows: [[String: String]] = []
        while let row = reader.next() {
            var values: [String: String] = [:]
            for (name, value) in zip(header, row) { values[name] = value }
            rows.append(values)
        }
        // v1.x has "courriels" and pipes; v0.1 "courriel" and semicolons.
        let v1 = header.contains("courriels") || header.contains("publics_specifiquement_adresses")
        return normalise(rows, file: file, separator: v1 ? "|" : ";", format: v1 ? "standard v1 CSV" : "standard v0.1 CSV")
    }

    /// GeoJSON points whose properties follow the standard; the position comes from the geometry.
    static func readGeoJSON(data: Data, file: String) throws -> Result {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["type"] as? String == "FeatureCollection", let features = root["features"] as? [[String: Any]] else {
            throw FileError(file: file, reason: "starts like JSON but is not a GeoJSON FeatureCollection")
        }
        var rows: [[String: String]] = []
        for feature in features {
            var row: [String: String] = [:]
            for (k, v) in feature["properties"] as? [String: Any] ?? [:] {
                if let s = v as? String { row[k] = s } else if let n = v as? NSNumber { row[k] = n.stringValue }
            }
            if let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
               let c = geometry["coordinates"] as? [Any], c.count >= 2,
               let lon = (c[0] as? NSNumber)?.doubleValue, let lat = (c[1] as? NSNumber)?.doubleValue {
                row["longitude"] = String(lon)
                row["latitude"] = String(lat)
            } else {
                row["latitude"] = nil
                row["longitude"] = nil
            }
            rows.append(row)
        }
        let v1 = rows.contains { ($0["services"] ?? "").contains("|") || $0["courriels"] != nil }
        return normalise(rows, file: file, separator: v1 ? "|" : ";", format: v1 ? "standard v1 GeoJSON" : "standard v0.1 GeoJSON")
    }

    static func normalise(_ rows: [[String: String]], file: String, separator: Character, format: String) -> Result {
        var places: [Place] = []
        var problems: [ImportProblem] = []
        for (n, row) in rows.enumerated() {
            let rowNumber = n + 1
            func value(_ key: String) -> String? {
                let v = row[key]?.trimmed
                return v?.isEmpty == false ? v : nil
            }
            func list(_ keys: String...) -> [String] {
                keys.compactMap(value).flatMap { $0.split(separator: separator) }
                    .map { $0.trimmed }.filter { !$0.isEmpty }
            }
            guard let name = value("nom") else {
                problems.append(ImportProblem(file: file, row: rowNumber, field: "nom", value: "", reason: "missing name", skipped: true))
                continue
            }
            guard let address = value("adresse") else {
                problems.append(ImportProblem(file: file, row: rowNumber, field: "adresse", value: "", reason: "missing address", skipped: true))
                continue
            }
            var coordinate: GeoCoordinate?
            if let lat = value("latitude"), let lon = value("longitude") {
                if let la = Double(lat.replacingOccurrences(of: ",", with: ".")), let lo = Double(lon.replacingOccurrences(of: ",", with: ".")),
                   (-90...90).contains(la), (-180...180).contains(lo), !(la == 0 && lo == 0) {
                    coordinate = GeoCoordinate(latitude: la, longitude: lo)
                } else {
                    problems.append(ImportProblem(file: file, row: rowNumber, field: "latitude/longitude", value: "\(lat), \(lon)",
                                                  reason: "not a position; the place is kept without a marker", skipped: false))
                }
            } else {
                problems.append(ImportProblem(file: file, row: rowNumber, field: "latitude/longitude", value: "",
                                              reason: "missing; the place is kept without a marker", skipped: false))
            }
            var place = Place(
                id: value("id") ?? "\(file)#\(rowNumber)",
                siret: value("pivot").flatMap(Self.siret),
                name: name, address: address, addressComplement: value("complement_adresse"),
                postalCode: Self.postalCode(value("code_postal")), commune: Self.communeName(value("commune") ?? ""),
                inseeCode: value("code_insee"), coordinate: coordinate, isApproximate: false,
                typology: list("typologie"), phone: value("telephone"), emails: list("courriels", "courriel"),
                websites: list("site_web"), hours: value("horaires"),
                services: list("services"), publics: list("publics_specifiquement_adresses"),
                accessModes: list("modalites_acces"),
                labels: list("dispositif_programmes_nationaux"),
                specificSupport: list("prise_en_charge_specifique"), accesLibreURL: value("fiche_acces_libre") ?? value("accessibilite"),
                updated: value("date_maj"),
                sources: [PlaceSource(file: file, row: rowNumber, format: format)])
            place.fees = list("frais_a_charge")
            place.itinerance = list("itinerance")
            place.appointmentURL = value("prise_rdv")
            place.summary = value("presentation_resume")
            place.presentation = value("presentation_detail")
            place.publisher = value("source")
            place.parentOrganisation = value("structure_parente")
            place.trainingLabels = list("formations_labels")
            place.otherLabels = list("autres_formations_labels", "labels_autres")
            // v0.1's fields, mapped to v1's: normalised where one value answers, else kept as
            // written and reported.
            var mapped: [StandardVocabulary.Target] = []
            mapped += list("conditions_acces", "conditions_access").map(StandardVocabulary.accessCondition)
            mapped += list("labels_nationaux").map(StandardVocabulary.nationalLabel)
            mapped += list("publics_accueillis").map(StandardVocabulary.publicServed)
            mapped += list("modalites_accompagnement").map(StandardVocabulary.supportMode)
            for target in mapped {
                switch target {
                case .fees(let v): place.fees.append(v)
                case .supportMode(let v): place.supportModes.append(v)
                case .label(let v): place.labels.append(v)
                case .trainingLabel(let v): place.trainingLabels.append(v)
                case .otherLabel(let v): place.otherLabels.append(v)
                case .publics(let v): place.publics.append(v)
                case .specificSupport(let v): place.specificSupport.append(v)
                case .keptAsWritten(let field, let v):
                    switch field {
                    case "frais_a_charge": place.fees.append(v)
                    case "modalites_accompagnement": place.supportModes.append(v)
                    case "prise_en_charge_specifique": place.specificSupport.append(v)
                    default: place.publics.append(v)
                    }
                    problems.append(ImportProblem(file: file, row: rowNumber, field: field, value: v,
                                                  reason: "no single value of the v1 standard; kept as written", skipped: false))
                }
            }
            // v1's own values outside its vocabularies: kept, and reported.
            if separator == "|" {
                let checked: [(String, [String], [String])] = [
                    ("frais_a_charge", place.fees, StandardVocabulary.fees),
                    ("modalites_accompagnement", place.supportModes, StandardVocabulary.supportModes),
                    ("modalites_acces", place.accessModes, StandardVocabulary.accessModes),
                    ("publics_specifiquement_adresses", place.publics, StandardVocabulary.publics),
                    ("prise_en_charge_specifique", place.specificSupport, StandardVocabulary.specificSupport),
                    ("itinerance", place.itinerance, ["Itinérant", "Fixe"]),
                ]
                for (field, values, vocabulary) in checked {
                    for value in values where !vocabulary.contains(value) {
                        problems.append(ImportProblem(file: file, row: rowNumber, field: field, value: value,
                                                      reason: "not a value of the v1 standard; kept as written", skipped: false))
                    }
                }
            }
            place.fees = place.fees.uniqued()
            place.supportModes = place.supportModes.uniqued()
            place.labels = place.labels.uniqued()
            places.append(place)
        }
        return Result(places: places, problems: problems, format: format)
    }

    /// "2100" → "02100": a postal code a spreadsheet stored as a number lost its leading zero
    /// (the Aisne's and Ain's); "59000.0" → "59000".
    static func postalCode(_ raw: String?) -> String {
        guard var code = raw else { return "" }
        if code.hasSuffix(".0") { code.removeLast(2) }
        return code.count == 4 && code.allSatisfy(\.isNumber) ? "0" + code : code
    }

    /// "13002603200016.0" → "13002603200016"; all zeros or anything but 14 digits → nil.
    static func siret(_ raw: String) -> String? {
        var s = raw
        if s.hasSuffix(".0") { s.removeLast(2) }
        guard s.count == 14, s.allSatisfy(\.isNumber), s != "00000000000000" else { return nil }
        return s
    }

    /// "AUBY" → "Auby", "SAINT-AMAND-LES-EAUX" → "Saint-Amand-Les-Eaux"; mixed case is kept as written.
    static func communeName(_ raw: String) -> String {
        guard raw == raw.uppercased(), raw.contains(where: \.isLetter) else { return raw }
        return raw.lowercased().split(separator: "-", omittingEmptySubsequences: false)
            .map { part in part.split(separator: " ", omittingEmptySubsequences: false).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ") }
            .joined(separator: "-")
    }
}
