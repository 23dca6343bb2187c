import Foundation
import GRDB
import Testing
@testable import Feedback

/// The outbox on a fresh SQLite file per test.
@Suite struct OutboxTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString).sqlite").path
    }

    static func item(_ n: Int, at date: Date = Date(timeIntervalSince1970: 1_800_000_000)) throws -> FeedbackItem {
        try .review(of: "place-\(n % 7)", answers: FeedbackAnswers(pairs: ["satisfaction=\(n % 5 + 1)", "entree_plain_pied=oui"]),
                    kioskID: "test-kiosk", appVersion: "test", at: date.addingTimeInterval(Double(n)))
    }

    @Test func committedItemsSurviveReopeningInOrder() throws {
        let path = Self.temporaryPath()
        let items = try (0..<25).map { try Self.item($0) }
        do {
            let outbox = try Outbox(path: path)
            for item in items { try outbox.enqueue(item) }
        }
        let reopened = try Outbox(path: path)
        let entries = try reopened.entries(.pending)
        #expect(entries.map(\.item) == items)
        #expect(try reopened.counts() == .init(pending: 25, quarantined: 0, delivered: 0))
        // WAL and synchronous=FULL, as every connection sees them.
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try reopened.database.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    @Test func boundsRefuseNewItemsAndDropNothing() throws {
        let outbox = try Outbox(path: Self.temporaryPath(), limits: OutboxLimits(maxRows: 10, maxBytes: 1_000_000))
        for n in 0..<10 { try outbox.enqueue(try Self.item(n)) }
        #expect(try outbox.hasRoom() == false)
        #expect(throws: FeedbackError.self) { try outbox.enqueue(try Self.item(10)) }
        #expect(try outbox.counts().pending == 10)
        // Once delivered, room comes back.
        try outbox.markDelivered(try outbox.entries(.pending).prefix(3).map(\.item.id), at: Date())
        #expect(try outbox.hasRoom())
        try outbox.enqueue(try Self.item(11))

        let small = try Outbox(path: Self.temporaryPath(), limits: OutboxLimits(maxRows: 1000, maxBytes: 10_000))
        var accepted = 0
        do { while true { try small.enqueue(try Self.item(accepted)); accepted += 1 } } catch FeedbackError.outboxFull {}
        #expect(accepted > 10 && accepted < 1000)
        #expect(try small.counts().pending == accepted)
    }

    @Test func failuresWaitQuarantineSetsAsideDeliveryMarks() throws {
        let outbox = try Outbox(path: Self.temporaryPath())
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        for n in 0..<5 { try outbox.enqueue(try Self.item(n, at: now.addingTimeInterval(-100))) }
        let batch = try outbox.dueBatch(limit: 3, now: now)
        #expect(batch.count == 3)
        try outbox.markFailed(batch.map(\.item.id), error: "lab down", at: now) { _ in 60 }
        // The failed ones wait; the others are due, still oldest first.
        #expect(try outbox.dueBatch(limit: 10, now: now).map(\.item.id) == (try outbox.entries()).suffix(2).map(\.item.id))
        #expect(try outbox.dueBatch(limit: 10, now: now.addingTimeInterval(61)).count == 5)
        #expect(try outbox.syncState().lastError == "lab down")
        #expect(try outbox.nextDueDate()! <= now)

        let poison = try outbox.entries()[4].item.id
        try outbox.quarantine(poison, reason: "invalid input syntax for type json", at: now)
        #expect(try outbox.counts() == .init(pending: 4, quarantined: 1, delivered: 0))
        #expect(!(try outbox.dueBatch(limit: 10, now: now.addingTimeInterval(1000)).contains { $0.item.id == poison }))

        try outbox.markDelivered(try outbox.entries(.pending).map(\.item.id), at: now)
        #expect(try outbox.counts() == .init(pending: 0, quarantined: 1, delivered: 4))
        #expect(try outbox.syncState().lastSyncAt == now && outbox.syncState().lastError == nil)
        #expect(try outbox.releaseQuarantine(now: now) == 1)
        #expect(try outbox.counts().pending == 1)
    }
}

/// Usage events beside the answers: their own queue, their own bound, gone once delivered.
@Suite struct UsageQueueTests {
    static func record(_ step: Int, kind: UsageEvent.Kind = .panel) -> UsageRecord {
        UsageRecord(at: Date(timeIntervalSince1970: 1_800_000_059.9), kioskID: "test-kiosk", appVersion: "test",
                    event: UsageEvent(kind: kind, visit: UUID(), step: step, detail: .init(panel: "legend")))
    }

    @Test func eventsWaitInOrderToTheMinuteAndLeaveOnceDelivered() throws {
        let outbox = try Outbox(path: OutboxTests.temporaryPath())
        let records = (0..<5).map { Self.record($0) }
        for record in records { try outbox.enqueueUsage(record) }
        // Stamped at 1_800_000_059.9 s: kept as the minute it fell in (1_800_000_000 s is a whole minute).
        #expect(records[0].minute == Date(timeIntervalSince1970: 1_800_000_000))
        let due = try outbox.dueUsage(limit: 3, now: Date())
        #expect(due.map(\.id) == records.prefix(3).map(\.id))
        #expect(due[0].payloadJSON.contains(#""kind":"panel""#) && due[0].payloadJSON.contains(#""panel":"legend""#))
        try outbox.markDelivered(due.map(\.id), in: .usage, at: Date())
        #expect(try outbox.usageCounts() == (pending: 2, quarantined: 0))
        // The answers' queue is not touched.
        #expect(try outbox.counts() == .init(pending: 0, quarantined: 0, delivered: 0))
    }

    /// Past its bound a usage event is refused; answers still have their room.
    @Test func aFullUsageQueueDropsEventsNotAnswers() throws {
        let outbox = try Outbox(path: OutboxTests.temporaryPath(), limits: OutboxLimits(maxRows: 10, maxUsageRows: 3))
        for step in 0..<3 { try outbox.enqueueUsage(Self.record(step)) }
        #expect(throws: FeedbackError.self) { try outbox.enqueueUsage(Self.record(3)) }
        try outbox.enqueue(try OutboxTests.item(0))
        #expect(try outbox.counts().pending == 1 && outbox.usageCounts().pending == 3)
    }
}
