import CSV
import Foundation
import Testing
@testable import Places

@Suite struct DailyHoursConverterTests {
    @Test func groupsConsecutiveDaysAndSpans() throws {
        let h = try DailyHoursConverter.openingHours(days: [
            "08:45 - 12:00 / 13:30 - 18:00", "08:45 - 12:00 / 13:30 - 18:00", "08:45 - 12:00 / 13:30 - 18:00",
            "08:45 - 12:00 / 13:30 - 18:00", "08:45 - 12:00 / 13:30 - 18:00", "09:00-12:00"])
        #expect(h == "Mo-Fr 08:45-12:00,13:30-18:00; Sa 09:00-12:00")
        #expect(try DailyHoursConverter.openingHours(days: ["9:00 - 12:00", "", "9:00 - 12:00", "-", "", ""])
                == "Mo 09:00-12:00; We 09:00-12:00")
    }

    @Test func noHoursIsUnknownNotClosed() throws {
        #expect(try DailyHoursConverter.openingHours(days: ["", "", "-", "", "", ""]) == nil)
    }

    @Test func badValueNamesTheDay() {
        #expect(throws: DailyHoursConverter.ConversionError(day: "Tu", value: "matin")) {
            try DailyHoursConverter.openingHours(days: ["", "matin"])
        }
    }

    /// Every France Services site of the region: the converted hours parse and evaluate.
    @Test func realFranceServicesFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/france-services-hdf-2022-12-01.csv")
        let reader = try CSVReader(string: try String(contentsOf: url, encoding: .utf8), hasHeaderRow: true)
        var converted = 0, unknown = 0, rows = 0
        while reader.next() != nil {
            rows += 1
            let days = ["h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi"].map { reader[$0] ?? "" }
            guard let text = try DailyHoursConverter.openingHours(days: days) else { unknown += 1; continue }
            _ = try OpeningHours(text)
            converted += 1
        }
        print("France Services hours: \(converted) of \(rows) converted, \(unknown) without hours")
        #expect(rows == 201)
        #expect(converted + unknown == rows)
        #expect(converted == 186 && unknown == 15, "every site with hours converts; 15 sites publish none")
    }
}
