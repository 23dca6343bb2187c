import Foundation
import Testing
@testable import Places

@Suite struct AidantsConnectReaderTests {
    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)"))
    }

    /// 413 structures, no coordinates: 410 placed at their town hall (approximate); three skipped and
    /// reported: INSEE 80000 is not a commune, and 02018 (Anizy-le-Grand, merged in 2019) has no
    /// town-hall position in the population file.
    @Test func realFile() throws {
        let townHalls = try AidantsConnectReader.townHalls(populationCSV: try fixture("communes-hdf-population.csv"))
        #expect(townHalls.count > 3700)
        let result = try AidantsConnectReader.read(data: try fixture("aidants-connect-hdf-2024-02-12.csv"), file: "ac.csv", townHalls: townHalls)
        #expect(result.places.count == 410)
        #expect(result.places.allSatisfy { $0.isApproximate && $0.coordinate != nil })
        #expect(result.problems.map(\.value) == ["02018", "02018", "80000"])
        #expect(result.problems.map(\.row) == [141, 173, 389])
        #expect(result.problems.allSatisfy { $0.skipped })
        let douai = try #require(result.places.first { $0.name == "Association des centres sociaux de Douai" })
        #expect(douai.siret == "40224571600095")
        #expect(douai.coordinate == townHalls["59178"])
    }

    @Test func otherCSVIsRefused() {
        #expect(throws: NationalStandardReader.FileError.self) {
            try AidantsConnectReader.read(data: Data("nom,adresse\nx,y\n".utf8), file: "x.csv", townHalls: [:])
        }
    }
}
