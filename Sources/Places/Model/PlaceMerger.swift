import Foundation
import TextFolding
import MapGeometry

/// One place per real place: rows describing the same place, from several sources or twice in
/// one, are merged, keeping the richest value of each field and every source. The same place is
/// the same SIRET in the same commune; or the same name (ignoring case, accents and punctuation) within
/// `sameNameDistance` metres; or, at the same address in the same commune, the same name however
/// far apart the sources placed it ("Centre Social Salengro" at its address in one, at the town
/// hall in another), or within one source a name holding every word of the other ("CROIX ROUGE
/// FRANCAISE" and "Pôle Croix-Rouge française de Chauny").
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
        var byAddress: [String: [Int]] = [:]
        let nameWords = places.map { Set(Self.normalisedName($0.name).split(separator: " ")) }
        for (i, p) in places.enumerated() {
            if let s = p.siret {
                // A SIRET names an establishment, yet many organisations give their head office's
                // for every site: rows sharing one are the same place only in the same commune.
                let key = s + "|" + TextFolding.words(p.commune)
                if let other = bySiret[key] { union(i, other) } else { bySiret[key] = i }
            }
            let key = Self.normalisedName(p.name)
            for other in byName[key] ?? [] {
                if let a = p.coordinate, let b = places[other].coordinate, a.distance(to: b) <= sameNameDistance { union(i, other) }
            }
            byName[key, default: []].append(i)
            let address = TextFolding.words(p.address)
            guard !address.isEmpty, !nameWords[i].isEmpty else { continue }
            let addressKey = address + "|" + TextFolding.words(p.commune)
            for other in byAddress[addressKey] ?? [] where Self.sameAtOneAddress(places[i], nameWords[i], places[other], nameWords[other]) {
                union(i, other)
            }
            byAddress[addressKey, default: []].append(i)
        }
        var groups: [Int: [Int]] = [:]
        for i in places.indices { groups[find(i), default: []].append(i) }
        return groups.values.sorted { $0[0] < $1[0] }
    }

    /// At one address, the same name is the same place wherever a source placed it; a name
    /// holding every word of another is the same place only within one source (across sources
    /// it is often another service in the same building: "INTERFACES" and "France services
    /// Interfaces Lille" keep their own hours).
    static func sameAtOneAddress(_ a: Place, _ aWords: Set<Substring>, _ b: Place, _ bWords: Set<Substring>) -> Bool {
        if aWords == bWords { return true }
        guard let aFile = a.sources.first?.file, aFile == b.sources.first?.file else { return false }
        return aWords.isSubset(of: bWords) || bWords.isSubset(of: aWords)
    }

    /// "Médiathèque  L'Odyssée" and "MEDIATHEQUE L ODYSSEE" are the same name.
    public static func normalisedName(_ name: String) -> String { TextFolding.words(name) }

    /// The richest of each field: precise position over approximate, hours that parse over hours
    /// that do not, every list value once, the latest update, all sources.
    public static func combine(_ group: [Place]) -> Place {
        guard var merged = group.first, group.count > 1 else { return group[0] }
        func first<T>(_ value: (Place) -> T?) -> T? { group.lazy.compactMap(value).first }
        func union(_ value: (Place) -> [String]) -> [String] { group.flatMap(value).uniqued() }
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
        merged.accessModes = union { $0.accessModes }
        merged.labels = union { $0.labels }
        merged.fees = union { $0.fees }
        merged.supportModes = union { $0.supportModes }
        merged.itinerance = union { $0.itinerance }
        merged.trainingLabels = union { $0.trainingLabels }
        merged.otherLabels = union { $0.otherLabels }
        merged.appointmentURL = first { $0.appointmentURL }
        merged.summary = first { $0.summary }
        merged.presentation = group.compactMap(\.presentation).max { $0.count < $1.count }
        merged.publisher = first { $0.publisher }
        merged.parentOrganisation = first { $0.parentOrganisation }
        merged.specificSupport = union { $0.specificSupport }
        merged.accesLibreURL = first { $0.accesLibreURL }
        merged.updated = group.compactMap(\.updated).max()
        merged.sources = group.flatMap(\.sources)
        return merged
    }
}
