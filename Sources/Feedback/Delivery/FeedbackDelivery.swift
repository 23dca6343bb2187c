import Foundation
import Logging
import PostgresNIO

/// Moves feedback from the outbox to the lab: in creation order, in batches, each batch one
/// transaction of `INSERT … ON CONFLICT DO NOTHING` (no conflict target: naming `(id)` would need a
/// SELECT right the kiosk role must not have; the primary key is the only constraint), marked delivered only after the lab's
/// commit. It never runs on the render loop: the kiosk starts it on its own task.
///
/// - The lab unreachable or failing: the batch waits (``RetryPolicy``) and is tried again; nothing
///   is lost, nothing doubled.
/// - The lab refusing a batch for its content: items are tried one by one; those refused are
///   quarantined with the reason, the others delivered.
public final class FeedbackDelivery: Sendable {
    /// What one ``syncOnce(now:)`` did.
    public struct Outcome: Sendable, Equatable {
        public var delivered = 0
        public var quarantined = 0
        public var failed = 0
        public var error: String?
    }

    let outbox: Outbox
    let connector: LabConnector
    let random: @Sendable () -> Double
    /// Failure injection for tests: called after the lab committed a batch, before it is marked.
    let afterLabCommit: (@Sendable () -> Void)?
    /// Says in words what went wrong with the outbox's file (a full disk…): the shell knows the
    /// machine's faults; this module only knows SQLite.
    let describeOutboxFault: @Sendable (any Error) -> String

    public init(outbox: Outbox, connector: LabConnector, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                afterLabCommit: (@Sendable () -> Void)? = nil,
                describeOutboxFault: @escaping @Sendable (any Error) -> String = { "outbox: \($0)" }) {
        self.outbox = outbox
        self.connector = connector
        self.random = random
        self.afterLabCommit = afterLabCommit
        self.describeOutboxFault = describeOutboxFault
    }

    var settings: LabSettings { connector.settings }

    /// Delivers every item due now, batch after batch, then returns.
    public func syncOnce(now: @Sendable () -> Date = Date.init) async -> Outcome {
        var outcome = Outcome()
        let first: [Outbox.Entry]
        do {
            first = try outbox.dueBatch(limit: settings.batchSize, now: now())
        } catch {
            outcome.error = describeOutboxFault(error)
            return outcome
        }
        guard !first.isEmpty else { return outcome }
        let connection: PostgresConnection
        do {
            connection = try await connector.connect()
        } catch {
            let message = LabConnector.describe(error)
            try? outbox.markFailed(first.map(\.item.id), error: message, at: now(), delay: delay)
            outcome.failed = first.count
            outcome.error = message
            return outcome
        }
        defer { Task { [connection] in try? await connection.close() } }
        var batch = first
        // A stop request (SIGTERM) is honoured between batches: each batch commits and is marked whole.
        while !batch.isEmpty && !Task.isCancelled {
            do {
                try await insert(batch, on: connection)
                afterLabCommit?()
            } catch where LabConnector.isContentRefusal(error) {
                let (delivered, quarantined, failure) = await isolate(batch, on: connection, now: now)
                outcome.delivered += delivered
                outcome.quarantined += quarantined
                if let failure {
                    outcome.error = failure
                    return outcome
                }
                do {
                    batch = try outbox.dueBatch(limit: settings.batchSize, now: now())
                } catch {
                    outcome.error = describeOutboxFault(error)
                    return outcome
                }
                continue
            } catch {
                let message = LabConnector.describe(error)
                try? outbox.markFailed(batch.map(\.item.id), error: message, at: now(), delay: delay)
                outcome.failed += batch.count
                outcome.error = message
                return outcome
            }
            // The lab has the batch. Marking it here may fail on a sick disk: it then stays
            // queued and goes again (the lab keeps one copy), which loses and doubles nothing.
            do {
                try outbox.markDelivered(batch.map(\.item.id), at: now())
                outcome.delivered += batch.count
            } catch {
                outcome.failed += batch.count
                outcome.error = "the lab has \(batch.count) answers, but they could not be marked delivered here: "
                    + describeOutboxFault(error) + "; they stay queued and go again (the lab keeps one copy)"
                return outcome
            }
            do {
                batch = try outbox.dueBatch(limit: settings.batchSize, now: now())
            } catch {
                outcome.error = describeOutboxFault(error)
                return outcome
            }
        }
        return outcome
    }

