import Foundation
import TextFolding

/// What a visitor said about a place, checked against ``FeedbackQuestion/all``: only known keys, only
/// their values, a comment of at most ``maxCommentLength`` characters. Nothing personal fits in it.
///
/// ```swift
/// var answers = FeedbackAnswers()
/// try answers.set("entree_plain_pied", "oui")
/// try answers.set("satisfaction", "4")
/// ```
public struct FeedbackAnswers: Sendable, Equatable, Codable {
    public static let maxCommentLength = 280

    public private(set) var values: [String: String] = [:]
    public private(set) var comment: String?

    public init() {}

    /// Parses `KEY=VALUE` pairs as the CLI takes them.
    public init(pairs: [String], comment: String? = nil) throws {
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "=") else {
                throw FeedbackError.invalidAnswer("\"\(pair)\": expected KEY=VALUE, e.g. entree_plain_pied=oui")
            }
            try set(String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }
        try setComment(comment)
    }

    /// Records a typed answer; the value must be one the question accepts.
    public mutating func set(_ key: String, _ value: AnswerValue) throws {
        let question = try Self.question(key)
        guard question.values.contains(value) else {
            throw FeedbackError.invalidAnswer("\(key): \"\(value.rawValue)\" is not an answer to it; valid values: \(question.values.map(\.rawValue).joined(separator: ", "))")
        }
        values[key] = value.rawValue
    }

    /// The typed value of an answer given.
    public func value(of key: String) -> AnswerValue? { values[key].flatMap(AnswerValue.init(rawValue:)) }

    /// Records an answer as written (the command line): case and accents forgiven.
    public mutating func set(_ key: String, _ value: String) throws {
        let question = try Self.question(key)
        guard let canonical = Self.canonical(value, for: question) else {
            throw FeedbackError.invalidAnswer("\(key): unknown value \"\(value)\"; valid values: \(question.values.map(\.rawValue).joined(separator: ", "))")
        }
        try set(key, canonical)
    }

    public mutating func remove(_ key: String) { values[key] = nil }

    public mutating func setComment(_ text: String?) throws {
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let trimmed, !trimmed.isEmpty else { comment = nil; return }
        guard trimmed.count <= Self.maxCommentLength else {
            throw FeedbackError.invalidAnswer("comment: \(trimmed.count) characters; at most \(Self.maxCommentLength)")
        }
        comment = trimmed
    }

    public var isEmpty: Bool { values.isEmpty && comment == nil }

    /// The question a key names, or an error that lists the keys.
    static func question(_ key: String) throws -> FeedbackQuestion {
        guard let question = FeedbackQuestion.named(key) else {
            throw FeedbackError.invalidAnswer("unknown question \"\(key)\"; valid keys: \(FeedbackQuestion.all.map(\.id).joined(separator: ", "))")
        }
        return question
    }

    /// The value as the question lists it; accents and case are forgiven on the command line
    /// ("formes" is "formés").
    static func canonical(_ value: String, for question: FeedbackQuestion) -> AnswerValue? {
        func fold(_ s: String) -> String { TextFolding.fold(s).replacingOccurrences(of: "-", with: "_") }
        return question.values.first { fold($0.rawValue) == fold(value) }
    }
}
