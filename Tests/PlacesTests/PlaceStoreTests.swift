import Foundation
import MapGeometry
import Testing
@testable import Places

/// The place store on a fresh SQLite file per test, with the real regional files.
@Suite struct PlaceStoreTests {
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    static func temporaryStore() throws -> (PlaceStore, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("places-\(UUID().uuidString).sqlite").path
        return (try PlaceStore(path: path), path)
    }

    static func regionalBatches() throws -> [(file: String, places: [Place])] {
        let importer = PlaceImporter(townHalls: try AidantsConnectReader.townHalls(
            populationCSV: try Data(contentsOf: fixture("communes-hdf-population.csv"))))
        return try ["conseillers-numeriques-hdf-2022-12.json", "france-services-hdf-2022-12-01.csv", "aidants-connect-hdf-2024-02-12.csv"]
            .map { name in (name, try importer.read(fileAt: fixture(name)).places) }
    }

    @Test func formatIsToldFromTheContent() throws {
        let importer = PlaceImporter(townHalls: ["59350": GeoCoordinate(latitude: 50.63, longitude: 3.06)])
        #expect(try importer.read(fileAt: Self.fixture("france-services-hdf-2022-12-01.csv")).format == "France Services CSV")
        #expect(try importer.read(fileAt: Self.fixture("conseillers-numeriques-hdf-2022-12.json")).format == "standard v0.1 JSON")
        #expect(PlaceImporter.detectFormat(Data("Name,City Insee Code,Address\n".utf8)) == .aidantsConnect)
        // Aidants Connect without town halls: refused with what to do.
        #expect(throws: NationalStandardReader.FileError.self) {
            try PlaceImporter().read(data: try Data(contentsOf: Self.fixture("aidants-connect-hdf-2024-02-12.csv")), file: "ac.csv")
        }
        #expect(throws: NationalStandardReader.FileError.self) { try importer.read(data: Data([0xFF, 0xFE, 0x00, 0x81]), file: "bin") }
        #expect(throws: NationalStandardReader.FileError.self) { try importer.read(data: Data(), file: "empty.csv") }
    }

    @Test func regionalImportCountsAndIndexes() throws {
        let (store, _) = try Self.temporaryStore()
        let summary = try store.importPlaces(try Self.regionalBatches(), mode: .replace)
        #expect(summary.rowsImported == 421 + 189 + 410)
        #expect(summary.places == 896)
        #expect(summary.approximatePlaces > 0)
        #expect(try store.allPlaces().count == 896)
        #expect(try store.summary().places == 896)
        #expect(try store.summary().dataDate != nil)

        // FTS: case, accents and prefixes.
        let mediat = try store.search("mediat")
        #expect(!mediat.isEmpty && mediat.allSatisfy { p in
            (p.name + p.commune + p.address + p.services.joined() + p.typology.joined())
                .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).contains("mediat")
        })
        #expect(mediat.contains { $0.name.hasPrefix("Médiathèque") })
        #expect(try store.search("MÉDIATHÈQUE").map(\.id) == (try store.search("mediatheque")).map(\.id))
        // Every word must match: the commune narrows the search.
        let lille = try store.search("france services lille")
        #expect(!lille.isEmpty && lille.allSatisfy { $0.commune.localizedCaseInsensitiveContains("lille") || $0.address.localizedCaseInsensitiveContains("lille") || $0.name.localizedCaseInsensitiveContains("lille") })
        #expect(try store.search("").isEmpty && store.search("   ").isEmpty)
        #expect(try store.search("\"); DROP TABLE place; --").isEmpty)
        #expect(try store.allPlaces().count == 896)

        // R*Tree: the box query equals a scan.
        let box = GeoBox(west: 2.9, south: 50.55, east: 3.2, north: 50.7)
        let inBox = Set(try store.places(in: box).map(\.id))
        let scanned = Set(try store.allPlaces().filter { p in
            guard let c = p.coordinate else { return false }
            return c.longitude >= box.west && c.longitude <= box.east && c.latitude >= box.south && c.latitude <= box.north
        }.map(\.id))
        #expect(inBox == scanned && inBox.count > 20)
    }

    @Test func mergeReplacesOnlyTheSameFilesRows() throws {
        let (store, _) = try Self.temporaryStore()
        let batches = try Self.regionalBatches()
        try store.importPlaces(batches, mode: .replace)
        // Importing one file again changes nothing.
        let again = try store.importPlaces([batches[1]], mode: .merge)
        #expect(again.places == 896 && again.rowsRemoved == 189)
        // A smaller version of a file replaces its earlier rows only.
        let fewer = try store.importPlaces([(batches[1].file, Array(batches[1].places.prefix(10)))], mode: .merge)
        #expect(fewer.rowsRemoved == 189 && fewer.places < 896)
        // Replace: these files are all the data.
        let only = try store.importPlaces([batches[0]], mode: .replace)
        #expect(only.places <= 421 && only.rowsRemoved == 421 + 10 + 410)
    }

    @Test func dryRunAndFailedImportsChangeNothing() throws {
        let (store, path) = try Self.temporaryStore()
        let batches = try Self.regionalBatches()
        try store.importPlaces(batches, mode: .replace)
        let before = try store.allPlaces()

        let dry = try store.importPlaces([batches[0]], mode: .replace, dryRun: true)
        #expect(dry.places < 896)
        #expect(try store.allPlaces() == before)

        // A place that cannot be encoded (NaN position) fails the import half-way: all or nothing.
        var broken = batches[1].places
        broken[100].coordinate = GeoCoordinate(latitude: .nan, longitude: 2)
        #expect(throws: (any Error).self) { try store.importPlaces([(batches[1].file, broken)], mode: .replace) }
        #expect(try store.allPlaces() == before)
        // And what is committed is on disk: a second connection sees it.
        #expect(try PlaceStore(path: path).allPlaces() == before)
    }
}

