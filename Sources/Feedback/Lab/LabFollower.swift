import Foundation
import Logging
import PostgresNIO

/// Shows each answer as it reaches the lab: `LISTEN feedback` (announced by the table's trigger),
/// then the row itself, so testers around the table see live feedback.
public struct LabFollower: Sendable {
    public struct Line: Sendable, Equatable {
        public var id: UUID
        public var receivedAt: Date
        public var kiosk: String
        public var place: String?
        public var kind: String
        public var answersJSON: String
        public var comment: String?

        public func text(placeName: (String) -> String?) -> String {
            let time = Self.time.string(from: receivedAt)
            let about = place.map { id in placeName(id).map { "\($0) (\(id))" } ?? id } ?? "—"
            return "\(time)  \(kiosk)  \(kind)  \(about)  \(answersJSON)\(comment.map { "  « \($0) »" } ?? "")"
        }

        nonisolated(unsafe) static let time: DateFormatter = {
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd HH:mm:ss"
            f.timeZone = TimeZone(identifier: "Europe/Paris")
            return f
        }()
    }

    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Calls `show` for every new answer until the task is cancelled or the connection drops.
    public func follow(_ show: @escaping @Sendable (Line) -> Void) async throws {
        try await connection.listen(on: "feedback") { notifications in
            for try await notification in notifications {
                guard let id = UUID(uuidString: notification.payload) else { continue }
                let rows = try await connection.query("""
                    SELECT id, received_at, kiosk, place, kind, answers::text, comment FROM feedback WHERE id = \(id)
                    """, logger: logger)
                for try await (id, received, kiosk, place, kind, answers, comment)
                        in rows.decode((UUID, Date, String, String?, String, String, String?).self) {
                    show(Line(id: id, receivedAt: received, kiosk: kiosk, place: place, kind: kind, answersJSON: answers, comment: comment))
                }
            }
        }
    }
}
