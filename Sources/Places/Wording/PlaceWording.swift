import Foundation

/// Place data as people write it, for the screen: names typed in capitals in normal case
/// (acronyms kept), French phone numbers in pairs of digits. The data itself stays as published.
public enum PlaceWording {
    /// Acronyms the regional data writes, kept in capitals ("CCAS de Lille", "MDSI Albert").
    public static let acronyms: Set<String> = [
        "ADMR", "AFPA", "ANCT", "APF", "ASBL", "BIJ", "CAF", "CARSAT", "CC", "CCAS", "CCI", "CD", "CIAS", "CIDFF", "CIO", "CLIC",
        "CMS", "CPAM", "CSC", "CSI", "DINUM", "EHPAD", "EPCI", "EPN", "FS", "GIP", "MDS", "MDSI", "MJC", "MSA", "MSAP", "PIJ",
        "PIMMS", "PMI", "QPV", "RSA", "SIVOM", "SIVU", "UDAF", "UFC", "URSSAF", "UTAS", "UTPAS", "CADA", "HUDA", "CHRS", "ESAT", "MDPH",
        "II", "III", "IV",
    ]

    /// Small words that stay in lower case inside a name ("Centre social de la Vallée").
    static let smallWords: Set<String> = ["de", "du", "des", "la", "le", "les", "et", "à", "a", "au", "aux", "en", "sur", "sous", "d", "l", "pour", "par"]

    /// A name written all in capitals, in normal case: "COMMUNE DE MONS EN BAROEUL" → "Commune de
    /// Mons en Baroeul", "CENTRE COMMUNAL D ACTION SOCIALE" → "Centre Communal d'Action Sociale".
    /// Each word capitalised but the small ones (a town's name and a common noun cannot be told
    /// apart; "Centre Social" misleads nobody), acronyms kept, an apostrophe lost after "D" or "L"
    /// put back. A name with any lower-case letter is left as its publisher wrote it.
    public static func readableName(_ name: String) -> String {
        let letters = name.unicodeScalars.filter { CharacterSet.letters.contains($0) }
        guard letters.count >= 4, !letters.contains(where: { CharacterSet.lowercaseLetters.contains($0) }) else { return name }
        // Words and what separates them, in order.
        var tokens: [(text: String, isWord: Bool)] = []
        for c in name {
            let isWord = c.isLetter || c.isNumber
            if let last = tokens.last, last.isWord == isWord {
                tokens[tokens.count - 1].text.append(c)
            } else {
                tokens.append((String(c), isWord))
            }
        }
        var result = ""
        var wordIndex = 0
        for (n, token) in tokens.enumerated() {
            guard token.isWord else {
                let elided = n > 0 && ["D", "L"].contains(tokens[n - 1].text) && token.text == " " && n + 1 < tokens.count
                result += elided ? "'" : token.text
                continue
            }
            let lower = token.text.lowercased()
            if acronyms.contains(token.text) {
                result += token.text
            } else if wordIndex > 0 && smallWords.contains(lower) {
                result += lower
            } else {
                result += lower.prefix(1).uppercased() + lower.dropFirst()
            }
            wordIndex += 1
        }
        return result
    }

    /// A French number as people write it: "+33320159720" and "0320159720" → "03 20 15 97 20";
    /// anything else (a foreign or short number) as published.
    public static func frenchPhone(_ phone: String) -> String {
        var digits = phone.filter(\.isNumber)
        if phone.trimmingCharacters(in: .whitespaces).hasPrefix("+33") || (digits.hasPrefix("33") && digits.count == 11) {
            digits = "0" + digits.dropFirst(2)
        }
        guard digits.count == 10, digits.hasPrefix("0") else { return phone }
        var pairs: [String] = []
        var rest = Substring(digits)
        while !rest.isEmpty {
            pairs.append(String(rest.prefix(2)))
            rest = rest.dropFirst(2)
        }
        return pairs.joined(separator: " ")
    }
}
