import Foundation
import Testing
@testable import Places

@Suite struct NationalStandardReaderTests {
    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)"))
    }

    /// The 421 conseillers numériques of the region (JSON, v0.1 lists): every row kept, the one
    /// without a position reported, SIRETs normalised, upper-case communes tidied.
    @Test func conseillersNumeriquesJSON() throws {
        let result = try NationalStandardReader.read(data: try fixture("conseillers-numeriques-hdf-2022-12.json"), file: "cn.json")
        #expect(result.format == "standard v0.1 JSON")
        #expect(result.places.count == 421)
        #expect(result.places.filter { $0.coordinate == nil }.count == 1)
        #expect(result.problems.count == 1 && result.problems[0].field == "latitude/longitude" && !result.problems[0].skipped)
        let escale = try #require(result.places.first { $0.id == "626fc4a7cc2a0205c7bef589" })
        #expect(escale.commune == "Auby" && escale.siret == nil)
        #expect(escale.services.count == 4 && escale.services[0] == "Prendre en main un smartphone ou une tablette")
        #expect(escale.hours == "Tu-Fr 14:00-17:00; We 10:00-12:00,14:00-17:00; Sa 10:00-12:00")
        #expect(result.places.filter { $0.siret != nil }.count == 421 - 203)
    }

    @Test func standardExamplesBothVersions() throws {
        let v1 = try NationalStandardReader.read(data: try fixture("standard-v1-example.csv"), file: "v1.csv")
        #expect(v1.format == "standard v1 CSV")
        #expect(v1.places.first?.typology == ["TIERS_LIEUX", "ASSO"])
        #expect(v1.places.first?.emails.count == 2)
        let v0 = try NationalStandardReader.read(data: try fixture("standard-v0.1-example.csv"), file: "v0.csv")
        #expect(v0.format == "standard v0.1 CSV")
        #expect(v0.places.first?.typology == ["TIERS_LIEUX", "ASSO"])
        #expect(v0.places.first?.siret == "43493312300029")
    }

    @Test func badRowsAreReportedAndSkipped() throws {
        let csv = "id,nom,adresse,commune,code_postal,latitude,longitude,pivot\n1,Lieu A,1 rue X,Lille,59000,50.6,3.06,13002603200016.0\n2,,2 rue Y,Lille,59000,50.6,3.06,\n3,Lieu C,,Lille,59000,50.6,3.06,\n4,Lieu D,4 rue Z,Lille,59000,abc,3.06,\n"
        let result = try NationalStandardReader.read(data: Data(csv.utf8), file: "bad.csv")
        #expect(result.places.map(\.name) == ["Lieu A", "Lieu D"])
        #expect(result.places[0].siret == "13002603200016")
        #expect(result.places[1].coordinate == nil)
        #expect(result.problems.map { "\($0.row) \($0.field) \($0.skipped)" } == ["2 nom true", "3 adresse true", "4 latitude/longitude false"])
    }

    @Test func geoJSONPoints() throws {
        let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[3.06,50.63]},"properties":{"id":"p1","nom":"Espace numérique","adresse":"1 place X","commune":"LILLE","code_postal":"59000","services":"Accéder à une connexion internet|Utiliser le numérique au quotidien"}},{"type":"Feature","geometry":null,"properties":{"id":"p2","nom":"Sans position","adresse":"2 rue Y","commune":"Lille","code_postal":"59000"}}]}"#
        let result = try NationalStandardReader.read(data: Data(json.utf8), file: "points.geojson")
        #expect(result.format == "standard v1 GeoJSON")
        #expect(result.places.count == 2)
        #expect(result.places[0].coordinate?.latitude == 50.63 && result.places[0].services.count == 2)
        #expect(result.places[0].commune == "Lille")
        #expect(result.places[1].coordinate == nil && result.problems.count == 1)
    }

    @Test func unreadableFilesAreRefused() {
        #expect(throws: NationalStandardReader.FileError.self) {
            try NationalStandardReader.read(data: Data("[{\"nom\": ".utf8), file: "truncated.json")
        }
        #expect(throws: NationalStandardReader.FileError.self) {
            try NationalStandardReader.read(data: Data("a,b\n1,2\n".utf8), file: "other.csv")
        }
        #expect(throws: NationalStandardReader.FileError.self) {
            try NationalStandardReader.read(data: Data("{\"type\": \"Feature\"}".utf8), file: "one.geojson")
        }
    }
}
