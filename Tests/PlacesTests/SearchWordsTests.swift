import Foundation
import Testing
@testable import MapGeometry
@testable import Places

/// A place's search words are made when a search first asks (or ahead, on a spare core), the
/// same from a snapshot as from the places themselves.
@Suite struct SearchWordsTests {
    static func place(_ id: String, name: String, commune: String, address: String) -> Place {
        var place = PlaceNetworkTests.place()
        place.id = id
        place.name = name
        place.commune = commune
        place.address = address
        return place
    }

    static let places = [
        place("a", name: "Médiathèque Jean-Lévy", commune: "Lille", address: "32-34 rue Édouard Delesalle"),
        place("b", name: "Espace France Services", commune: "Saint-Amand-les-Eaux", address: "1 place du Général de Gaulle"),
        place("c", name: "مركز اجتماعي", commune: "Roubaix", address: "2 rue de l'Épeule"),
    ]

    @Test func theWordsAreEachPlacesFoldedWords() {
        let directory = PlaceDirectory(places: Self.places)
        #expect(directory.searchWords == Self.places.map(SearchWordIndex.words(of:)))
        #expect(directory.searchWords[0].contains("mediatheque") && directory.searchWords[0].contains("delesalle"))
        #expect(directory.searchWords[1].contains("amand") && directory.searchWords[1].contains("59000"))
    }

    @Test func aSnapshotGivesTheSameWords() throws {
        let snapshot = PlaceSnapshot(url: FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString).snapshot"))
        defer { try? FileManager.default.removeItem(at: snapshot.url) }
        try snapshot.write(PlaceDirectory(places: Self.places), dataKey: "test")
        let read = try #require(try snapshot.read(dataKey: "test"))
        #expect(read.searchWords == PlaceDirectory(places: Self.places).searchWords)
    }

    @Test func wordsThatDoNotDecodeAreWorkedOutAgain() {
        // A number past the texts, a record longer than its words: the places' own words, not a crash.
        for records: [UInt8] in [[1, 9, 0, 0], [1, 0, 7, 0, 0]] {
            let encoded = SearchWordIndex.Encoded(records: records, offsets: [0, 2, 3, records.count], strings: ["lille"])
            #expect(SearchWordIndex(places: Self.places, encoded: encoded).all() == Self.places.map(SearchWordIndex.words(of:)))
        }
        let good = SearchWordIndex.Encoded(records: [1, 0, 0, 2, 0, 0], offsets: [0, 2, 3, 6], strings: ["lille"])
        #expect(SearchWordIndex(places: Self.places, encoded: good).all() == [["lille"], [], ["lille", "lille"]])
    }

    @Test func wordsMadeAheadAreTheSame() async throws {
        let directory = PlaceDirectory(places: Self.places)
        directory.prepareSearchWordsInBackground()
        // Asked while they may still be in the making: the search waits for them.
        #expect(directory.searchWords == Self.places.map(SearchWordIndex.words(of:)))
        let search = PlaceSearch(vocabulary: [:])
        #expect(search.search("media", in: directory, from: GeoCoordinate(latitude: 50.63, longitude: 3.06)).map(\.index) == [0])
        #expect(search.search("epeule roubaix", in: directory, from: GeoCoordinate(latitude: 50.63, longitude: 3.06)).map(\.index) == [2])
    }
}
