import Foundation
@testable import Coverage
@testable import Places

/// The bundled regional data, read once for all the tests: the places as the kiosk imports them
/// and the communes with their population, fragility index and intercommunality.
enum RegionData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static func asset(_ path: String) -> URL { root.appendingPathComponent("assets/" + path) }

    static let directory: PlaceDirectory = {
        let importer = PlaceImporter(townHalls: try! AidantsConnectReader.townHalls(
            populationCSV: try! Data(contentsOf: asset("population/communes-hdf-population.csv"))))
        let rows = try! ["conseillers-numeriques-hdf-2022-12.json", "france-services-hdf-2022-12-01.csv", "aidants-connect-hdf-2024-02-12.csv"]
            .flatMap { try importer.read(fileAt: asset("places/" + $0)).places }
        return PlaceDirectory(places: PlaceMerger().merge(rows))
    }()

    static let territories: TerritoryTable = try! TerritoryTable.load(
        population: asset("population/communes-hdf-population.csv"),
        fragility: asset("population/indice-fragilite-numerique-hdf.csv"),
        intercommunalities: asset("population/epci-hdf.csv"),
        departments: asset("population/departements-hdf.csv"))

    static let calculator = CoverageCalculator(territories: territories, directory: directory)

    /// Tuesday 1 December 2026, 10:30 in Paris, and the Sunday after at 3 in the morning.
    static let tuesdayMorning = ISO8601DateFormatter().date(from: "2026-12-01T09:30:00Z")!
    static let sundayNight = ISO8601DateFormatter().date(from: "2026-12-06T02:00:00Z")!
}
