import Feedback
import Foundation
import Logging
import PostgresNIO

/// The live page's events: one LISTEN connection for the whole dashboard, however many pages
/// are open, each new answer and visit passed on to every open page. A lost connection is said
/// to the pages ("base du labo injoignable") and opened again by itself.
actor LiveFeed {
    private var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
    /// Whether the LISTEN connection is up, said to each page as it opens.
    private var labReachable = false
    private let settings: LabSettings
    private let logger: Logger
    /// Called for each notification (the page caches are then out of date).
    private let onChange: @Sendable () async -> Void
    private let placeName: @Sendable (String) -> String?

    init(settings: LabSettings, logger: Logger, placeName: @escaping @Sendable (String) -> String? = { _ in nil },
         onChange: @escaping @Sendable () async -> Void) {
        self.settings = settings
        self.logger = logger
        self.placeName = placeName
        self.onChange = onChange
    }

    /// A stream of server-sent-event messages, until the page goes away.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(200))
        subscribers[id] = continuation
        continuation.yield("event: status\ndata: {\"lab\":\"\(labReachable ? "ok" : "injoignable")\"}\n\n")
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    private func broadcast(event: String, data: String) {
        let message = "event: \(event)\ndata: \(data)\n\n"
        for continuation in subscribers.values { continuation.yield(message) }
    }

    /// A comment to every open page every 15 s, until cancelled: a page that went away is noticed
    /// (its write fails) and proxies keep the stream open.
    func keepAlive() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(15))
            for continuation in subscribers.values { continuation.yield(": ping\n\n") }
        }
    }

    /// Listens until cancelled, reconnecting after a failure.
    func run() async {
        while !Task.isCancelled {
            do {
                let connection = try await LabConnector(settings: settings, logger: logger).connect()
                labReachable = true
                broadcast(event: "status", data: #"{"lab":"ok"}"#)
                do {
                    try await listen(on: connection)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch {
                logger.warning("live feed: lab unreachable; trying again", metadata: ["error": "\(LabConnector.describe(error))"])
                labReachable = false
                broadcast(event: "status", data: #"{"lab":"injoignable"}"#)
            }
            try? await Task.sleep(for: .seconds(2))
        }
    }

    private func listen(on connection: PostgresConnection) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await notification in try await connection.listen("feedback") {
                    await self.answerArrived(id: notification.payload, on: connection)
                }
            }
            group.addTask {
                for try await notification in try await connection.listen("usage") {
                    await self.onChange()
                    await self.broadcast(event: "visit", data: notification.payload)
                }
            }
            // The first end (a lost connection) ends both.
            try await group.next()
            group.cancelAll()
        }
    }

    /// An answer's row, read on the listening connection, sent to the pages with its commit time.
    private func answerArrived(id: String, on connection: PostgresConnection) async {
        await onChange()
        guard let uuid = UUID(uuidString: id) else { return }
        do {
            for try await (kiosk, place, answers, received) in try await connection.query("""
                SELECT kiosk, coalesce(place, ''), answers::text, (extract(epoch FROM received_at) * 1000)::int8 FROM feedback WHERE id = \(uuid)
                """, logger: logger).decode((String, String, String, Int64).self) {
                var payload: [String: Any] = ["id": id, "kiosk": kiosk, "place": place, "answers": DashboardData.decode(answers),
                                              "received_ms": received]
                if let name = placeName(place) { payload["place_name"] = name }
                let data = String(decoding: try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]), as: UTF8.self)
                broadcast(event: "answer", data: data)
            }
        } catch {
            logger.warning("live feed: an answer could not be read", metadata: ["id": "\(id)", "error": "\(LabConnector.describe(error))"])
        }
    }
}
