import Testing
@testable import Places

/// Names, phones and dates as people write them, from the bundled data's own spellings.
struct PlaceWordingTests {
    @Test(arguments: [
        ("COMMUNE DE MONS EN BAROEUL", "Commune de Mons en Baroeul"),
        ("CENTRE COMMUNAL D ACTION SOCIALE", "Centre Communal d'Action Sociale"),
        ("COMMUNE D'AMIENS", "Commune d'Amiens"),
        ("COMMUNE D HAUTMONT", "Commune d'Hautmont"),
        ("MDSI POIX-DE-PICARDIE", "MDSI Poix-de-Picardie"),
        ("CC DES CAMPAGNES DE L'ARTOIS", "CC des Campagnes de l'Artois"),
        ("CCAS", "CCAS"),
        ("EPN MAËS", "EPN Maës"),
        ("GIP REUSSIR EN SAMBRE AVESNOIS", "GIP Reussir en Sambre Avesnois"),
        ("ESCALE", "Escale"),
        ("LE CATEAU", "Le Cateau"),
    ])
    func namesInCapitalsReadNormally(_ published: String, _ shown: String) {
        #expect(PlaceWording.readableName(published) == shown)
    }

    @Test func namesWithLowerCaseAreLeftAsPublished() {
        #expect(PlaceWording.readableName("France services Interfaces Lille Faubourg de Béthune") == "France services Interfaces Lille Faubourg de Béthune")
        #expect(PlaceWording.readableName("CCAS de Lille") == "CCAS de Lille")
        #expect(PlaceWording.readableName("EPN") == "EPN", "too short to tell")
    }

    @Test(arguments: [
        ("+33320159720", "03 20 15 97 20"),
        ("0320159720", "03 20 15 97 20"),
        ("03 20 18 98 98", "03 20 18 98 98"),
        ("03.27.71.67.66", "03 27 71 67 66"),
        ("+32 2 511 22 33", "+32 2 511 22 33"),
        ("3939", "3939"),
    ])
    func frenchPhonesInPairs(_ published: String, _ shown: String) {
        #expect(PlaceWording.frenchPhone(published) == shown)
    }
}
