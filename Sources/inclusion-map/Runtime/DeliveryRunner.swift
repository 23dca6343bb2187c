import Feedback
import Foundation
import Logging
import Places

/// The lab's side of the kiosk on its own task, never on the render loop (``KioskLabLink``:
/// answers and usage delivered, published place data taken, heartbeats), following the data the
/// kiosk has now: none while the disk keeps the outbox closed, the new ones once the machine heals
/// and the data are opened again (a link for data let go is stopped; what it was sending is sent
/// again).
final class DeliveryRunner {
    private let lab: LabSettings?
    private let logger: Logger
    private var outbox: Outbox?
    private var link: KioskLabLink?
    private var task: Task<Void, Never>?

    /// Where the outbox lives, to name it when its disk fails.
    private let outboxPath: String

    init(lab: LabSettings?, outboxPath: String, logger: Logger) {
        self.lab = lab
        self.outboxPath = outboxPath
        self.logger = logger
    }

    deinit { task?.cancel() }

    /// Talks to the lab for `assembly`'s data from now on (nothing when they are the ones already
    /// followed; nothing at all without an outbox).
    func follow(_ assembly: KioskAssembly?) {
        guard assembly?.outbox !== outbox || assembly == nil else { return }
        task?.cancel()
        task = nil
        link = nil
        outbox = assembly?.outbox
        guard let lab, let assembly, let link = Self.link(for: assembly, lab: lab, outboxPath: outboxPath, logger: logger) else { return }
        self.link = link
        task = Self.start(link, logger: logger)
    }

    private static func start(_ link: KioskLabLink, logger: Logger) -> Task<Void, Never> {
        Task.detached {
            await link.run(onOutcome: { outcome in log(outcome, logger: logger) })
        }
    }

    /// The link for an assembly's outbox and place store (nil without an outbox).
    static func link(for assembly: KioskAssembly, lab: LabSettings, outboxPath: String, logger: Logger) -> KioskLabLink? {
        guard let outbox = assembly.outbox else { return nil }
        return link(configuration: assembly.configuration, lab: lab, outbox: outbox, outboxPath: outboxPath,
                    placeStore: assembly.placeStore, live: assembly.livePlaces, logger: logger)
    }

    /// The link for an outbox and a place store (`sync`, the kiosk); `live` hands installed places
    /// to the screen and says what the kiosk runs.
    static func link(configuration: KioskConfiguration, lab: LabSettings, outbox: Outbox, outboxPath: String,
                     placeStore: PlaceStore?, live: LivePlaces, logger: Logger,
                     afterLabCommit: (@Sendable () -> Void)? = nil) -> KioskLabLink {
        let delivery = FeedbackDelivery(outbox: outbox, connector: LabConnector(settings: lab, logger: logger), afterLabCommit: afterLabCommit,
                                        describeOutboxFault: { "feedback outbox \(StorageFault.classify($0, path: outboxPath))" })
        let installer = placeStore.map { DatasetInstaller(store: $0, configuration: configuration, live: live, logger: logger) }
        return KioskLabLink(
            delivery: delivery, kioskID: configuration.kioskID, appVersion: InclusionMap.version,
            state: {
                let summary = live.summary
                return .init(dataVersion: summary?.dataVersion, newestDatasetVersion: summary?.newestDatasetVersion,
                             places: summary?.places ?? 0)
            },
            install: installer.map { installer in { @Sendable version, files in try installer.install(version: version, files: files) } },
            uptime: { ProcessMetrics.millisecondsSinceProcessStart() / 1000 })
    }

    static func log(_ outcome: KioskLabLink.Outcome, logger: Logger) {
        let delivery = outcome.delivery
        if let error = delivery.error {
            logger.warning("feedback delivery failed; will retry", metadata: ["error": "\(error)", "waiting": "\(delivery.failed)"])
        } else if delivery != FeedbackDelivery.Outcome() {
            logger.info("feedback delivered", metadata: ["delivered": "\(delivery.delivered)", "quarantined": "\(delivery.quarantined)",
                                                         "usage_events": "\(delivery.usageDelivered)"])
        }
        if let error = outcome.labError, delivery.error == nil {
            logger.warning("the lab could not be reached for the heartbeat", metadata: ["error": "\(error)"])
        }
    }

    /// An answer was queued, or staff asked: deliver now rather than at the next retry.
    func wake() { link?.delivery.wake() }
}
