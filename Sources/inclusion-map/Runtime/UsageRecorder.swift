import Feedback
import Foundation
import Logging

/// Queues the kiosk's usage events off the render loop: each is stamped (its own id, the kiosk,
/// the minute) and committed to the outbox on a serial queue, so that a frame never waits for a
/// disk write. A full queue or disk drops the event, never an answer.
final class UsageRecorder: Sendable {
    private let outbox: Outbox
    private let kioskID: String
    private let logger: Logger
    private let queue = DispatchQueue(label: "inclusion-map.usage")

    init(outbox: Outbox, kioskID: String, logger: Logger) {
        self.outbox = outbox
        self.kioskID = kioskID
        self.logger = logger
    }

    func record(_ event: UsageEvent, at date: Date = Date()) {
        let record = UsageRecord(at: date, kioskID: kioskID, appVersion: InclusionMap.version, event: event)
        queue.async { [outbox, logger] in
            do {
                try outbox.enqueueUsage(record)
            } catch {
                logger.debug("usage event dropped", metadata: ["kind": "\(event.kind.rawValue)", "error": "\(error)"])
            }
        }
    }

    /// Waits until every event recorded so far is committed (before the process exits).
    func flush() {
        queue.sync {}
    }
}
