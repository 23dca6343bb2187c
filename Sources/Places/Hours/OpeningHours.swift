import Foundation

/// OpenStreetMap `opening_hours`, as real place data writes it, evaluated in Europe/Paris time.
///
/// Supported: rules separated by `;` (a later rule for a day replaces earlier ones), additional
/// rules after `,` and fallback rules after `||`; weekday ranges and lists (`Mo-Fr`, `Mo,We`,
/// `Sa-Mo`), `PH` (French public holidays), month ranges and lists (`Jan-Mar`, `Jul,Aug`), several
/// time spans (`08:30-12:00,13:30-17:00`), spans over midnight (`22:00-02:00`), `24/7`, `off` and
/// `closed`. Anything else is refused by ``init(_:)``: the kiosk then shows the text as written
/// ("horaires à vérifier") rather than guess.
///
/// ```swift
/// let hours = try OpeningHours("Mo-Fr 08:30-12:00,13:30-17:00; PH off")
/// hours.isOpen(at: date)          // true / false
/// hours.nextChange(after: date)   // when it next opens or closes
/// ```
public struct OpeningHours: Sendable, Equatable {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var text: String
        public var position: Int
        public var reason: String
        public var description: String { "opening hours \"\(text)\": at character \(position + 1): \(reason)" }
    }

    struct Rule: Sendable, Equatable {
        enum Kind: Sendable, Equatable { case normal, additional, fallback }
        var kind: Kind
        /// 1…12; empty means every month.
        var months: Set<Int>
        /// 1 = Monday … 7 = Sunday; empty (with `holidays` false) means every day.
        var weekdays: Set<Int>
        var holidays: Bool
        /// Minutes from the day's midnight; an end past 1440 runs into the next day.
        var spans: [ClosedRange<Int>]
        var open: Bool

        func matches(month: Int, weekday: Int, isHoliday: Bool) -> Bool {
            if !months.isEmpty && !months.contains(month) { return false }
            if weekdays.isEmpty && !holidays { return true }
            return weekdays.contains(weekday) || (holidays && isHoliday)
        }
    }

    public let text: String
    let rules: [Rule]

    public static let paris = TimeZone(identifier: "Europe/Paris")!

    public init(_ text: String) throws {
        self.text = text
        var parser = OpeningHoursParser(text: text)
        rules = try parser.parse()
    }

    init(text: String, rules: [Rule]) {
        self.text = text
        self.rules = rules
    }

    // MARK: evaluation

    /// Open intervals of a local day, in minutes from its midnight, merged and sorted; spans that
    /// run past midnight are cut there (their tail belongs to the next day).
    func intervals(year: Int, month: Int, day: Int, weekday: Int) -> [ClosedRange<Int>] {
        let holiday = FrenchPublicHolidays.contains(year: year, month: month, day: day)
        var result: [ClosedRange<Int>] = []
        var matchedAny = false
        for rule in rules where rule.matches(month: month, weekday: weekday, isHoliday: holiday) {
            switch rule.kind {
            case .normal:
                result = rule.open ? rule.spans : []
            case .additional:
                result = rule.open ? result + rule.spans : Self.subtract(rule.spans, from: result)
            case .fallback:
                if matchedAny { continue }
                result = rule.open ? rule.spans : []
            }
            matchedAny = true
        }
        return Self.merge(result)
    }

    static func merge(_ spans: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        for s in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, s.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, s.upperBound)
            } else {
                out.append(s)
            }
        }
        return out
    }

    static func subtract(_ closed: [ClosedRange<Int>], from open: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result = open
        for c in closed {
            result = result.flatMap { o -> [ClosedRange<Int>] in
                if c.upperBound <= o.lowerBound || c.lowerBound >= o.upperBound { return [o] }
                var parts: [ClosedRange<Int>] = []
                if c.lowerBound > o.lowerBound { parts.append(o.lowerBound...c.lowerBound) }
                if c.upperBound < o.upperBound { parts.append(c.upperBound...o.upperBound) }
                return parts
            }
        }
        return result
    }

    /// Open and closed stretches from the start of the day before `date` onwards, as absolute times.
    func timeline(from date: Date, days: Int) -> [(start: Date, end: Date)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.paris
        let startOfDay = calendar.startOfDay(for: date)
        var open: [(Date, Date)] = []
        for offset in -1...days {
            guard let dayStart = calendar.date(byAdding: .day, value: offset, to: startOfDay) else { continue }
            let c = calendar.dateComponents([.year, .month, .day, .weekday], from: dayStart)
            let weekday = ((c.weekday ?? 1) + 5) % 7 + 1   // Foundation: 1 = Sunday
            for span in intervals(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1, weekday: weekday) {
                // Local wall-clock minutes to absolute time: DST days are 23 or 25 hours long.
                guard let s = Self.time(calendar, dayStart, minutes: span.lowerBound),
                      let e = Self.time(calendar, dayStart, minutes: span.upperBound) else { continue }
                open.append((s, e))
            }
        }
        var merged: [(start: Date, end: Date)] = []
        for (s, e) in open.sorted(by: { $0.0 < $1.0 }) {
            if let last = merged.last, s <= last.end {
                merged[merged.count - 1].end = max(last.end, e)
            } else {
                merged.append((s, e))
            }
        }
        return merged
    }

    static func time(_ calendar: Calendar, _ dayStart: Date, minutes: Int) -> Date? {
        let days = minutes / 1440, rest = minutes % 1440
        guard let day = calendar.date(byAdding: .day, value: days, to: dayStart) else { return nil }
        var c = calendar.dateComponents([.year, .month, .day], from: day)
        c.hour = rest / 60
        c.minute = rest % 60
        return calendar.date(from: c)
    }

    /// How far ahead to look: a week, or a year and a bit when months are involved.
    var horizonDays: Int { rules.contains { !$0.months.isEmpty } ? 370 : 8 }

    public func isOpen(at date: Date) -> Bool {
        timeline(from: date, days: 1).contains { $0.start <= date && date < $0.end }
    }

    /// The next time the place opens or closes after `date`, or nil if that never happens
    /// (always open, never open).
    public func nextChange(after date: Date) -> Date? {
        let line = timeline(from: date, days: horizonDays)
        if let current = line.first(where: { $0.start <= date && date < $0.end }) {
            return current.end <= date.addingTimeInterval(Double(horizonDays) * 86_400) && !isAlwaysOpen ? current.end : nil
        }
        return line.first { $0.start > date }?.start
    }

    var isAlwaysOpen: Bool {
        rules.count == 1 && rules[0].open && rules[0].months.isEmpty && rules[0].weekdays.isEmpty
            && !rules[0].holidays && rules[0].spans == [0...1440]
    }
}
