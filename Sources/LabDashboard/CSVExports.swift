import FeedbackModel
import Foundation
import Logging
import PostgresNIO

/// The lab's data as CSV files: one row per answer (the Acceslibre field names as columns) and
/// one row per usage event.
enum CSVExports {
    static func feedback(_ db: PostgresConnection, logger: Logger, emit: (String) async throws -> Void) async throws {
        let keys = FeedbackQuestion.all.map(\.id)
        try await emit(CSVWriter.line(["id", "created_at", "received_at", "kiosk", "place", "kind"] + keys
                                      + ["comment", "lieu_manquant_nom", "lieu_manquant_latitude", "lieu_manquant_longitude", "app_version"]))
        let iso = ISO8601DateFormatter()
        for try await (id, created, received, kiosk, place, kind, answers, comment, app) in try await db.query("""
            SELECT id, created_at, received_at, kiosk, coalesce(place, ''), kind, answers::text, coalesce(comment, ''), app_version
            FROM feedback ORDER BY received_at, id
            """, logger: logger).decode((UUID, Date, Date, String, String, String, String, String, String).self) {
            let values = (try? JSONSerialization.jsonObject(with: Data(answers.utf8)) as? [String: Any]) ?? [:]
            let missing = values["lieu_manquant"] as? [String: Any]
            try await emit(CSVWriter.line([id.uuidString.lowercased(), iso.string(from: created), iso.string(from: received), kiosk, place, kind]
                                          + keys.map { (values[$0] as? String) ?? "" }
                                          + [comment, (missing?["nom"] as? String) ?? "", missing?["latitude"].map { "\($0)" } ?? "",
                                             missing?["longitude"].map { "\($0)" } ?? "", app]))
        }
    }

    static let usageFields = ["language", "panel", "filter", "on", "letters", "results", "origin", "place", "question", "answered",
                              "seconds", "ended", "layer", "codes"]

    static func usage(_ db: PostgresConnection, logger: Logger, emit: (String) async throws -> Void) async throws {
        try await emit(CSVWriter.line(["id", "minute", "kiosk", "visit", "step", "kind"] + usageFields + ["app_version"]))
        let iso = ISO8601DateFormatter()
        for try await (id, minute, kiosk, visit, step, kind, detail, app) in try await db.query("""
            SELECT id, minute, kiosk, visit, step, kind, detail::text, app_version FROM usage_event ORDER BY minute, visit, step
            """, logger: logger).decode((UUID, Date, String, UUID, Int, String, String, String).self) {
            let values = (try? JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [String: Any]) ?? [:]
            try await emit(CSVWriter.line([id.uuidString.lowercased(), iso.string(from: minute), kiosk, visit.uuidString.lowercased(), "\(step)", kind]
                                          + usageFields.map { field in values[field].map { value in
                                              (value as? Bool).map { $0 ? "true" : "false" } ?? "\(value)"
                                          } ?? "" } + [app]))
        }
    }
}
