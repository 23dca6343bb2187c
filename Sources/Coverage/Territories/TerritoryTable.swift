import CSV
import Foundation
import MapGeometry
import Places
import TextFolding

/// The communes of a region with their population, fragility index and territories, read from the
/// files named in the configuration's `[coverage]` section. Only the population file is required:
/// a region without a fragility index simply lacks that layer.
public struct TerritoryTable: Sendable {
    public let communes: [Commune]
    public let intercommunalities: [String: Territory]
    public let departments: [String: Territory]
    /// Communes whose town-hall position in the file cannot be right (see ``load(population:fragility:intercommunalities:departments:)``):
    /// their position is left out, and their distances are "no data".
    public private(set) var misplacedTownHalls: [String] = []
    private let indexByCode: [String: Int]
    /// Communes by department and folded name, to place a place given by its commune's name.
    private let indexByName: [String: Int]

    public var hasFragilityIndex: Bool { communes.contains { $0.fragility != nil } }

    public init(communes: [Commune], intercommunalities: [String: Territory] = [:], departments: [String: Territory] = [:]) {
        self.communes = communes
        self.intercommunalities = intercommunalities
        var departments = departments
        for code in Set(communes.map(\.department)) where departments[code] == nil {
            departments[code] = Territory(code: code, name: "Département \(code)")
        }
        self.departments = departments
        indexByCode = Dictionary(communes.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { a, _ in a })
        indexByName = Dictionary(communes.enumerated().map { (Self.nameKey($0.element.department, $0.element.name), $0.offset) },
                                 uniquingKeysWith: { a, _ in a })
    }

    public func commune(code: String) -> Commune? { indexByCode[code].map { communes[$0] } }

    public func index(ofCode code: String) -> Int? { indexByCode[code] }

    /// The commune a place belongs to: by its INSEE code; else by its commune's name within the
    /// department of its postal code; else the commune whose town hall is nearest (sources
    /// without a code give a position).
    public func communeIndex(inseeCode: String?, postalCode: String, communeName: String, position: GeoCoordinate?) -> Int? {
        if let inseeCode, let i = indexByCode[inseeCode] { return i }
        if postalCode.count == 5, let i = indexByName[Self.nameKey(Commune.department(ofINSEECode: postalCode), communeName)] { return i }
        guard let position else { return nil }
        var best: (index: Int, distance: Double)?
        for (i, commune) in communes.enumerated() {
            guard let hall = commune.townHall else { continue }
            let d = hall.distance(to: position)
            if best == nil || d < best!.distance { best = (i, d) }
        }
        return best?.index
    }

    static func nameKey(_ department: String, _ name: String) -> String {
        department + " " + TextFolding.words(name)
    }
}

/// Why a coverage file was refused: names the file and, where it applies, the row.
public struct TerritoryFileError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var row: Int?
    public var reason: String

    public var description: String {
        "\(file)\(row.map { ": row \($0)" } ?? ""): \(reason)"
    }
}

