import CSV
import Foundation
import MapGeometry

/// Reads the towns to label from a CSV with INSEE-style columns: `nom`, `population_municipale`,
/// `mairie_lon`, `mairie_lat` (the town hall's position). Rows without a position or population
/// are skipped; a file without those columns is refused, naming the missing ones.
public enum TownListReader {
    public static let requiredColumns = ["nom", "population_municipale", "mairie_lon", "mairie_lat"]

    public struct ReadError: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    public static func read(fileAt url: URL) throws -> [TownLabel] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ReadError(file: url.path, reason: "cannot be read as UTF-8 text")
        }
        return try read(csv: text, name: url.path)
    }

    public static func read(csv text: String, name: String) throws -> [TownLabel] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw ReadError(file: name, reason: "is not readable CSV (\(error))")
        }
        let header = reader.headerRow ?? []
        let missing = requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw ReadError(file: name, reason: "missing columns \(missing.joined(separator: ", ")) (found \(header.joined(separator: ", ")))")
        }
        var towns: [TownLabel] = []
        while reader.next() != nil {
            guard let nameValue = reader["nom"], !nameValue.isEmpty,
                  let population = Int(reader["population_municipale"] ?? ""),
                  let lon = Double(reader["mairie_lon"] ?? ""), let lat = Double(reader["mairie_lat"] ?? ""),
                  (-180...180).contains(lon), (-85...85).contains(lat) else { continue }
            towns.append(TownLabel(name: nameValue, population: population,
                                   position: WebMercator.project(GeoCoordinate(latitude: lat, longitude: lon))))
        }
        return towns
    }
}

extension TownListReader {
    /// The towns of the population file, and the places of an OpenStreetMap extract it lacks:
    /// the file's figures are official, the extract's a tag or a guess by the kind of place. A
    /// place is the file's town when it has the same name (letter case aside) within `radius`
    /// world units (10 km at the equator, about 6.5 at the region's latitude: one town, not a namesake).
    public static func preferring(_ file: [TownLabel], over places: [TownLabel], radius: Double = WebMercator.worldSize * 10_000 / 40_075_016.0) -> [TownLabel] {
        guard !places.isEmpty else { return file }
        var byName: [String: [Point]] = [:]
        for town in file { byName[town.name.lowercased(), default: []].append(town.position) }
        let added = places.filter { place in
            !(byName[place.name.lowercased()] ?? []).contains { $0.distance(to: place.position) <= radius }
        }
        return file + added
    }
}
