import Foundation
import TextFolding

/// What the acronyms and kinds of places in names mean, in plain words and in each language
/// (`glossary.json` beside the place files): "CCAS" is the town hall's social help service. Data,
/// so that a site can add its own region's acronyms without a new release.
public struct PlaceGlossary: Sendable, Equatable {
    /// One term: as written in names, its words folded for matching, its explanation by language.
    public struct Entry: Sendable, Equatable {
        public var term: String
        var words: [Substring]
        public var explanations: [String: String]
    }

    public let entries: [Entry]

    public init() { entries = [] }

    /// Reads `{"CCAS": {"fr": "…", "en": "…"}, …}`; every term needs a French explanation.
    public init(json: Data) throws {
        let table: [String: [String: String]]
        do {
            table = try JSONDecoder().decode([String: [String: String]].self, from: json)
        } catch {
            throw GlossaryError(reason: "expected an object of terms, each an object of language codes and explanations")
        }
        if let missing = table.first(where: { ($0.value["fr"] ?? "").isEmpty })?.key {
            throw GlossaryError(reason: "\"\(missing)\" has no French explanation (\"fr\")")
        }
        entries = table.keys.sorted().map { term in
            Entry(term: term, words: TextFolding.words(term).split(separator: " "), explanations: table[term]!)
        }
    }

    /// The terms a name holds as whole words, in the order they come in it, each with its
    /// explanation in `language` (French when the term has none in it).
    public func explanations(in name: String, language: String) -> [(term: String, explanation: String)] {
        let words = TextFolding.words(name).split(separator: " ")
        var found: [(position: Int, term: String, explanation: String)] = []
        for entry in entries where !entry.words.isEmpty && entry.words.count <= words.count {
            guard let position = (0...(words.count - entry.words.count)).first(where: { Array(words[$0..<$0 + entry.words.count]) == entry.words }) else { continue }
            found.append((position, entry.term, entry.explanations[language] ?? entry.explanations["fr"]!))
        }
        return found.sorted { $0.position < $1.position }.map { ($0.term, $0.explanation) }
    }

    public struct GlossaryError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }
}
