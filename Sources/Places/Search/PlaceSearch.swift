import Foundation
import MapGeometry
import TextFolding

/// A visitor's search, in their own words: everyday words find the places that help with them
/// ("caf", "carte grise", "imprimer" → the needs in ``vocabulary``), other words find names,
/// communes and addresses from their first letters, with a small typo forgiven ("mediateque"
/// finds "Médiathèque"). The answers come nearest first.
///
/// The kiosk and `places --search` ask this one type, so that both give the same answers.
public struct PlaceSearch: Sendable {
    /// Everyday words and phrases (folded) and the need they mean.
    public let vocabulary: [(words: [String], need: PlaceNeed)]

    public init(vocabulary: [PlaceNeed: [String]] = [:]) {
        self.vocabulary = PlaceNeed.allCases.compactMap { need in
            vocabulary[need].map { (words: $0.map(TextFolding.words).sorted { $0.count > $1.count }, need: need) }
        }
    }

    /// Reads the vocabulary file (`{"demarches": ["caf", …], …}`; keys starting with `_` are
    /// comments). An unknown need is refused, naming it.
    public init(vocabularyJSON data: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw VocabularyError(reason: "expected an object of needs and their words")
        }
        var vocabulary: [PlaceNeed: [String]] = [:]
        for (key, value) in object where !key.hasPrefix("_") {
            guard let need = PlaceNeed(rawValue: key) else {
                throw VocabularyError(reason: "\"\(key)\" is not a need (\(PlaceNeed.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let words = value as? [String] else { throw VocabularyError(reason: "\"\(key)\": expected a list of words") }
            vocabulary[need] = words
        }
        self.init(vocabulary: vocabulary)
    }

    public struct VocabularyError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "search vocabulary: \(reason)" }
    }

    /// What the words of a query were understood as.
    public struct Understanding: Sendable, Equatable {
        /// Needs meant by everyday words.
        public var needs: Set<PlaceNeed> = []
        /// The other words: each must begin a word of the place's name, commune or address.
        public var words: [String] = []
    }

    public func understand(_ query: String) -> Understanding {
        var rest = " " + TextFolding.words(query) + " "
        var result = Understanding()
        // Longest phrases first: "carte grise" before "carte".
        for entry in vocabulary {
            for phrase in entry.words where rest.contains(" " + phrase + " ") {
                result.needs.insert(entry.need)
                rest = rest.replacingOccurrences(of: " " + phrase + " ", with: " ")
            }
        }
        for word in rest.split(separator: " ").map(String.init) {
            // A single everyday word typed with a slip ("impos", "smartfone") still means its need.
            if word.count >= 4, let entry = vocabulary.first(where: { $0.words.contains { Self.isClose(word, $0) } }) {
                result.needs.insert(entry.need)
            } else {
                result.words.append(word)
            }
        }
        return result
    }

    /// The places the query finds, nearest to `origin` first (places without a position last,
    /// places known only by their commune after those known nearby).
    public func search(_ query: String, in directory: PlaceDirectory, from origin: GeoCoordinate) -> [PlaceDirectory.Hit] {
        let understood = understand(query)
        guard !understood.needs.isEmpty || !understood.words.isEmpty else { return [] }
        var hits: [PlaceDirectory.Hit] = []
        let searchWords = understood.words.isEmpty ? [] : directory.searchWords
        for (i, place) in directory.places.enumerated() {
            guard understood.needs.allSatisfy({ $0.isMet(by: place) }) else { continue }
            if !understood.words.isEmpty {
                let words = searchWords[i]
                guard understood.words.allSatisfy({ wanted in words.contains { Self.begins($0, with: wanted) } }) else { continue }
            }
            hits.append(PlaceDirectory.Hit(index: i, distance: place.coordinate.map { origin.distance(to: $0) } ?? .infinity))
        }
        // Ranked as "Près d'ici" ranks: a place known only by its commune after the places
        // known within the commune's usual reach.
        return hits.sorted { directory.rank($0) != directory.rank($1) ? directory.rank($0) < directory.rank($1) : $0.index < $1.index }
    }

    /// `word` begins with `prefix`, or is `prefix` but for one slip (two in a long word) once
    /// the visitor has typed enough for a slip to be told from another word (seven letters:
    /// "mediat" must not find "median").
    static func begins(_ word: String, with prefix: String) -> Bool {
        if word.hasPrefix(prefix) { return true }
        guard prefix.count >= 7 else { return false }
        return isClose(String(word.prefix(prefix.count + 1)), prefix) || isClose(word, prefix)
    }

    /// Whether two words differ by at most one edit (a letter added, missing, wrong or two letters
    /// swapped), two for words of eight letters or more.
    static func isClose(_ a: String, _ b: String) -> Bool {
        let limit = min(a.count, b.count) >= 8 ? 2 : 1
        guard abs(a.count - b.count) <= limit else { return false }
        return editDistance(Array(a.utf8), Array(b.utf8), limit: limit) <= limit
    }

    /// Damerau–Levenshtein (optimal string alignment) distance, stopping past `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var best = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = value
                best = min(best, value)
            }
            if best > limit { return best }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
