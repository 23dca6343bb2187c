import Foundation
import Logging
import PostgresNIO

/// A kiosk's whole conversation with the lab, on its own task: answers and usage events
/// delivered (``FeedbackDelivery``), then, at every round that reached the lab and at least every
/// heartbeat interval, the newest published place data taken when it is newer than what the kiosk
/// runs, and a heartbeat saying how the kiosk stands.
public final class KioskLabLink: Sendable {
    /// What the kiosk runs now, for the heartbeat and to tell a newer dataset.
    public struct KioskState: Sendable {
        public var dataVersion: Int?
        /// The newest dataset ever imported here (a local import after it does not call it back).
        public var newestDatasetVersion: Int?
        public var places: Int
        public init(dataVersion: Int?, newestDatasetVersion: Int?, places: Int) {
            self.dataVersion = dataVersion
            self.newestDatasetVersion = newestDatasetVersion
            self.places = places
        }
    }

    /// What one round did.
    public struct Outcome: Sendable, Equatable {
        public var delivery = FeedbackDelivery.Outcome()
        /// The dataset version imported in this round.
        public var installedVersion: Int?
        /// Why the newest dataset could not be imported (the old data stay).
        public var datasetError: String?
        /// Why the heartbeat or the dataset check could not reach the lab.
        public var labError: String?
    }

    public let delivery: FeedbackDelivery
    let kioskID: String
    let appVersion: String
    let state: @Sendable () -> KioskState
    /// Imports a downloaded dataset as one transaction and swaps it in; throws, changing nothing,
    /// when it cannot.
    let install: (@Sendable (_ version: Int, _ files: [PublishedDatasets.File]) async throws -> Void)?
    let uptime: @Sendable () -> TimeInterval
    private let memory = Memory()

    public init(delivery: FeedbackDelivery, kioskID: String, appVersion: String, state: @escaping @Sendable () -> KioskState,
                install: (@Sendable (Int, [PublishedDatasets.File]) async throws -> Void)?,
                uptime: @escaping @Sendable () -> TimeInterval) {
        self.delivery = delivery
        self.kioskID = kioskID
        self.appVersion = appVersion
        self.state = state
        self.install = install
        self.uptime = uptime
    }

    var settings: LabSettings { delivery.settings }

    /// Delivers what is due; then, when the lab was reached or a heartbeat is due (or `force`),
    /// takes a newer dataset and sends a heartbeat.
    public func round(now: @escaping @Sendable () -> Date = Date.init, force: Bool = false) async -> Outcome {
        var outcome = Outcome()
        outcome.delivery = await delivery.syncOnce(now: now)
        let reached = outcome.delivery.delivered + outcome.delivery.usageDelivered + outcome.delivery.quarantined > 0
        let heartbeatDue = memory.lastHeartbeat.map { now().timeIntervalSince($0) >= settings.heartbeatInterval } ?? true
        guard force || reached || heartbeatDue else { return outcome }
        let connection: PostgresConnection
        do {
            connection = try await delivery.connector.connect()
        } catch {
            outcome.labError = LabConnector.describe(error)
            return outcome
        }
        defer { Task { try? await connection.close() } }
        let logger = delivery.connector.logger
        do {
            if let install {
                try await takeNewerDataset(on: connection, install: install, now: now(), into: &outcome)
            }
            let kiosk = state()
            let counts = try? delivery.outbox.counts()
            let syncError = (try? delivery.outbox.syncState())?.lastError
            try await KioskHeartbeat(
                kiosk: kioskID, sentAt: now(), appVersion: appVersion, dataVersion: kiosk.dataVersion, places: kiosk.places,
                pending: counts?.pending ?? 0, quarantined: counts?.quarantined ?? 0, uptimeSeconds: Int(uptime()),
                intervalSeconds: Int(settings.heartbeatInterval.rounded(.up)),
                lastError: memory.datasetError ?? outcome.delivery.error ?? syncError
            ).send(on: connection, logger: logger)
            memory.lastHeartbeat = now()
        } catch {
            outcome.labError = LabConnector.describe(error)
        }
        return outcome
    }

    /// Downloads and installs the newest dataset when it is newer than any this kiosk imported. A
    /// version that failed here is tried again one heartbeat interval later, not at every round.
    func takeNewerDataset(on connection: PostgresConnection, install: @Sendable (Int, [PublishedDatasets.File]) async throws -> Void,
                          now: Date, into outcome: inout Outcome) async throws {
        let logger = delivery.connector.logger
        guard let newest = try await PublishedDatasets.newestVersion(on: connection, logger: logger),
              newest > (state().newestDatasetVersion ?? 0) else { return }
        if let failed = memory.failedDataset, failed.version == newest, now.timeIntervalSince(failed.at) < settings.heartbeatInterval {
            return
        }
        do {
            let files = try await PublishedDatasets.download(version: newest, on: connection, logger: logger)
            try await install(newest, files)
            memory.datasetError = nil
            memory.failedDataset = nil
            outcome.installedVersion = newest
            logger.notice("published place data installed", metadata: ["version": "\(newest)"])
        } catch {
            let message = "dataset v\(newest) not installed, the places stay as they were: \(LabConnector.describe(error))"
            memory.datasetError = message
            memory.failedDataset = (newest, now)
            outcome.datasetError = message
            logger.error("published place data not installed", metadata: ["version": "\(newest)", "error": "\(message)"])
        }
    }

    /// Runs until cancelled: a round, then sleep until the next item is due, a wake-up, the next
    /// heartbeat, or a minute.
    public func run(now: @escaping @Sendable () -> Date = Date.init, onOutcome: @escaping @Sendable (Outcome) -> Void = { _ in }) async {
        while !Task.isCancelled {
            let outcome = await round(now: now)
            onOutcome(outcome)
            let next = (try? delivery.outbox.nextDueDate()) ?? nil
            let heartbeat = (memory.lastHeartbeat ?? now()).addingTimeInterval(settings.heartbeatInterval)
            let wake = min(next ?? heartbeat, heartbeat, now().addingTimeInterval(60))
            await delivery.wakeSignal.wait(timeout: max(0.5, wake.timeIntervalSince(now())))
        }
    }

    /// What the link remembers between rounds (the round runs on one task at a time).
    private final class Memory: @unchecked Sendable {
        private let lock = NSLock()
        private var _lastHeartbeat: Date?
        private var _datasetError: String?
        private var _failedDataset: (version: Int, at: Date)?

        var lastHeartbeat: Date? {
            get { lock.withLock { _lastHeartbeat } }
            set { lock.withLock { _lastHeartbeat = newValue } }
        }
        var datasetError: String? {
            get { lock.withLock { _datasetError } }
            set { lock.withLock { _datasetError = newValue } }
        }
        var failedDataset: (version: Int, at: Date)? {
            get { lock.withLock { _failedDataset } }
            set { lock.withLock { _failedDataset = newValue } }
        }
    }
}