extension TerritoryTable {
    /// Reads the population file (`code_insee, nom, population_municipale, mairie_lon,
    /// mairie_lat`), and optionally the fragility index (`code, no_thd_coverage_rate,
    /// no_4g_coverage_rate, poverty_rate, older_65_rate, nscol15p_rate, total`), the
    /// intercommunalities (`code_insee, epci_siren, epci_nom, epci_type`) and the department
    /// names (`code, nom`). Rows of the optional files for communes the population file lacks
    /// are ignored; a commune without a row in them just lacks that figure.
    public static func load(population: URL, fragility: URL? = nil, intercommunalities: URL? = nil,
                            departments: URL? = nil) throws -> TerritoryTable {
        var communes: [Commune] = []
        var seen: Set<String> = []
        try Rows.read(population, required: ["code_insee", "nom", "population_municipale", "mairie_lon", "mairie_lat"]) { row in
            let code = try row.required("code_insee")
            guard seen.insert(code).inserted else { throw row.error("code_insee \(code) appears twice") }
            let population = try row.optional("population_municipale").map { raw in
                guard let n = Int(raw), n >= 0 else { throw row.error("population_municipale \"\(raw)\" is not a count") }
                return n
            }
            var hall: GeoCoordinate?
            if let lon = row.optional("mairie_lon"), let lat = row.optional("mairie_lat") {
                guard let x = Double(lon), let y = Double(lat), (-180...180).contains(x), (-90...90).contains(y) else {
                    throw row.error("town hall position \"\(lon), \(lat)\" is not a longitude and a latitude")
                }
                hall = GeoCoordinate(latitude: y, longitude: x)
            }
            communes.append(Commune(code: code, name: try row.required("nom"), population: population, townHall: hall))
        }
        let position = Dictionary(uniqueKeysWithValues: communes.enumerated().map { ($0.element.code, $0.offset) })
        if let fragility {
            let parts = ["no_thd_coverage_rate", "no_4g_coverage_rate", "poverty_rate", "older_65_rate", "nscol15p_rate", "total"]
            try Rows.read(fragility, required: ["code"] + parts) { row in
                guard let i = position[try row.required("code")] else { return }
                let scores = try parts.map { name -> Double in
                    let raw = try row.required(name)
                    guard let v = Double(raw), v.isFinite, (0...10).contains(v) else { throw row.error("\(name) \"\(raw)\" is not a score from 0 to 10") }
                    return v
                }
                communes[i].fragility = FragilityIndex(noBroadband: scores[0], noMobileData: scores[1], poverty: scores[2],
                                                       olderPeople: scores[3], noDiploma: scores[4], total: scores[5])
            }
        }
        var groups: [String: Territory] = [:]
        if let intercommunalities {
            try Rows.read(intercommunalities, required: ["code_insee", "epci_siren", "epci_nom"]) { row in
                guard let i = position[try row.required("code_insee")], let siren = row.optional("epci_siren") else { return }
                communes[i].intercommunality = siren
                groups[siren] = Territory(code: siren, name: try row.required("epci_nom"), kind: row.optional("epci_type"))
            }
        }
        var names: [String: Territory] = [:]
        if let departments {
            try Rows.read(departments, required: ["code", "nom"]) { row in
                let code = try row.required("code")
                names[code] = Territory(code: code, name: try row.required("nom"))
            }
        }
        guard !communes.isEmpty else { throw TerritoryFileError(file: population.lastPathComponent, reason: "has no commune") }
        let misplaced = misplacedTownHalls(communes)
        for i in misplaced { communes[i].townHall = nil }
        var table = TerritoryTable(communes: communes, intercommunalities: groups, departments: names)
        table.misplacedTownHalls = misplaced.map { communes[$0].code }
        return table
    }

    /// Town halls more than ``farthestNeighbour`` from every other one: a commune's neighbours
    /// are a few kilometres away, so such a position is a typo (latitude written as longitude, a
    /// homonym elsewhere in France).
    static let farthestNeighbour = 10_000.0

    static func misplacedTownHalls(_ communes: [Commune]) -> [Int] {
        let placed = communes.indices.filter { communes[$0].townHall != nil }
        guard placed.count > 1 else { return [] }
        let index = NearestIndex(coordinates: placed.map { communes[$0].townHall! })
        return placed.filter { i in
            let hits = index.nearest(to: communes[i].townHall!, k: 2)
            return hits.count == 2 && hits[1].distance > farthestNeighbour
        }
    }
}

/// A CSV file read row by row by column name, refused with its name and row on the first bad value.
/// Column names are looked up once, from the header, not at each field.
private struct Rows {
    let reader: CSVReader
    let file: String
    let columns: [String: Int]
    var number = 0

    static func read(_ url: URL, required: [String], each: (Rows) throws -> Void) throws {
        let file = url.lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TerritoryFileError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: true)
        } catch {
            throw TerritoryFileError(file: file, reason: "is not readable CSV (\(error))")
        }
        let header = reader.headerRow ?? []
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else { throw TerritoryFileError(file: file, reason: "lacks the columns \(missing.joined(separator: ", "))") }
        var columns: [String: Int] = [:]
        for (i, name) in header.enumerated() where columns[name] == nil { columns[name] = i }
        var rows = Rows(reader: reader, file: file, columns: columns)
        while reader.next() != nil {
            rows.number += 1
            try each(rows)
        }
    }

    func optional(_ column: String) -> String? {
        guard let i = columns[column], let row = reader.currentRow, i < row.count else { return nil }
        let field = row[i]
        guard let first = field.utf8.first, let last = field.utf8.last else { return nil }
        // Most fields have no spaces around them: trimmed only when they do.
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        return field
    }

    func required(_ column: String) throws -> String {
        guard let v = optional(column) else { throw error("\(column) is empty") }
        return v
    }

    func error(_ reason: String) -> TerritoryFileError { TerritoryFileError(file: file, row: number, reason: reason) }
}
