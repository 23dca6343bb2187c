import Foundation
import Testing
import MapGeometry
import TextFolding
@testable import Places

@Suite struct PlaceMergerTests {
    func place(_ id: String, _ name: String, siret: String? = nil, at c: GeoCoordinate?, approximate: Bool = false,
               hours: String? = nil, services: [String] = [], phone: String? = nil, address: String? = nil, commune: String = "Lille") -> Place {
        Place(id: id, siret: siret, name: name, address: address ?? "\(id.count) rue \(id)", addressComplement: nil, postalCode: "59000", commune: commune,
              inseeCode: nil, coordinate: c, isApproximate: approximate, typology: [], phone: phone, emails: [], websites: [],
              hours: hours, services: services, publics: [], accessModes: [], labels: [], updated: nil,
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

    /// The same address in the same commune and the same name: one place, wherever each source
    /// placed it; within one source, a name holding the other's words too.
    @Test func theSameAddressAndANameWithinTheOtherMerge() {
        let hall = GeoCoordinate(latitude: 50.6886, longitude: 2.8829), street = GeoCoordinate(latitude: 50.6860, longitude: 2.8790)
        let merged = PlaceMerger().merge([
            place("a", "Centre Social Salengro", at: street, address: "28B rue Jean Baptiste Lebas", commune: "Armentières"),
            place("b", "CENTRE SOCIAL SALENGRO", at: hall, approximate: true, address: "28b rue Jean-Baptiste Lebas", commune: "ARMENTIERES"),
            place("c", "Pôle Croix - Rouge française de Chauny", at: street, address: "108 rue Pasteur", commune: "Chauny"),
            place("d", "CROIX ROUGE FRANCAISE", at: street, address: "108 rue Pasteur", commune: "Chauny"),
            // The same building, another service: kept apart.
            place("e", "Centre Social Espace Carnot", at: street, address: "46 rue du Général San Martin", commune: "Le Portel"),
            place("f", "France services Espace Carnot Le Portel", at: street, address: "46 rue du Général San Martin", commune: "Le Portel"),
            // Across sources, a name within another at one address is another service there.
            place("g", "INTERFACES", at: street, address: "70 rue Léon Blum"),
            place("h", "France services Interfaces Lille Faubourg de Béthune", at: street, address: "70 rue Léon Blum"),
        ].map { place in
            var place = place
            // c and d come from one source; every other row from its own.
            if place.id == "d" { place.sources = [PlaceSource(file: "c", row: 2, format: "test")] }
            return place
        })
        #expect(merged.map { $0.sources.map(\.file) } == [["a", "b"], ["c", "c"], ["e"], ["f"], ["g"], ["h"]])
        #expect(merged[0].coordinate == street && !merged[0].isApproximate)
    }

    /// An organisation that gives its head office's SIRET for every site keeps its sites in
    /// different communes apart.
    @Test func aSiretSharedAcrossCommunesKeepsThePlacesApart() {
        let laon = GeoCoordinate(latitude: 49.564, longitude: 3.62), soissons = GeoCoordinate(latitude: 49.381, longitude: 3.323)
        let merged = PlaceMerger().merge([
            place("a", "Département de l'Aisne", siret: "22020002600015", at: laon, commune: "Laon"),
            place("b", "Maison départementale", siret: "22020002600015", at: soissons, commune: "Soissons"),
            place("c", "Département de l'Aisne - accueil", siret: "22020002600015", at: laon, approximate: true, commune: "LAON"),
        ])
        #expect(merged.map { $0.sources.map(\.file) } == [["a", "c"], ["b"]])
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
        let siretsByCommune = merged.compactMap { p in p.siret.map { $0 + "|" + TextFolding.words(p.commune) } }
        #expect(Set(siretsByCommune).count == siretsByCommune.count, "one place per SIRET in a commune")
        // A head office's SIRET given for sites in several communes: each site kept.
        let mdsi = merged.filter { $0.name.hasPrefix("MDSI") }.map(\.commune)
        #expect(Set(mdsi).isSuperset(of: ["Montdidier", "Moreuil", "Roye", "Peronne"]), "\(mdsi)")
    }
}
