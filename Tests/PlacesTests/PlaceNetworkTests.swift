import Testing
@testable import MapGeometry
@testable import Places

/// A place's network is told from its labels, typology and source files, whatever their case,
/// and kept with its facts.
@Suite struct PlaceNetworkTests {
    static func place(labels: [String] = [], typology: [String] = [], file: String = "lieux.csv") -> Place {
        Place(id: "p", siret: nil, name: "Lieu", address: "1 rue A", addressComplement: nil, postalCode: "59000", commune: "Lille",
              inseeCode: nil, coordinate: GeoCoordinate(latitude: 50.63, longitude: 3.06), isApproximate: false, typology: typology,
              phone: nil, emails: [], websites: [], hours: nil, services: [], publics: [], accessModes: [], labels: labels,
              accesLibreURL: nil, updated: nil, appointmentURL: nil, summary: nil, presentation: nil, publisher: nil,
              parentOrganisation: nil, sources: [PlaceSource(file: file, row: 2, format: "CSV")])
    }

    @Test func labelsTypologyAndFilesTellTheNetwork() {
        #expect(PlaceNetwork(Self.place(labels: ["France Services"])) == .franceServices)
        #expect(PlaceNetwork(Self.place(labels: ["FRANCE SERVICES"])) == .franceServices)
        #expect(PlaceNetwork(Self.place(file: "france-services-hdf-2022-12-01.csv")) == .franceServices)
        #expect(PlaceNetwork(Self.place(typology: ["cnfs"])) == .conseillerNumerique)
        #expect(PlaceNetwork(Self.place(labels: ["Conseiller numérique"])) == .conseillerNumerique)
        #expect(PlaceNetwork(Self.place(file: "conseillers-numeriques-hdf-2022-12.json")) == .conseillerNumerique)
        #expect(PlaceNetwork(Self.place(labels: ["Aidants Connect"])) == .aidantsConnect)
        #expect(PlaceNetwork(Self.place(file: "aidants-connect-hdf-2024-02-12.csv")) == .aidantsConnect)
        #expect(PlaceNetwork(Self.place(labels: ["Pix"], typology: ["BIB"])) == .other)
        // France Services first: a France Services with a conseiller numérique is shown as France Services.
        #expect(PlaceNetwork(Self.place(labels: ["Conseiller numérique", "France Services"])) == .franceServices)
        // "cnfs" as a whole label only, not inside a word.
        #expect(PlaceNetwork(Self.place(labels: ["cnfsx"])) == .other)
    }

    @Test func theDirectoryKeepsEachPlacesNetwork() {
        let directory = PlaceDirectory(places: [Self.place(labels: ["France Services"]), Self.place(), Self.place(labels: ["Aidants Connect"])])
        #expect(directory.places.indices.map(directory.network) == [.franceServices, .other, .aidantsConnect])
    }
}
