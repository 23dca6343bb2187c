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
        /// Usage events the lab took.
        public var usageDelivered = 0
        public var error: String?

        public init(delivered: Int = 0, quarantined: Int = 0, failed: Int = 0, usageDelivered: Int = 0, error: String? = nil) {
            self.delivered = delivered
            self.quarantined = quarantined
            self.failed = failed
            self.usageDelivered = usageDelivered
            self.error = error
        }
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

    /// Delivers every item due now, batch after batch, answers first and then usage events, on
    /// one connection opened only when something is due; then returns.
    public func syncOnce(now: @Sendable () -> Date = Date.init) async -> Outcome {
        var outcome = Outcome()
        var connection: PostgresConnection?
        defer { if let connection { Task { try? await connection.close() } } }
        let answers = await deliver(answersQueue, connection: &connection, now: now)
        outcome.delivered = answers.delivered
        outcome.quarantined = answers.quarantined
        outcome.failed = answers.failed
        outcome.error = answers.error
        // The lab unreachable for the answers is unreachable for the rest: they wait alike.
        guard answers.error == nil || connection != nil else { return outcome }
        let usage = await deliver(usageQueue, connection: &connection, now: now)
        outcome.usageDelivered = usage.delivered
        outcome.error = outcome.error ?? usage.error
        return outcome
    }

    /// One of the outbox's queues as delivery sees it: what is due, and how a batch goes in.
    struct Stream<Row: Sendable> {
        var queue: Outbox.Queue
        var due: (Date) throws -> [Row]
        var id: (Row) -> UUID
        var insert: ([Row], PostgresConnection) async throws -> Void
    }

    /// What delivering one stream did.
    struct StreamOutcome {
        var delivered = 0
        var quarantined = 0
        var failed = 0
        var error: String?
    }

    var answersQueue: Stream<Outbox.Entry> {
        Stream(queue: .answers, due: { [outbox, settings] in try outbox.dueBatch(limit: settings.batchSize, now: $0) },
               id: \.item.id, insert: { [self] in try await insert($0, on: $1) })
    }

    var usageQueue: Stream<Outbox.UsageEntry> {
        Stream(queue: .usage, due: { [outbox, settings] in try outbox.dueUsage(limit: settings.batchSize, now: $0) },
               id: \.id, insert: { [self] in try await insertUsage($0, on: $1) })
    }

    /// Delivers `stream`'s due rows batch after batch, connecting (once) when the first is due.
    func deliver<Row>(_ stream: Stream<Row>, connection: inout PostgresConnection?,
                      now: @Sendable () -> Date) async -> StreamOutcome {
        var outcome = StreamOutcome()
        var batch: [Row]
        do {
            batch = try stream.due(now())
        } catch {
            outcome.error = describeOutboxFault(error)
            return outcome
        }
        guard !batch.isEmpty else { return outcome }
        if connection == nil {
            do {
                connection = try await connector.connect()
            } catch {
                let message = LabConnector.describe(error)
                try? outbox.markFailed(batch.map(stream.id), in: stream.queue, error: message, at: now(), delay: delay)
                outcome.failed = batch.count
                outcome.error = message
                return outcome
            }
        }
        guard let connection else { return outcome }
        // A stop request (SIGTERM) is honoured between batches: each batch commits and is marked whole.
        while !batch.isEmpty && !Task.isCancelled {
            do {
                try await stream.insert(batch, connection)
                afterLabCommit?()
            } catch where LabConnector.isContentRefusal(error) {
                let isolated = await isolate(batch, of: stream, on: connection, now: now)
                outcome.delivered += isolated.delivered
                outcome.quarantined += isolated.quarantined
                if let failure = isolated.error {
                    outcome.error = failure
                    return outcome
                }
                do {
                    batch = try stream.due(now())
                } catch {
                    outcome.error = describeOutboxFault(error)
                    return outcome
                }
                continue
            } catch {
                let message = LabConnector.describe(error)
                try? outbox.markFailed(batch.map(stream.id), in: stream.queue, error: message, at: now(), delay: delay)
                outcome.failed += batch.count
                outcome.error = message
                return outcome
            }
            // The lab has the batch. Marking it here may fail on a sick disk: it then stays
            // queued and goes again (the lab keeps one copy), which loses and doubles nothing.
            do {
                try outbox.markDelivered(batch.map(stream.id), in: stream.queue, at: now())
                outcome.delivered += batch.count
            } catch {
                outcome.failed += batch.count
                outcome.error = "the lab has \(batch.count) \(stream.queue == .answers ? "answers" : "usage events"), but they could not be marked delivered here: "
                    + describeOutboxFault(error) + "; they stay queued and go again (the lab keeps one copy)"
                return outcome
            }
            do {
                batch = try stream.due(now())
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

    /// Usage events, in one transaction per batch; a row the lab already has is left alone.
    func insertUsage(_ batch: [Outbox.UsageEntry], on connection: PostgresConnection) async throws {
        let ids = batch.map(\.id)
        let kiosks = batch.map(\.kioskID)
        let minutes = batch.map(\.minute)
        let payloads = batch.map(\.payloadJSON)
        let appVersions = batch.map(\.appVersion)
        try await connection.withTransaction(logger: connector.logger) { connection in
            try await connection.query("""
                INSERT INTO usage_event (id, kiosk, visit, step, kind, detail, minute, app_version)
                SELECT u.id, u.kiosk, (u.payload::jsonb ->> 'visit')::uuid, (u.payload::jsonb ->> 'step')::int,
                       u.payload::jsonb ->> 'kind', COALESCE(u.payload::jsonb -> 'detail', '{}'::jsonb), u.minute, u.app_version
                FROM unnest(\(ids)::uuid[], \(kiosks)::text[], \(minutes)::timestamptz[], \(payloads)::text[], \(appVersions)::text[])
                     AS u(id, kiosk, minute, payload, app_version)
                ON CONFLICT DO NOTHING
                """, logger: connector.logger)
        }
    }

    /// After a content refusal: each item alone, so one bad item neither blocks nor hides the rest.
    func isolate<Row>(_ batch: [Row], of stream: Stream<Row>, on connection: PostgresConnection,
                      now: @Sendable () -> Date) async -> StreamOutcome {
        var outcome = StreamOutcome()
        for (offset, row) in batch.enumerated() {
            do {
                try await stream.insert([row], connection)
                afterLabCommit?()
                try outbox.markDelivered([stream.id(row)], in: stream.queue, at: now())
                outcome.delivered += 1
            } catch where LabConnector.isContentRefusal(error) {
                let reason = LabConnector.describe(error)
                connector.logger.warning("refused by the lab and set aside", metadata: ["id": "\(stream.id(row))", "reason": "\(reason)"])
                try? outbox.quarantine(stream.id(row), in: stream.queue, reason: reason, at: now())
                outcome.quarantined += 1
            } catch {
                let message = LabConnector.describe(error)
                try? outbox.markFailed(batch[offset...].map(stream.id), in: stream.queue, error: message, at: now(), delay: delay)
                outcome.error = message
                return outcome
            }
        }
        return outcome
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