    /// Runs until cancelled: delivers what is due, then sleeps until the next item is due, a new
    /// item is queued (``wake()``) or a minute has passed.
    public func run(now: @escaping @Sendable () -> Date = Date.init, onOutcome: @escaping @Sendable (Outcome) -> Void = { _ in }) async {
        while !Task.isCancelled {
            let outcome = await syncOnce(now: now)
            if outcome != Outcome() { onOutcome(outcome) }
            let next = (try? outbox.nextDueDate()) ?? nil
            let wait = min(60, max(0.5, (next ?? now().addingTimeInterval(60)).timeIntervalSince(now())))
            await wakeSignal.wait(timeout: wait)
        }
    }

    let wakeSignal = WakeSignal()

    /// Asks a running ``run(now:onOutcome:)`` to look at the queue now (staff's "sync now", a new answer).
    public func wake() { wakeSignal.signal() }

    func delay(_ attempts: Int) -> TimeInterval {
        settings.retry.delay(afterAttempts: attempts, unit: random())
    }

    /// One transaction for the whole batch; a row the lab already has is left alone. `ON CONFLICT DO
    /// NOTHING` without a target: naming `(id)` would make PostgreSQL require SELECT on the table,
    /// which the insert-only kiosk role must not have; `id` is the table's only unique key, so the
    /// effect is the same.
    func insert(_ batch: [Outbox.Entry], on connection: PostgresConnection) async throws {
        let ids = batch.map(\.item.id)
        let kiosks = batch.map(\.item.kioskID)
        let places = batch.map { $0.item.placeID ?? "" }
        let kinds = batch.map(\.item.kind.rawValue)
        let payloads = batch.map(\.payloadJSON)
        let created = batch.map(\.item.createdAt)
        let schemaVersions = batch.map(\.item.schemaVersion)
        let appVersions = batch.map(\.item.appVersion)
        try await connection.withTransaction(logger: connector.logger) { connection in
            try await connection.query("""
                INSERT INTO feedback (id, kiosk, place, kind, answers, comment, created_at, schema_version, app_version)
                SELECT u.id, u.kiosk, NULLIF(u.place, ''), u.kind,
                       COALESCE(u.payload::jsonb -> 'answers', '{}'::jsonb)
                         || jsonb_strip_nulls(jsonb_build_object('lieu_manquant', u.payload::jsonb -> 'lieu_manquant')),
                       u.payload::jsonb ->> 'comment', u.created_at, u.schema_version, u.app_version
                FROM unnest(\(ids)::uuid[], \(kiosks)::text[], \(places)::text[], \(kinds)::text[], \(payloads)::text[],
                            \(created)::timestamptz[], \(schemaVersions)::int[], \(appVersions)::text[])
                     AS u(id, kiosk, place, kind, payload, created_at, schema_version, app_version)
                ORDER BY u.created_at
                ON CONFLICT DO NOTHING
                """, logger: connector.logger)
        }
    }

    /// After a content refusal: each item alone, so one bad item neither blocks nor hides the rest.
    func isolate(_ batch: [Outbox.Entry], on connection: PostgresConnection,
                 now: @Sendable () -> Date) async -> (delivered: Int, quarantined: Int, failure: String?) {
        var delivered = 0, quarantined = 0
        for (offset, entry) in batch.enumerated() {
            do {
                try await insert([entry], on: connection)
                afterLabCommit?()
                try outbox.markDelivered([entry.item.id], at: now())
                delivered += 1
            } catch where LabConnector.isContentRefusal(error) {
                let reason = LabConnector.describe(error)
                connector.logger.warning("feedback quarantined", metadata: ["id": "\(entry.item.id)", "reason": "\(reason)"])
                try? outbox.quarantine(entry.item.id, reason: reason, at: now())
                quarantined += 1
            } catch {
                let message = LabConnector.describe(error)
                try? outbox.markFailed(batch[offset...].map(\.item.id), error: message, at: now(), delay: delay)
                return (delivered, quarantined, message)
            }
        }
        return (delivered, quarantined, nil)
    }
}

/// A one-shot wake-up with a timeout, for a loop that sleeps between deliveries.
final class WakeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    func signal() {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume()
        } else {
            pending = true
            lock.unlock()
        }
    }

    func wait(timeout: TimeInterval) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    self.lock.lock()
                    if self.pending {
                        self.pending = false
                        self.lock.unlock()
                        continuation.resume()
                    } else {
                        self.waiter = continuation
                        self.lock.unlock()
                    }
                }
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                self.signal()
            }
            await group.next()
            group.cancelAll()
        }
        clearPending()
    }

    private func clearPending() {
        lock.lock()
        pending = false
        lock.unlock()
    }
}
