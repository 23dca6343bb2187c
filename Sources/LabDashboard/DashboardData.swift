import Feedback
import Foundation
import Logging
import PostgresNIO

/// What the pages show, read from the lab in a few aggregate queries each.
enum DashboardData {
    /// Today (Paris time) per kiosk, and the latest answers.
    struct Live: Sendable {
        struct KioskDay: Sendable { var kiosk: String; var answers: Int; var visits: Int }
        struct Answer: Sendable { var id: UUID; var kiosk: String; var place: String?; var kind: String; var answers: [String: String]; var receivedAt: Date }
        var today: [KioskDay]
        var latest: [Answer]
    }

    static func live(_ db: PostgresConnection, logger: Logger) async throws -> Live {
        var days: [String: Live.KioskDay] = [:]
        let todayStart = "date_trunc('day', now() AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'Europe/Paris'"
        for try await (kiosk, count) in try await db.query(PostgresQuery(unsafeSQL: """
            SELECT kiosk, count(*) FROM feedback WHERE received_at >= \(todayStart) GROUP BY kiosk
            """), logger: logger).decode((String, Int64).self) {
            days[kiosk, default: .init(kiosk: kiosk, answers: 0, visits: 0)].answers = Int(count)
        }
        for try await (kiosk, count) in try await db.query(PostgresQuery(unsafeSQL: """
            SELECT kiosk, count(*) FROM usage_event WHERE kind = 'visit_start' AND minute >= \(todayStart) GROUP BY kiosk
            """), logger: logger).decode((String, Int64).self) {
            days[kiosk, default: .init(kiosk: kiosk, answers: 0, visits: 0)].visits = Int(count)
        }
        var latest: [Live.Answer] = []
        for try await (id, kiosk, place, kind, answers, received) in try await db.query("""
            SELECT id, kiosk, place, kind, answers::text, received_at FROM feedback ORDER BY received_at DESC, id LIMIT 20
            """, logger: logger).decode((UUID, String, String?, String, String, Date).self) {
            latest.append(.init(id: id, kiosk: kiosk, place: place, kind: kind, answers: decode(answers), receivedAt: received))
        }
        return Live(today: days.values.sorted { $0.kiosk < $1.kiosk }, latest: latest)
    }

    /// One place's accessibility answers: per question, per value, a count; and its latest answers.
    struct PlaceAnswers: Sendable {
        var place: String
        var counts: [String: [String: Int]]
        var total: Int
        var latest: [(answers: [String: String], receivedAt: Date)]
    }

    static let accessibilityKeys = FeedbackQuestion.all.filter { $0.group == .accessibility }.map(\.id)

    static func accessibility(_ db: PostgresConnection, logger: Logger) async throws -> [PlaceAnswers] {
        var places: [String: PlaceAnswers] = [:]
        for try await (place, key, value, count) in try await db.query("""
            SELECT place, a.key, a.value, count(*) FROM feedback, jsonb_each_text(answers) AS a(key, value)
            WHERE place IS NOT NULL AND a.key = ANY(\(accessibilityKeys)) GROUP BY place, a.key, a.value
            """, logger: logger).decode((String, String, String, Int64).self) {
            places[place, default: .init(place: place, counts: [:], total: 0, latest: [])].counts[key, default: [:]][value] = Int(count)
        }
        for try await (place, total) in try await db.query("""
            SELECT place, count(*) FROM feedback WHERE place IS NOT NULL GROUP BY place
            """, logger: logger).decode((String, Int64).self) where places[place] != nil {
            places[place]?.total = Int(total)
        }
        for try await (place, answers, received) in try await db.query("""
            SELECT place, answers::text, received_at FROM (
                SELECT place, answers, received_at, row_number() OVER (PARTITION BY place ORDER BY received_at DESC) AS n
                FROM feedback WHERE place IS NOT NULL AND answers ?| \(accessibilityKeys)) AS recent
            WHERE n <= 3 ORDER BY received_at DESC
            """, logger: logger).decode((String, String, Date).self) where places[place] != nil {
            places[place]?.latest.append((decode(answers), received))
        }
        return Array(places.values)
    }

