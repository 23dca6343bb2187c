import CSV
import Foundation
import Testing
import TextFolding
@testable import Places

/// Every field of the national standard is kept, v0.1's are mapped to v1's, and the places go
/// back out in v1.0.2 as they came in.
@Suite struct StandardFieldsTests {
    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)"))
    }

    func rows(_ data: Data) throws -> [[String: String]] {
        let reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: true)
        let header = reader.headerRow ?? []
        var rows: [[String: String]] = []
        while let row = reader.next() { rows.append(Dictionary(uniqueKeysWithValues: zip(header, row))) }
        return rows
    }

    /// The standard's valid v1.0.2 example: each of its 32 cells comes back out of the export as
    /// it went in.
    @Test func everyVersion1FieldSurvivesImportAndExport() throws {
        let data = try fixture("standard-v1-example.csv")
        let source = try #require(try rows(data).first)
        #expect(source.count == 32 && Set(source.keys) == Set(StandardExport.columns))
        let place = try #require(try NationalStandardReader.read(data: data, file: "v1.csv").places.first)
        let exported = Dictionary(uniqueKeysWithValues: zip(StandardExport.columns, StandardExport.row(place)))
        for column in StandardExport.columns {
            let expected = source[column] ?? "", got = exported[column] ?? ""
            if column == "latitude" || column == "longitude" {
                #expect(Double(got) == Double(expected), "\(column)")
            } else {
                #expect(got == expected, "\(column): \"\(got)\" vs \"\(expected)\"")
            }
        }
        #expect(place.fees == ["Gratuit sous condition", "Payant"] && place.itinerance == ["Itinérant"] && place.appointmentURL == "https://www.rdv-solidarites.fr/")
        #expect(!place.supportModes.isEmpty && !place.accessModes.isEmpty && place.summary != nil && place.publisher == "Hubik")
    }

    /// v0.1's fields go to their v1 counterparts: normalised where one v1 value answers, kept as
    /// written and reported where none (or two) does.
    @Test func version01FieldsMapToVersion1() throws {
        let result = try NationalStandardReader.read(data: try fixture("standard-v0.1-example.csv"), file: "v0.csv")
        let place = try #require(result.places.first)
        #expect(place.fees == ["Payant", "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu"])
        #expect(place.labels == ["France Services"])
        #expect(place.otherLabels == ["SudLabs", "Nièvre médiation numérique", "APTIC", "Point relais CAF"])
        #expect(place.publics == ["Familles et/ou enfants", "Adultes"])
        #expect(place.specificSupport == ["Déficience visuelle"])
        #expect(place.supportModes == ["En autonomie", "Accompagnement individuel"])
        #expect(place.accesLibreURL?.hasPrefix("https://acceslibre.beta.gouv.fr/") == true)
        #expect(place.appointmentURL == "https://www.rdv-solidarites.fr/")
        #expect(place.publisher == "Hubik" && place.parentOrganisation == "Pôle emploi" && place.summary != nil && place.presentation != nil)
        // What could not be normalised is reported, the row kept.
        #expect(result.problems.map(\.field).sorted() == ["frais_a_charge", "publics_specifiquement_adresses"], "\(result.problems)")
        #expect(result.problems.allSatisfy { !$0.skipped && $0.reason.contains("kept as written") })
        // The real conseillers numériques file: "Gratuit : …" is free, CNFS the programme's name.
        let cn = try NationalStandardReader.read(data: try fixture("conseillers-numeriques-hdf-2022-12.json"), file: "cn.json")
        #expect(cn.places.allSatisfy { $0.labels.contains("Conseillers numériques") })
        #expect(cn.places.filter { $0.fees == ["Gratuit"] }.count > 400)
        #expect(cn.places.filter { $0.appointmentURL != nil }.count >= 30)
    }

    /// A record stored by an earlier version, without the new fields, still reads.
    @Test func aRecordStoredBeforeTheNewFieldsReads() throws {
        let old = #"{"id":"x","name":"Lieu","address":"1 rue X","postalCode":"59000","commune":"Lille","isApproximate":false,"typology":[],"emails":[],"websites":[],"services":["Accéder à du matériel"],"publics":[],"accessConditions":["Gratuit"],"labels":[],"specificSupport":[],"sources":[{"file":"f","row":1,"format":"t"}]}"#
        let place = try JSONDecoder().decode(Place.self, from: Data(old.utf8))
        #expect(place.name == "Lieu" && place.services == ["Accéder à du matériel"] && place.fees.isEmpty && place.accessModes.isEmpty)
    }

    @Test func exportWritesTheStandardsForms() {
        #expect(StandardExport.internationalPhone("03 20 15 97 20") == "+33320159720")
        #expect(StandardExport.internationalPhone("+33 3 27 99 60 50") == "+33327996050")
        #expect(StandardExport.isoDate("2022-06-02T08:00:00.000Z") == "2022-06-02")
        #expect(StandardExport.serviceInVersion1("Prendre en main un ordinateur") == "Maîtrise des outils numériques du quotidien")
        #expect(StandardExport.serviceInVersion1("Accompagner les démarches de santé") == "Accompagner les démarches de santé")
    }

    /// Free, one to one, without appointment, publics and support: the directory keeps exactly
    /// what a brute force over the fields keeps, on the region and on the standard's example.
    @Test func filtersOnTheStandardsFieldsEqualABruteForce() throws {
        let example = try NationalStandardReader.read(data: try fixture("standard-v1-example.csv"), file: "v1.csv").places
        let cn = try NationalStandardReader.read(data: try fixture("conseillers-numeriques-hdf-2022-12.json"), file: "cn.json").places
        let fs = try FranceServicesReader.read(data: try fixture("france-services-hdf-2022-12-01.csv"), file: "fs.csv").places
        let directory = PlaceDirectory(places: PlaceMerger().merge(cn + fs) + example)
        #expect(directory.offersPresent == [.free, .oneToOne, .walkIn])
        let filters: [PlaceDirectory.Filter] = [
            .init(offers: [.free]), .init(offers: [.oneToOne]), .init(offers: [.walkIn]), .init(offers: [.free, .oneToOne]),
            .init(needs: [.procedures], offers: [.free]), .init(publics: ["jeunes"]), .init(support: ["surdite"]),
            .init(publics: ["femmes"], support: ["langues etrangeres"]), .init(support: ["handicaps moteurs"]),
        ]
        for filter in filters {
            let kept = Set(directory.filtered(filter))
            let brute = Set(directory.places.indices.filter { i in
                let p = directory.places[i]
                return filter.needs.allSatisfy { $0.isMet(by: p) }
                    && (!filter.offers.contains(.free) || p.fees.contains("Gratuit"))
                    && (!filter.offers.contains(.oneToOne) || p.supportModes.contains("Accompagnement individuel"))
                    && (!filter.offers.contains(.walkIn) || p.accessModes.contains("Se présenter"))
                    && filter.publics.allSatisfy { w in p.publics.contains { TextFolding.fold($0).contains(w) } }
                    && filter.support.allSatisfy { w in p.specificSupport.contains { TextFolding.fold($0).contains(w) } }
            })
            #expect(kept == brute, "\(filter)")
        }
        #expect(directory.filtered(.init(offers: [.free])).count > 500, "conseillers numériques and France Services are free")
        #expect(directory.filtered(.init(offers: [.walkIn])).map { directory.places[$0].id } == ["structure-1"])
        #expect(directory.filtered(.init(support: ["surdite"])).map { directory.places[$0].id } == ["structure-1"])
    }

    /// The same example as a v1 JSON array: read by the JSON path, every cell comes back out.
    @Test func version1JSONKeepsEveryField() throws {
        let csv = try rows(try fixture("standard-v1-example.csv"))
        let json = try JSONSerialization.data(withJSONObject: csv)
        let result = try NationalStandardReader.read(data: json, file: "v1.json")
        #expect(result.format == "standard v1 JSON" && result.problems.isEmpty)
        let place = try #require(result.places.first)
        let exported = Dictionary(uniqueKeysWithValues: zip(StandardExport.columns, StandardExport.row(place)))
        for column in StandardExport.columns where column != "latitude" && column != "longitude" {
            #expect(exported[column] == csv[0][column], "\(column)")
        }
        // A v1 value outside the standard's lists is kept and reported.
        var odd = csv[0]
        odd["frais_a_charge"] = "Gratuit|Prix libre"
        let oddResult = try NationalStandardReader.read(data: try JSONSerialization.data(withJSONObject: [odd]), file: "odd.json")
        #expect(oddResult.places.first?.fees == ["Gratuit", "Prix libre"])
        #expect(oddResult.problems.map { "\($0.field)=\($0.value)" } == ["frais_a_charge=Prix libre"])
    }

    /// The region's real v0.1 JSON (421 conseillers numériques): each row's fields reach the
    /// export in v1's form.
    @Test func realVersion01RowsReachTheExport() throws {
        let data = try fixture("conseillers-numeriques-hdf-2022-12.json")
        let raw = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let places = try NationalStandardReader.read(data: data, file: "cn.json").places
        #expect(raw.count == places.count)
        for (row, place) in zip(raw, places) {
            let out = Dictionary(uniqueKeysWithValues: zip(StandardExport.columns, StandardExport.row(place)))
            func text(_ key: String) -> String { (row[key] as? String)?.trimmingCharacters(in: .whitespaces) ?? (row[key] as? NSNumber)?.stringValue ?? "" }
            #expect(out["id"] == text("id") && out["nom"] == text("nom") && out["adresse"] == text("adresse"))
            #expect(out["commune"]?.lowercased() == text("commune").lowercased() && out["code_postal"] == text("code_postal"))
            #expect(out["horaires"] == text("horaires") && out["source"] == text("source") && out["date_maj"] == String(text("date_maj").prefix(10)))
            #expect(out["site_web"] == text("site_web").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "|"))
            if !text("telephone").isEmpty { #expect(out["telephone"]?.hasPrefix("+33") == true) }
            if let siret = NationalStandardReader.siret(text("pivot")) { #expect(out["pivot"] == siret) }
            let services = text("services").split(separator: ";").map { StandardExport.serviceInVersion1($0.trimmingCharacters(in: .whitespaces)) }
            #expect(Set(out["services"]?.split(separator: "|").map(String.init) ?? []) == Set(services))
            if text("conditions_access").hasPrefix("Gratuit :") { #expect(out["frais_a_charge"] == "Gratuit") }
            let programmes = out["dispositif_programmes_nationaux"]?.split(separator: "|").map(String.init) ?? []
            #expect(text("labels_nationaux").contains("CNFS") == programmes.contains("Conseillers numériques"))
            #expect(text("labels_nationaux").contains("Aidants Connect") == programmes.contains("Aidants Connect"))
        }
    }
}
