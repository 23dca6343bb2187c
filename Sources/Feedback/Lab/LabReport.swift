import Foundation
import Logging
import PostgresNIO

/// What came into the lab, for testers: per place and per question, over a period.
public struct LabReport: Sendable, Equatable, Codable {
    public enum Period: String, Sendable, CaseIterable, Codable {
        case today, week, all

        /// Rows received since this SQL expression (the lab's clock and time zone).
        var since: String {
            switch self {
            case .today: return "date_trunc('day', now())"
            case .week: return "now() - interval '7 days'"
            case .all: return "'-infinity'::timestamptz"
            }
        }
    }

    public struct PlaceLine: Sendable, Equatable, Codable {
        public var place: String
        public var answers: Int
        public var averageSatisfaction: Double?
        public var comments: Int
    }

    public struct QuestionLine: Sendable, Equatable, Codable {
        public var question: String
        /// Count of each value given.
        public var values: [String: Int]
    }

    public var period: Period
    public var total: Int
    public var missingPlaces: Int
    public var kiosks: Int
    public var places: [PlaceLine]
    public var questions: [QuestionLine]

    public static func fetch(_ period: Period, on connection: PostgresConnection, logger: Logger) async throws -> LabReport {
        let since = period.since
        let totals = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT count(*)::int8, count(*) FILTER (WHERE kind = 'lieu_manquant')::int8, count(DISTINCT kiosk)::int8
            FROM feedback WHERE received_at >= \(since)
            """), logger: logger)
        var total = 0, missing = 0, kiosks = 0
        for try await (t, m, k) in totals.decode((Int, Int, Int).self) { (total, missing, kiosks) = (t, m, k) }

        var places: [PlaceLine] = []
        let perPlace = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT place, count(*)::int8, avg((answers ->> 'satisfaction')::numeric)::float8, count(comment)::int8
            FROM feedback WHERE received_at >= \(since) AND kind = 'avis'
            GROUP BY place ORDER BY count(*) DESC, place
            """), logger: logger)
        for try await (place, count, satisfaction, comments) in perPlace.decode((String?, Int, Double?, Int).self) {
            places.append(PlaceLine(place: place ?? "—", answers: count,
                                    averageSatisfaction: satisfaction.map { ($0 * 100).rounded() / 100 }, comments: comments))
        }

        var byQuestion: [String: [String: Int]] = [:]
        let perQuestion = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT a.key, a.value, count(*)::int8
            FROM feedback, jsonb_each_text(feedback.answers) AS a
            WHERE received_at >= \(since) AND kind = 'avis'
            GROUP BY a.key, a.value
            """), logger: logger)
        for try await (key, value, count) in perQuestion.decode((String, String, Int).self) {
            byQuestion[key, default: [:]][value] = count
        }
        let order = FeedbackQuestion.all.map(\.id)
        let questions = byQuestion.keys.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
            .map { QuestionLine(question: $0, values: byQuestion[$0]!) }
        return LabReport(period: period, total: total, missingPlaces: missing, kiosks: kiosks, places: places, questions: questions)
    }

    /// A plain-text table for a terminal; `placeName` turns ids into names where the kiosk knows them.
    public func text(placeName: (String) -> String? = { _ in nil }) -> String {
        var out = "Feedback received (\(period.rawValue)): \(total) answers from \(kiosks) kiosk(s), \(missingPlaces) missing place(s) reported\n"
        if !places.isEmpty {
            out += "\nPer place                                              answers  satisfaction  comments\n"
            for line in places {
                var label = line.place
                if let name = placeName(line.place) { label = "\(name) (\(line.place))" }
                if label.count > 54 { label = String(label.prefix(53)) + "…" }
                let satisfaction = line.averageSatisfaction.map { String(format: "%.2f / 5", $0) } ?? "—"
                out += label.padding(toLength: 55, withPad: " ", startingAt: 0)
                    + String(line.answers).leftPadded(7) + satisfaction.leftPadded(14) + String(line.comments).leftPadded(10) + "\n"
            }
        }
        if !questions.isEmpty {
            out += "\nPer question\n"
            for line in questions {
                let question = FeedbackQuestion.named(line.question)
                let order: [String] = question?.values.map(\.rawValue) ?? line.values.keys.sorted()
                let counts: [String] = order.compactMap { value in line.values[value].map { "\(value) \($0)" } }
                out += "  " + line.question.padding(toLength: 44, withPad: " ", startingAt: 0) + counts.joined(separator: " · ") + "\n"
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