/// Nearest with filters equals a brute force over the same places, ranked alike.
@Suite struct PlaceDirectoryTests {
    @Test func nearestWithFiltersEqualsBruteForce() throws {
        let batches = try PlaceStoreTests.regionalBatches()
        let directory = PlaceDirectory(places: PlaceMerger().merge(batches.flatMap(\.places)))
        var rng = SystemRandomNumberGenerator()
        let monday10 = ISO8601DateFormatter().date(from: "2026-11-30T09:00:00Z")!
        let filters: [PlaceDirectory.Filter] = [
            .init(), .init(needs: [.procedures]), .init(needs: [.learning], openAt: monday10), .init(service: "smartphone"),
            .init(needs: [.equipment]),
        ]
        for _ in 0..<40 {
            let here = GeoCoordinate(latitude: Double.random(in: 49.0...51.0, using: &rng), longitude: Double.random(in: 1.5...4.2, using: &rng))
            for filter in filters {
                let fast = directory.nearest(to: here, k: 7, filter: filter)
                // Ranked by distance, a place at its town hall 3 km further.
                func rank(_ i: Int) -> Double {
                    directory.places[i].coordinate!.distance(to: here) + (directory.places[i].isApproximate ? 3_000 : 0)
                }
                let brute = directory.places.indices
                    .filter { directory.places[$0].coordinate != nil && directory.matches($0, filter) }
                    .sorted { rank($0) < rank($1) }.prefix(7)
                #expect(fast.count == brute.count)
                for (a, b) in zip(fast, brute) {
                    #expect(abs(directory.rank(a) - rank(b)) < 0.01)
                    #expect(abs(a.distance - directory.places[b].coordinate!.distance(to: here)) < 0.01 || a.index != b)
                }
                #expect(fast.allSatisfy { directory.matches($0.index, filter) })
            }
        }
    }

    @Test func needsAreRecognisedInRealData() throws {
        let batches = try PlaceStoreTests.regionalBatches()
        let directory = PlaceDirectory(places: PlaceMerger().merge(batches.flatMap(\.places)))
        let procedures = directory.filtered(.init(needs: [.procedures])).count
        let learning = directory.filtered(.init(needs: [.learning])).count
        // Every France Services and Aidants Connect place helps with procedures; conseillers numériques teach.
        #expect(procedures >= 189 + 400 - 100 && procedures < directory.count)
        let fromConseillers = directory.places.indices.filter { directory.places[$0].sources.contains { $0.file.hasPrefix("conseillers") } }
        #expect(fromConseillers.allSatisfy { PlaceNeed.learning.isMet(by: directory.places[$0]) })
        #expect(learning >= fromConseillers.count && fromConseillers.count > 300)
        #expect(directory.filtered(.init(needs: [.equipment])).count >= 180)
        // Unknown hours are never "open".
        let now = Date()
        for i in directory.filtered(.init(openAt: now)) { #expect(directory.isOpen(i, at: now) == true) }
        #expect(directory.places.indices.contains { directory.isOpen($0, at: now) == nil })
    }
}
