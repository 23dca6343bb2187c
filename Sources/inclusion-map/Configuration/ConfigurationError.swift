/// A configuration problem, naming the file, the key, the value found and what was expected.
struct ConfigurationError: Error, CustomStringConvertible {
    var file: String
    var key: String?
    var value: String?
    var expected: String

    var description: String {
        var s = "configuration \(file)"
        if let key { s += ": key \"\(key)\"" }
        if let value { s += ": found \(value)" }
        return s + ": " + expected
    }
}
