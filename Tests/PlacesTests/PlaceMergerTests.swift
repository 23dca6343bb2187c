import Foundation
import Testing
import MapGeometry
@testable import Places

@Suite struct PlaceMergerTests {
    func place(_ id: String, _ name: String, siret: String? = nil, at c: GeoCoordinate?, approximate: Bool = false,
               hours: String? = nil, services: [String] = [], phone: String? = nil) -> Place {
        Place(id: id, siret: siret, name: name, address: "1 rue X", addressComplement: nil, postalCode: "59000", commune: "Lille",
              inseeCode: nil, coordinate: c, isApproximate: approximate, typology: [], phone: phone, emails: [], websites: [],
              hours: hours, services: services, publics: [], accessConditions: [], labels: [], updated: nil,
              sources: [PlaceSource(file: id, row: 1, format: "test")])
    }

    @Test func sameSiretOrSameNameNearbyMerge() {
        let lille = GeoCoordinate(latitude: 50.63, longitude: 3.06)
        let near = GeoCoordinate(latitude: 50.6305, longitude: 3.0605)      // ~65 m
        let far = GeoCoordinate(latitude: 50.64, longitude: 3.06)           // ~1.1 km
        let merged = PlaceMerger().merge([
            place("a", "Médiathèque L'Odyssée", at: lille, hours: "Mo 08:30-12:00-13:30", services: ["Internet"]),
            place("b", "MEDIATHEQUE L ODYSSEE", at: near, approximate: true, hours: "Mo-Fr 09:00-17:00", services: ["Internet", "Démarches"], phone: "03 20"),
            place("c", "Médiathèque l'Odyssée", at: far),
            place("d", "France services Lille", siret: "13002603200016", at: nil),
            place("e", "Maison France Services", siret: "13002603200016", at: far),
        ])
        #expect(merged.count == 3)
        let odyssee = merged[0]
        #expect(odyssee.sources.map(\.file) == ["a", "b"])
        #expect(odyssee.coordinate == lille && !odyssee.isApproximate, "the precise position wins")
        #expect(odyssee.hours == "Mo-Fr 09:00-17:00", "hours that parse win over hours that do not")
        #expect(odyssee.services == ["Internet", "Démarches"] && odyssee.phone == "03 20")
        #expect(merged[2].sources.map(\.file) == ["d", "e"] && merged[2].coordinate == far)
    }

    /// The three regional files together: the same places appear in several of them.
    @Test func regionalFilesTogether() throws {
        func fixture(_ name: String) throws -> Data {
            try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)"))
        }
        let cn = try NationalStandardReader.read(data: try fixture("conseillers-numeriques-hdf-2022-12.json"), file: "cn")
        let townHalls = try AidantsConnectReader.townHalls(populationCSV: try fixture("communes-hdf-population.csv"))
        let ac = try AidantsConnectReader.read(data: try fixture("aidants-connect-hdf-2024-02-12.csv"), file: "ac", townHalls: townHalls)
        let fs = try FranceServicesReader.read(data: try fixture("france-services-hdf-2022-12-01.csv"), file: "fs")
        // 12 itinerant stops have neither address nor position: skipped and reported.
        #expect(fs.places.count == 189 && fs.problems.count == 12 && fs.problems.allSatisfy { $0.skipped && $0.field == "adresse" })
        #expect(fs.places.filter { $0.hours != nil }.count == 186)
        let all = cn.places + ac.places + fs.places
        let merged = PlaceMerger().merge(all)
        print("merged \(all.count) rows into \(merged.count) places")
        #expect(all.count == 421 + 410 + 189)
        #expect(merged.count < all.count)
        #expect(merged.reduce(0) { $0 + $1.sources.count } == all.count, "no source lost")
        #expect(Set(merged.compactMap(\.siret)).count == merged.compactMap(\.siret).count, "one place per SIRET")
    }
}
