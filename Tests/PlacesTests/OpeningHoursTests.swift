import Foundation
import Testing
@testable import Places

/// Paris wall-clock time to an absolute date.
func paris(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int) -> Date {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "Europe/Paris")!
    return c.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi))!
}

@Suite struct OpeningHoursTests {
    // 2024-03-04 is a Monday.
    @Test func weekdaysAndSeveralSpans() throws {
        let h = try OpeningHours("Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00")
        #expect(h.isOpen(at: paris(2024, 3, 4, 9, 0)))
        #expect(!h.isOpen(at: paris(2024, 3, 4, 12, 30)))
        #expect(h.isOpen(at: paris(2024, 3, 9, 11, 59)))
        #expect(!h.isOpen(at: paris(2024, 3, 10, 10, 0)), "closed on Sunday")
        #expect(h.nextChange(after: paris(2024, 3, 4, 12, 30)) == paris(2024, 3, 4, 13, 30))
        #expect(h.nextChange(after: paris(2024, 3, 4, 9, 0)) == paris(2024, 3, 4, 12, 0))
        // Saturday noon → Monday 08:30.
        #expect(h.nextChange(after: paris(2024, 3, 9, 12, 0)) == paris(2024, 3, 11, 8, 30))
    }

    @Test func laterRulesOverrideTheirDays() throws {
        let h = try OpeningHours("Mo-Fr 08:30-12:00,14:00-17:30; Tu 08:30-12:00,14:00-19:00; We off")
        #expect(h.isOpen(at: paris(2024, 3, 5, 18, 30)), "Tuesday until 19:00")
        #expect(!h.isOpen(at: paris(2024, 3, 4, 18, 30)))
        #expect(!h.isOpen(at: paris(2024, 3, 6, 9, 0)), "Wednesday off")
    }

    @Test func additionalRuleAddsRatherThanReplaces() throws {
        let h = try OpeningHours("Mo-Fr 09:00-12:00, We 14:00-16:00")
        #expect(h.isOpen(at: paris(2024, 3, 6, 10, 0)) && h.isOpen(at: paris(2024, 3, 6, 15, 0)))
        #expect(!h.isOpen(at: paris(2024, 3, 5, 15, 0)))
    }

    @Test func publicHolidays() throws {
        let h = try OpeningHours("Mo-Fr 09:00-17:00; PH off")
        #expect(!h.isOpen(at: paris(2024, 5, 1, 10, 0)), "1 May")
        #expect(!h.isOpen(at: paris(2024, 4, 1, 10, 0)), "Easter Monday 2024")
        #expect(!h.isOpen(at: paris(2024, 5, 9, 10, 0)), "Ascension 2024")
        #expect(!h.isOpen(at: paris(2024, 5, 20, 10, 0)), "Whit Monday 2024")
        #expect(h.isOpen(at: paris(2024, 5, 2, 10, 0)))
        #expect(h.nextChange(after: paris(2024, 4, 30, 18, 0)) == paris(2024, 5, 2, 9, 0))
        #expect(FrenchPublicHolidays.easterSunday(year: 2025) == (4, 20))
        #expect(FrenchPublicHolidays.easterSunday(year: 2026) == (4, 5))
    }

    @Test func spansOverMidnight() throws {
        let h = try OpeningHours("Fr-Sa 22:00-02:00")
        #expect(h.isOpen(at: paris(2024, 3, 8, 23, 0)))
        #expect(h.isOpen(at: paris(2024, 3, 9, 1, 30)), "Friday's span runs into Saturday")
        #expect(!h.isOpen(at: paris(2024, 3, 9, 3, 0)))
        #expect(h.isOpen(at: paris(2024, 3, 10, 1, 0)), "Saturday's span runs into Sunday")
        #expect(h.nextChange(after: paris(2024, 3, 8, 23, 0)) == paris(2024, 3, 9, 2, 0))
    }

    /// Wall-clock hours hold across the daylight-saving changes (31 March and 27 October 2024).
    @Test func daylightSavingDays() throws {
        let h = try OpeningHours("Mo-Su 08:00-20:00")
        #expect(h.isOpen(at: paris(2024, 3, 31, 8, 0)) && !h.isOpen(at: paris(2024, 3, 31, 7, 59)))
        #expect(h.nextChange(after: paris(2024, 3, 31, 1, 0)) == paris(2024, 3, 31, 8, 0))
        #expect(h.nextChange(after: paris(2024, 10, 27, 12, 0)) == paris(2024, 10, 27, 20, 0))
        // A night span across the autumn change lasts 11 hours of real time, not 10.
        let night = try OpeningHours("Sa 22:00-08:00")
        let start = paris(2024, 10, 26, 22, 0)
        #expect(night.nextChange(after: start.addingTimeInterval(60)) == paris(2024, 10, 27, 8, 0))
        #expect(paris(2024, 10, 27, 8, 0).timeIntervalSince(start) == 11 * 3600)
    }

    @Test func alwaysOpenAndMonths() throws {
        let always = try OpeningHours("24/7")
        #expect(always.isOpen(at: paris(2024, 12, 25, 3, 0)))
        #expect(always.nextChange(after: paris(2024, 12, 25, 3, 0)) == nil)
        let summer = try OpeningHours("Jul-Aug Mo-Fr 10:00-12:00; Sep-Jun Mo-Fr 09:00-17:00")
        #expect(summer.isOpen(at: paris(2024, 7, 15, 11, 0)) && !summer.isOpen(at: paris(2024, 7, 15, 15, 0)))
        #expect(summer.isOpen(at: paris(2024, 9, 16, 15, 0)))
    }

    @Test(arguments: ["Th 08:30-12:00-13:30", "Mo-Fr 8h-12h", "", ";;", "Mo-Fr 09:00-", "sur rendez-vous",
                      "Mo[1] 09:00-12:00", "Mo-Fr 09:00+", "Mo-Fr 25:00-26:00xx"])
    func malformedStringsAreRefusedNotGuessed(text: String) {
        #expect(throws: OpeningHours.ParseError.self) { try OpeningHours(text) }
    }

    /// How many of the real strings parse (372 filled in the conseillers numériques file).
    @Test func realDataParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/conseillers-numeriques-hdf-2022-12.json")
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
        let strings = rows.compactMap { $0["horaires"] as? String }.filter { !$0.isEmpty }
        let parsed = strings.filter { (try? OpeningHours($0)) != nil }
        let refused = strings.filter { (try? OpeningHours($0)) == nil }
        print("opening hours: \(parsed.count) of \(strings.count) real strings parse; refused: \(refused)")
        #expect(strings.count == 372)
        #expect(parsed.count >= 360)
        #expect(refused.contains("Mo-Th 08:00-12:00,14:00-17:00; Fr 08:00-14:00-17:00"))
    }

    /// Property: on random times, "next change" is the first instant at which isOpen flips.
    @Test func nextChangeFlipsTheState() throws {
        let h = try OpeningHours("Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off")
        var rng = NearestIndexTests.SplitMix(state: 2024)
        for _ in 0..<200 {
            let t = paris(2024, 1, 1, 0, 0).addingTimeInterval(Double.random(in: 0...(365 * 86_400), using: &rng).rounded())
            guard let change = h.nextChange(after: t) else { Issue.record("no next change"); continue }
            #expect(h.isOpen(at: change) != h.isOpen(at: t))
            #expect(h.isOpen(at: change.addingTimeInterval(-60)) == h.isOpen(at: t))
        }
    }
}