    /// How visitors used the table.
    struct Usage: Sendable {
        var perDay: [(String, Double)]
        var perHour: [(String, Double)]
        var visits: Int
        var medianSeconds: Double?
        var languages: [(String, Int)]
        var features: [(String, Int)]
        var formStarted: Int
        var formReached: [(question: Int, visitors: Int)]
        var formSent: Int
    }

    static func usage(_ db: PostgresConnection, logger: Logger) async throws -> Usage {
        var usage = Usage(perDay: [], perHour: [], visits: 0, medianSeconds: nil, languages: [], features: [], formStarted: 0,
                          formReached: [], formSent: 0)
        for try await (day, count) in try await db.query("""
            SELECT to_char(minute AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD'), count(*) FROM usage_event
            WHERE kind = 'visit_start' GROUP BY 1 ORDER BY 1 DESC LIMIT 31
            """, logger: logger).decode((String, Int64).self) {
            usage.perDay.insert((String(day.suffix(5)), Double(count)), at: 0)
        }
        var hours = [Double](repeating: 0, count: 24)
        for try await (hour, count) in try await db.query("""
            SELECT extract(hour FROM minute AT TIME ZONE 'Europe/Paris')::int, count(*) FROM usage_event
            WHERE kind = 'visit_start' GROUP BY 1
            """, logger: logger).decode((Int, Int64).self) {
            hours[hour] = Double(count)
            usage.visits += Int(count)
        }
        usage.perHour = (7...21).map { ("\($0)h", hours[$0]) }
        for try await (median,) in try await db.query("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (detail->>'seconds')::int) FROM usage_event WHERE kind = 'visit_end'
            """, logger: logger).decode((Double?,).self) {
            usage.medianSeconds = median
        }
        for try await (language, count) in try await db.query("""
            SELECT coalesce(detail->>'language', '?'), count(*) FROM usage_event WHERE kind = 'visit_start' GROUP BY 1 ORDER BY 2 DESC
            """, logger: logger).decode((String, Int64).self) {
            usage.languages.append((language, Int(count)))
        }
        for try await (feature, count) in try await db.query("""
            SELECT coalesce(CASE kind WHEN 'panel' THEN 'panneau : ' || (detail->>'panel')
                                      WHEN 'filter' THEN 'filtre : ' || (detail->>'filter')
                                      WHEN 'coverage' THEN 'couverture : ' || (detail->>'layer')
                                      WHEN 'nearby' THEN CASE detail->>'origin' WHEN 'point' THEN 'près d''ici, depuis un point touché'
                                                                                ELSE 'près d''ici, depuis la borne' END
                                      WHEN 'card' THEN 'fiche d''un lieu ouverte'
                                      WHEN 'search' THEN 'recherche'
                                      WHEN 'read_aloud' THEN 'écouter'
                                      WHEN 'language' THEN 'langue : ' || (detail->>'language')
                                      WHEN 'form_start' THEN 'formulaire commencé'
                                      WHEN 'form_sent' THEN 'formulaire envoyé'
                                      ELSE kind END, kind), count(*)
            FROM usage_event WHERE kind NOT IN ('visit_start', 'visit_end', 'form_abandon') AND (kind <> 'filter' OR detail->>'on' = 'true')
            GROUP BY 1 ORDER BY 2 DESC, 1
            """, logger: logger).decode((String, Int64).self) {
            usage.features.append((feature, Int(count)))
        }
        var abandonedAt: [Int: Int] = [:]
        for try await (kind, question, count) in try await db.query("""
            SELECT kind, coalesce((detail->>'question')::int, 0), count(*) FROM usage_event
            WHERE kind IN ('form_start', 'form_abandon', 'form_sent') GROUP BY 1, 2
            """, logger: logger).decode((String, Int, Int64).self) {
            switch kind {
            case "form_start": usage.formStarted += Int(count)
            case "form_sent": usage.formSent += Int(count)
            default: abandonedAt[question, default: 0] += Int(count)
            }
        }
        // Reached question N: started, less those who left before it.
        let last = abandonedAt.keys.max() ?? 0
        var left = 0
        for question in 1...max(1, last) {
            left += abandonedAt[question - 1] ?? 0
            usage.formReached.append((question, usage.formStarted - left))
        }
        return usage
    }

    static func decode(_ json: String) -> [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?.compactMapValues { "\($0)" } ?? [:]
    }
}
