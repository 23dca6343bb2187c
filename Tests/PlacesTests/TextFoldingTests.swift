import Foundation
import Testing
@testable import Places
import TextFolding

/// The fast folding must fold exactly as Foundation does: needs and text filters match what they
/// matched before, on every text of the region's real places.
@Suite struct TextFoldingTests {
    static func foundationFold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }

    @Test func foldsEveryTextOfTheRegionsPlacesAsFoundationDoes() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        var texts: Set<String> = []
        for name in ["conseillers-numeriques-hdf-2022-12.json", "france-services-hdf-2022-12-01.csv"] {
            let places = try PlaceImporter().read(fileAt: fixture.appendingPathComponent(name)).places
            for place in places {
                texts.formUnion(place.services + place.labels + place.typology + place.specificSupport + [place.name, place.commune])
            }
        }
        #expect(texts.count > 500)
        #expect(texts.contains { $0.unicodeScalars.contains { !$0.isASCII } })  // accents to fold
        let differing = texts.filter { TextFolding.fold($0) != Self.foundationFold($0) }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test(arguments: ["Démarches ADMINISTRATIVES", "Œuvre Éducative à Noël", "GARÇON Ÿ ß ÉÈÊË àâä",
                      "e\u{301}te\u{300}", "Straße", "İstanbul", "", "Ǆ ǅ ǆ", "日本語 et émoji 👍🏽"])
    func foldsTrickyTextAsFoundationDoes(text: String) {
        #expect(TextFolding.fold(text) == Self.foundationFold(text))
    }

    /// Words as characters would give them: a character is kept when its first scalar is a letter
    /// or a digit, and whole (its marks with it).
    static func characterWords(_ s: String) -> [String] {
        String(TextFolding.fold(s).map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").map(String.init)
    }

    @Test func splitsWordsAsCharactersWould() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        var texts: [String] = ["Médiathèque  L'Odyssée", "MEDIATHEQUE L ODYSSEE", "12 bis, rue du 8-Mai-1945", "½ journée",
                               "مَرْكَز اجتماعي", "日本語 et émoji 👍🏽 ok", "a\u{301}b \u{301}c", "x\u{200D}y", "Ǆ-ǅ", "", "  ,;  "]
        for name in ["conseillers-numeriques-hdf-2022-12.json", "france-services-hdf-2022-12-01.csv"] {
            for place in try PlaceImporter().read(fileAt: fixture.appendingPathComponent(name)).places {
                texts.append([place.name, place.commune, place.address, place.postalCode].joined(separator: " "))
            }
        }
        #expect(texts.count > 500)
        let differing = texts.filter { TextFolding.wordList($0) != Self.characterWords($0) }
        #expect(differing.isEmpty, "\(differing.prefix(5).map { ($0, TextFolding.wordList($0), Self.characterWords($0)) })")
        #expect(TextFolding.words("Médiathèque  L'Odyssée") == "mediatheque l odyssee")
    }

    @Test func ignoresASCIICaseAsLowercasedWould() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        var texts = ["FRANCE SERVICES", "Espace France Services", "france-services-hdf.csv", "CNFS", "cnfs ", "Conseiller·e",
                     "ÉCOLE", "Aidants Connect", "aidants", "", "Ǆ-ǅ", "مركز"]
        for place in try PlaceImporter().read(fileAt: fixture.appendingPathComponent("france-services-hdf-2022-12-01.csv")).places {
            texts += place.labels + place.typology + place.sources.map(\.file)
        }
        // (Foundation finds no empty part in anything: not compared.)
        for part in ["france services", "cnfs", "conseiller", "aidants connect", "france-services"] {
            let differing = texts.filter { TextFolding.contains($0, lowercaseASCII: part) != $0.lowercased().contains(part) }
            #expect(differing.isEmpty, "\(part): \(differing.prefix(5))")
            #expect(texts.filter { TextFolding.equals($0, lowercaseASCII: part) } == texts.filter { $0.lowercased() == part })
        }
        #expect(texts.contains { TextFolding.contains($0, lowercaseASCII: "france services") })
    }

    @Test func searchesFoldedBytes() {
        #expect(TextFolding.contains("prendre en main un smartphone", "en main"))
        #expect(!TextFolding.contains("prendre en main", "main un"))
        #expect(TextFolding.contains("abc", ""))
        #expect(!TextFolding.contains("ab", "abc"))
    }
}
