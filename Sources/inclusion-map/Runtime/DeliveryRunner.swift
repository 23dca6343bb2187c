import Feedback
import Foundation
import Logging
import Places

/// Delivery to the lab on its own task, never on the render loop, following the outbox the kiosk
/// has now: none while the disk keeps it closed, the new one once the machine heals and the data
/// are opened again (a delivery for an outbox let go is stopped; what it was sending is sent again).
final class DeliveryRunner {
    private let lab: LabSettings?
    private let logger: Logger
    private var outbox: Outbox?
    private var delivery: FeedbackDelivery?
    private var task: Task<Void, Never>?

    /// Where the outbox lives, to name it when its disk fails.
    private let outboxPath: String

    init(lab: LabSettings?, outboxPath: String, logger: Logger) {
        self.lab = lab
        self.outboxPath = outboxPath
        self.logger = logger
    }

    deinit { task?.cancel() }

    /// Delivers from `outbox` from now on (nothing when it is the one already followed).
    func follow(_ outbox: Outbox?) {
        guard outbox !== self.outbox else { return }
        task?.cancel()
        task = nil
        delivery = nil
        self.outbox = outbox
        guard let lab, let outbox else { return }
        let path = outboxPath
        let delivery = FeedbackDelivery(outbox: outbox, connector: LabConnector(settings: lab, logger: logger),
                                        describeOutboxFault: { "feedback outbox \(StorageFault.classify($0, path: path))" })
        self.delivery = delivery
        let logger = self.logger
        task = Task.detached {
            await delivery.run(onOutcome: { outcome in
                if let error = outcome.error {
                    logger.warning("feedback delivery failed; will retry", metadata: ["error": "\(error)", "waiting": "\(outcome.failed)"])
                } else {
                    logger.info("feedback delivered", metadata: ["delivered": "\(outcome.delivered)", "quarantined": "\(outcome.quarantined)"])
                }
            })
        }
    }

    /// An answer was queued, or staff asked: deliver now rather than at the next retry.
    func wake() { delivery?.wake() }
}
