import Foundation
import TextFolding
import MapGeometry

/// One place per real place: rows from several sources describing the same place (same SIRET, or
/// the same name — ignoring case, accents and punctuation — within `sameNameDistance` metres) are
/// merged, keeping the richest value of each field and every source.
public struct PlaceMerger: Sendable {
    public var sameNameDistance: Double

    public init(sameNameDistance: Double = 100) {
        self.sameNameDistance = sameNameDistance
    }

    public func merge(_ places: [Place]) -> [Place] {
        groups(places).map { Self.combine($0.map { places[$0] }) }
    }

    /// Which rows describe the same place: indices into `places`, each group in input order,
    /// groups in the order of their first row.
    public func groups(_ places: [Place]) -> [[Int]] {
        var parent = Array(places.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func union(_ a: Int, _ b: Int) { parent[find(a)] = find(b) }

        var bySiret: [String: Int] = [:]
        var byName: [String: [Int]] = [:]
        for (i, p) in places.enumerated() {
            if let s = p.siret {
                if let other = bySiret[s] { union(i, other) } else { bySiret[s] = i }
            }
            let key = Self.normalisedName(p.name)
            for other in byName[key] ?? [] {
                if let a = p.coordinate, let b = places[other].coordinate, a.distance(to: b) <= sameNameDistance { union(i, other) }
            }
            byName[key, default: []].append(i)
        }
        var groups: [Int: [Int]] = [:]
        for i in places.indices { groups[find(i), default: []].append(i) }
        return groups.values.sorted { $0[0] < $1[0] }
    }

    /// "Médiathèque  L'Odyssée" and "MEDIATHEQUE L ODYSSEE" are the same name.
    public static func normalisedName(_ name: String) -> String { TextFolding.words(name) }

    /// The richest of each field: precise position over approximate, hours that parse over hours
    /// that do not, every list value once, the latest update, all sources.
    public static func combine(_ group: [Place]) -> Place {
        guard var merged = group.first, group.count > 1 else { return group[0] }
        func first<T>(_ value: (Place) -> T?) -> T? { group.lazy.compactMap(value).first }
        func union(_ value: (Place) -> [String]) -> [String] {
            var seen = Set<String>()
            return group.flatMap(value).filter { seen.insert($0).inserted }
        }
        merged.siret = first { $0.siret }
        let precise = group.first { $0.coordinate != nil && !$0.isApproximate } ?? group.first { $0.coordinate != nil }
        merged.coordinate = precise?.coordinate
        merged.isApproximate = precise?.isApproximate ?? false
        merged.addressComplement = first { $0.addressComplement }
        merged.inseeCode = first { $0.inseeCode }
        merged.phone = first { $0.phone }
        merged.hours = first { p in p.hours.flatMap { (try? OpeningHours($0)) != nil ? $0 : nil } } ?? first { $0.hours }
        merged.typology = union { $0.typology }
        merged.emails = union { $0.emails }
        merged.websites = union { $0.websites }
        merged.services = union { $0.services }
        merged.publics = union { $0.publics }
        merged.accessConditions = union { $0.accessConditions }
        merged.labels = union { $0.labels }
        merged.specificSupport = union { $0.specificSupport }
        merged.accesLibreURL = first { $0.accesLibreURL }
        merged.updated = group.compactMap(\.updated).max()
        merged.sources = group.flatMap(\.sources)
        return merged
    }
}
