/// A recursive-descent reader for the subset of `opening_hours` that ``OpeningHours`` evaluates.
/// It refuses, with the position, anything it does not understand: no guessing.
struct OpeningHoursParser {
    let text: String
    let chars: [Character]
    var i = 0

    init(text: String) {
        self.text = text
        chars = Array(text)
    }

    static let weekdays = ["Mo": 1, "Tu": 2, "We": 3, "Th": 4, "Fr": 5, "Sa": 6, "Su": 7]
    static let months = ["Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
                         "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12]

    func fail(_ reason: String) -> OpeningHours.ParseError {
        OpeningHours.ParseError(text: text, position: i, reason: reason)
    }

    mutating func skipSpaces() { while i < chars.count, chars[i] == " " { i += 1 } }

    var atEnd: Bool { i >= chars.count }

    func peek(_ s: String) -> Bool {
        let c = Array(s)
        return i + c.count <= chars.count && Array(chars[i..<i + c.count]) == c
    }

    mutating func take(_ s: String) -> Bool {
        guard peek(s) else { return false }
        i += s.count
        return true
    }

    /// A word of letters (weekday, month, PH, off…), not consumed.
    func word() -> String {
        var j = i
        while j < chars.count, chars[j].isLetter { j += 1 }
        return String(chars[i..<j])
    }

    mutating func parse() throws -> [OpeningHours.Rule] {
        skipSpaces()
        guard !atEnd else { throw fail("empty") }
        var rules: [OpeningHours.Rule] = []
        var kind = OpeningHours.Rule.Kind.normal
        while true {
            rules.append(try rule(kind: kind))
            skipSpaces()
            if atEnd { break }
            if take(";") { kind = .normal } else if take("||") { kind = .fallback } else if take(",") { kind = .additional } else {
                throw fail("expected \";\" or \",\" between rules, found \"\(chars[i])\"")
            }
            skipSpaces()
            if atEnd { break }   // a trailing ";" is common and harmless
        }
        return rules
    }

    mutating func rule(kind: OpeningHours.Rule.Kind) throws -> OpeningHours.Rule {
        skipSpaces()
        let start = i
        var r = OpeningHours.Rule(kind: kind, months: [], weekdays: [], holidays: false, spans: [], open: true)
        if take("24/7") {
            r.spans = [0...1440]
            try state(&r)
            return r
        }
        // Months, then weekdays/PH, then times, then a state.
        if Self.months[String(word().prefix(3))] != nil && word().count == 3 {
            r.months = try monthList()
            skipSpaces()
        }
        if Self.weekdays[word()] != nil || word() == "PH" {
            try weekdayList(&r)
            skipSpaces()
        }
        if !atEnd, chars[i].isNumber {
            r.spans = try spans()
            skipSpaces()
        }
        try state(&r)
        // An empty rule (";;", a lone ",") would otherwise read as "open all day".
        guard i > start else { throw fail("expected days, times or 24/7") }
        if r.spans.isEmpty { r.spans = [0...1440] }
        return r
    }

    mutating func state(_ r: inout OpeningHours.Rule) throws {
        skipSpaces()
        let w = word()
        switch w {
        case "off", "closed":
            i += w.count
            r.open = false
        case "open":
            i += w.count
        case "":
            break
        default:
            throw fail("unexpected \"\(w)\"")
        }
    }

    mutating func monthList() throws -> Set<Int> {
        var months = Set<Int>()
        repeat {
            skipSpaces()
            guard let a = Self.months[word()] else { throw fail("expected a month") }
            i += 3
            var b = a
            if take("-") {
                guard let end = Self.months[word()] else { throw fail("expected a month after \"-\"") }
                i += 3
                b = end
            }
            var m = a
            while true {
                months.insert(m)
                if m == b { break }
                m = m % 12 + 1
            }
        } while continuesList(where: { Self.months[$0] != nil })
        return months
    }

    mutating func weekdayList(_ r: inout OpeningHours.Rule) throws {
        repeat {
            skipSpaces()
            let w = word()
            if w == "PH" {
                i += 2
                r.holidays = true
                continue
            }
            guard let a = Self.weekdays[w] else { throw fail("expected a weekday (Mo…Su) or PH") }
            i += 2
            var b = a
            if take("-") {
                guard let end = Self.weekdays[word()] else { throw fail("expected a weekday after \"-\"") }
                i += 2
                b = end
            }
            if peek("[") { throw fail("nth weekdays (\"Mo[1]\") are not supported") }
            var d = a
            while true {
                r.weekdays.insert(d)
                if d == b { break }
                d = d % 7 + 1
            }
        } while continuesList(where: { Self.weekdays[$0] != nil || $0 == "PH" })
    }

    /// A "," followed by another item of the same list (rather than a new rule).
    mutating func continuesList(where isItem: (String) -> Bool) -> Bool {
        let save = i
        skipSpaces()
        guard take(",") else { i = save; return false }
        skipSpaces()
        if isItem(word()) { return true }
        i = save
        return false
    }

    mutating func spans() throws -> [ClosedRange<Int>] {
        var spans: [ClosedRange<Int>] = []
        repeat {
            skipSpaces()
            let start = try time()
            guard take("-") else { throw fail("expected \"-\" and a closing time") }
            var end = try time()
            if end <= start { end += 1440 }   // runs past midnight
            guard end - start <= 1440 else { throw fail("a time span longer than a day") }
            if !atEnd, chars[i] == "-" || chars[i] == ":" { throw fail("malformed time span") }
            if peek("+") { throw fail("open-ended times (\"+\") are not supported") }
            spans.append(start...end)
        } while continuesTimes()
        return spans
    }

    /// A "," followed by a digit: another time span of the same rule.
    mutating func continuesTimes() -> Bool {
        let save = i
        skipSpaces()
        guard take(",") else { i = save; return false }
        skipSpaces()
        if !atEnd, chars[i].isNumber { return true }
        i = save
        return false
    }

    mutating func time() throws -> Int {
        func digits(_ n: Int) throws -> Int {
            guard i + n <= chars.count, chars[i..<i + n].allSatisfy(\.isNumber) else { throw fail("expected a time HH:MM") }
            defer { i += n }
            return Int(String(chars[i..<i + n]))!
        }
        let h: Int
        if i + 1 < chars.count, chars[i].isNumber, !chars[i + 1].isNumber { h = try digits(1) } else { h = try digits(2) }
        guard take(":") else { throw fail("expected \":\" in a time") }
        let m = try digits(2)
        guard h <= 48, m < 60 else { throw fail("\(h):\(m) is not a time") }
        return h * 60 + m
    }
}
