import Foundation

extension OpeningHours {
    /// One day of a place's week, as a visitor reads it: local times, public holidays applied.
    public struct Day: Sendable, Equatable {
        /// 1 = Monday … 7 = Sunday.
        public var weekday: Int
        public var date: Date
        /// Open spans in minutes after local midnight (an evening span past midnight ends at 1440).
        public var spans: [ClosedRange<Int>]
    }

    /// The seven days starting with the day of `date` (Paris time): what "Monday 9:00–12:00,
    /// 13:30–17:00" lines are made of, rather than showing the `opening_hours` syntax to visitors.
    public func week(from date: Date) -> [Day] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.paris
        let start = calendar.startOfDay(for: date)
        return (0..<7).compactMap { offset in
            guard let day = calendar.date(byAdding: .day, value: offset, to: start) else { return nil }
            let c = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            let weekday = ((c.weekday ?? 1) + 5) % 7 + 1
            let spans = intervals(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1, weekday: weekday)
                .map { $0.lowerBound...min($0.upperBound, 1440) }
            return Day(weekday: weekday, date: day, spans: spans)
        }
    }
}
