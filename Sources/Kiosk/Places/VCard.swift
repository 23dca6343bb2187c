/// A contact card in vCard 3.0 (RFC 2426), as phones save it: properties in order, text values
/// escaped, lines folded at 75 bytes without cutting a character.
struct VCard {
    private var lines: [String] = ["BEGIN:VCARD", "VERSION:3.0"]

    /// A text property; its value escaped (backslash, comma, semicolon, line break).
    mutating func add(_ name: String, text value: String) {
        lines.append("\(name):\(Self.escaped(value))")
    }

    /// A property of several text components separated by `;` (N, ADR), each escaped.
    mutating func add(_ name: String, components: [String]) {
        lines.append("\(name):" + components.map(Self.escaped).joined(separator: ";"))
    }

    /// A value written as it is (a URI, GEO's numbers).
    mutating func add(_ name: String, raw value: String) {
        lines.append("\(name):\(value)")
    }

    /// The card, lines ending in CRLF.
    var text: String {
        (lines + ["END:VCARD"]).map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    static func escaped(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n", "\r\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// A line longer than 75 bytes goes on in lines starting with a space.
    static func folded(_ line: String) -> String {
        var out = "", count = 0
        for c in line {
            let bytes = String(c).utf8.count
            if count + bytes > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(c)
            count += bytes
        }
        return out
    }
}
