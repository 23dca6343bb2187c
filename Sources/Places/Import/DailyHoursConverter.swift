/// Turns hours written one column per weekday (France Services: `h_lundi` … `h_samedi`, values
/// like "08:45 - 12:00 / 13:30 - 18:00", empty or "-" when closed) into `opening_hours` syntax,
/// grouping consecutive days that share their hours: "Mo-Fr 08:45-12:00,13:30-18:00; Sa 09:00-12:00".
public enum DailyHoursConverter {
    public struct ConversionError: Error, CustomStringConvertible, Equatable {
        public var day: String
        public var value: String
        public var description: String { "\(day): \"\(value)\" is not hours like \"08:45 - 12:00 / 13:30 - 18:00\"" }
    }

    static let dayCodes = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]

    /// `days` starts on Monday (up to seven values). Returns nil when no day has hours: unknown
    /// hours are not the same as "always closed".
    public static func openingHours(days: [String]) throws -> String? {
        var perDay: [String?] = []
        for (i, raw) in days.prefix(7).enumerated() {
            perDay.append(try spans(raw, day: dayCodes[i]))
        }
        var rules: [String] = []
        var i = 0
        while i < perDay.count {
            guard let s = perDay[i] else { i += 1; continue }
            var j = i
            while j + 1 < perDay.count, perDay[j + 1] == s { j += 1 }
            rules.append((j == i ? dayCodes[i] : "\(dayCodes[i])-\(dayCodes[j])") + " " + s)
            i = j + 1
        }
        return rules.isEmpty ? nil : rules.joined(separator: "; ")
    }

    /// "08:45 - 12:00 / 13:30 - 18:00" → "08:45-12:00,13:30-18:00"; nil for a closed day.
    static func spans(_ raw: String, day: String) throws -> String? {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.isEmpty || value == "-" { return nil }
        var out: [String] = []
        for part in value.split(separator: "/") {
            let ends = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let a = time(ends[0]), let b = time(ends[1]) else {
                throw ConversionError(day: day, value: raw)
            }
            out.append("\(a)-\(b)")
        }
        return out.joined(separator: ",")
    }

    /// "8:45", "08h45", "08:45" → "08:45".
    static func time(_ text: String) -> String? {
        let parts = text.replacingOccurrences(of: "h", with: ":").split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m),
              parts[1].count == 2 else { return nil }
        return String(format: "%02d:%02d", h, m)
    }
}

import Foundation
