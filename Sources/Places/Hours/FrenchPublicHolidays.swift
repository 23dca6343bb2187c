/// Public holidays of metropolitan France (the `PH` of opening hours), outside Alsace-Moselle.
public enum FrenchPublicHolidays {
    /// Whether (year, month, day) is a public holiday.
    public static func contains(year: Int, month: Int, day: Int) -> Bool {
        let fixed: Set<Int> = [101, 501, 508, 714, 815, 1101, 1111, 1225]
        if fixed.contains(month * 100 + day) { return true }
        let easter = easterSunday(year: year)
        let target = dayOfYear(year: year, month: month, day: day)
        let easterDay = dayOfYear(year: year, month: easter.month, day: easter.day)
        // Easter Monday, Ascension Thursday, Whit Monday.
        return [1, 39, 50].contains(target - easterDay)
    }

    /// Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> (month: Int, day: Int) {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return (month, day)
    }

    static func dayOfYear(year: Int, month: Int, day: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return lengths.prefix(month - 1).reduce(0, +) + day
    }
}
