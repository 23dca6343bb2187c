import Foundation
import Synchronization

/// Case and accents folded away ("Démarches numériques" → "demarches numeriques") as Foundation's
/// `folding(options: [.caseInsensitive, .diacriticInsensitive])` folds them, but fast: ASCII is
/// lowered as it is read, and every other character is folded by Foundation once and remembered
/// (Foundation per string dominated building the place directory before the first frame).
///
/// The one folding of the project: search, merging names across sources and answers typed on the
/// command line all compare text through it.
///
/// ```swift
/// TextFolding.fold("Médiathèque")              // "mediatheque"
/// TextFolding.words("MEDIATHEQUE L'ODYSSÉE")   // "mediatheque l odyssee"
/// ```
public enum TextFolding {
    /// Folded non-ASCII characters (the places' texts use a few dozen).
    private static let folded = Mutex<[Unicode.Scalar: String]>([:])
    private static let french = Locale(identifier: "fr_FR")

    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                out.append((65...90).contains(value) ? Unicode.Scalar(UInt8(value + 32)) : scalar)
            } else if (0x300...0x36F).contains(scalar.value) {
                continue  // a combining accent (text written decomposed): folded away with its letter's
            } else {
                out.append(contentsOf: folding(scalar).unicodeScalars)
            }
        }
        return String(out)
    }

    /// Folded, with every run of characters other than letters and digits made one space:
    /// "Médiathèque  L'Odyssée" and "MEDIATHEQUE L ODYSSEE" give the same words.
    public static func words(_ text: String) -> String {
        wordList(text).joined(separator: " ")
    }

    /// The words of ``words(_:)``, one by one. Read scalar by scalar: a character is a letter or a
    /// digit by its first scalar, and the marks after it belong to it (as `Character` would say,
    /// without breaking the text into characters, which start-up pays for every place).
    public static func wordList(_ text: String) -> [String] {
        var list: [String] = []
        var word = String.UnicodeScalarView()
        var inWord = false
        for scalar in fold(text).unicodeScalars {
            let kept: Bool
            if scalar.isASCII {
                let v = scalar.value
                kept = (97...122).contains(v) || (48...57).contains(v) || (65...90).contains(v)
            } else {
                let properties = scalar.properties
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: kept = inWord
                default:
                    // U+200D (zero-width joiner) also joins the character before it.
                    let joins = properties.isGraphemeExtend || scalar.value == 0x200D
                    kept = joins ? inWord : properties.isAlphabetic || properties.numericType != nil
                }
            }
            if kept {
                word.append(scalar)
                inWord = true
            } else if inWord {
                list.append(String(word))
                word = String.UnicodeScalarView()
                inWord = false
            }
        }
        if inWord { list.append(String(word)) }
        return list
    }

    private static func folding(_ scalar: Unicode.Scalar) -> String {
        if let known = folded.withLock({ $0[scalar] }) { return known }
        let result = String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: french)
        folded.withLock { $0[scalar] = result }
        return result
    }

    /// Whether `text` contains `part`, compared as UTF-8 bytes (both already folded).
    public static func contains(_ text: String, _ part: String) -> Bool {
        // Native strings lend their UTF-8 in place; others are copied once.
        let found = text.utf8.withContiguousStorageIfAvailable { haystack in
            part.utf8.withContiguousStorageIfAvailable { needle in bytes(haystack, contain: needle) }
        }
        return (found ?? nil) ?? bytes(Array(text.utf8), contain: Array(part.utf8))
    }

    /// Substring search on UTF-8 bytes (no String machinery per candidate).
    public static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { n in bytes(h, contain: n) } }
    }

    static func bytes(_ h: UnsafeBufferPointer<UInt8>, contain n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = n.first else { return true }
        guard h.count >= n.count else { return false }
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < n.count && h[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The same, the haystack's ASCII capitals read as small letters (the needle has none).
    static func bytes(_ h: UnsafeBufferPointer<UInt8>, containIgnoringASCIICase n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard n.count > 0 else { return true }
        guard h.count >= n.count else { return false }
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b &- 65 < 26 ? b | 0x20 : b }
        var i = 0
        let last = h.count - n.count
        while i <= last {
            var j = 0
            while j < n.count && lower(h[i + j]) == n[j] { j += 1 }
            if j == n.count { return true }
            i += 1
        }
        return false
    }

    /// Whether `text` contains `part`, a lowercase ASCII text, ignoring the case of ASCII
    /// letters: what `text.lowercased().contains(part)` says, without a copy or Foundation's search.
    public static func contains(_ text: String, lowercaseASCII part: String) -> Bool {
        assert(part.utf8.allSatisfy { $0 < 0x80 && !(65...90).contains($0) }, "a lowercase ASCII part")
        var text = text, part = part
        return text.withUTF8 { h in part.withUTF8 { n in bytes(h, containIgnoringASCIICase: n) } }
    }

    /// Whether `text` is `other`, a lowercase ASCII text, ignoring the case of ASCII letters.
    public static func equals(_ text: String, lowercaseASCII other: String) -> Bool {
        text.utf8.count == other.utf8.count && contains(text, lowercaseASCII: other)
    }
}
