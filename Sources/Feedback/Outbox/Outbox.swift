import Foundation
import GRDB

/// The durable queue of feedback: its own SQLite file in WAL mode with `synchronous=FULL`, so a row
/// that ``enqueue(_:)`` returned from survives a crash or a power cut. The kiosk says "Merci" only
/// after that return.
///
/// Items leave in creation order. Each is pending, delivered (kept for the report and the export)
/// or quarantined (refused by the lab for its content, with the reason; never dropped, never
/// blocking the others).
///
/// ```swift
/// let outbox = try Outbox(path: stateDir + "/outbox.sqlite", limits: .init(maxRows: 20_000, maxBytes: 50_000_000))
/// try outbox.enqueue(item)
/// let batch = try outbox.dueBatch(limit: 500, now: Date())
/// ```
public final class Outbox: Sendable {
    /// One queued row as delivery and staff see it.
    public struct Entry: Sendable, Equatable {
        public var item: FeedbackItem
        /// The payload exactly as stored (what the lab receives).
        public var payloadJSON: String
        public var attempts: Int
        public var nextAttemptAt: Date
        public var lastError: String?
        public var deliveredAt: Date?
        public var quarantinedAt: Date?
    }

    public struct Counts: Sendable, Equatable, Codable {
        public var pending: Int
        public var quarantined: Int
        public var delivered: Int
    }

    let database: DatabasePool
    public let limits: OutboxLimits
    /// Room kept for answers on a full disk; none when not asked for.
    public let reserve: OutboxReserve?

    /// Opens (creating if needed) the outbox at `path`. With a `reserve`, a disk too full to open
    /// it gets the reserve's room first; the reserve is made (again) when there is room for it.
    public init(path: String, limits: OutboxLimits = OutboxLimits(), reserve: OutboxReserve? = nil) throws {
        self.limits = limits
        self.reserve = reserve
        do {
            database = try Self.open(path)
        } catch {
            guard let reserve, reserve.release() else { throw error }
            database = try Self.open(path)
        }
        reserve?.replenish()
    }

    private static func open(_ path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Every commit reaches the disk before enqueue returns.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let database = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(database)
        return database
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("outbox-v1") { db in
            try db.create(table: "outbox") { t in
                // The rowid is the creation order.
                t.column("seq", .integer).primaryKey(autoincrement: true)
                t.column("id", .text).notNull().unique()
                t.column("created_at", .double).notNull()
                t.column("kiosk_id", .text).notNull()
                t.column("place_id", .text)
                t.column("kind", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("schema_version", .integer).notNull()
                t.column("app_version", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .double).notNull()
                t.column("last_error", .text)
                t.column("delivered_at", .double)
                t.column("quarantined_at", .double)
            }
            try db.create(index: "outbox_waiting", on: "outbox", columns: ["delivered_at", "quarantined_at", "seq"])
            try db.create(table: "sync_state") { t in
                t.column("key", .text).primaryKey()
                t.column("value", .text)
            }
        }
        migrator.registerMigration("outbox-v2-usage") { db in
            // Usage events wait beside the answers, in their own table: their own batches, their
            // own bound, and deleted once the lab has them (the lab's copy is the only one kept).
            try db.create(table: "usage_outbox") { t in
                t.column("seq", .integer).primaryKey(autoincrement: true)
                t.column("id", .text).notNull().unique()
                t.column("minute", .double).notNull()
                t.column("kiosk_id", .text).notNull()
                t.column("app_version", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .double).notNull()
                t.column("last_error", .text)
                t.column("quarantined_at", .double)
            }
            try db.create(index: "usage_outbox_waiting", on: "usage_outbox", columns: ["quarantined_at", "seq"])
        }
        return migrator
    }

    // MARK: Queueing

    /// Commits `item` (fsynced) or throws: ``FeedbackError/outboxFull(rows:bytes:)`` when the queue
    /// is at its bound, in which case nothing changes.
    public func enqueue(_ item: FeedbackItem, payloadJSON: String? = nil) throws {
        let payload = try payloadJSON ?? Self.encode(item.payload)
        do {
            try insert(item, payload: payload)
        } catch let error as DatabaseError where [.SQLITE_FULL, .SQLITE_IOERR].contains(error.resultCode) {
            // The disk is full: the reserve's room takes this answer and the next ones.
            guard let reserve, reserve.release() else { throw error }
            try insert(item, payload: payload)
        }
    }

    private func insert(_ item: FeedbackItem, payload: String) throws {
        try database.write { db in
            let (rows, bytes) = try Self.waiting(db)
            if rows + 1 > limits.maxRows || bytes + payload.utf8.count > limits.maxBytes {
                throw FeedbackError.outboxFull(rows: rows, bytes: bytes)
            }
            try db.execute(sql: """
                -- Due at once (next_attempt_at 0), whatever the clock said when it was created.
                INSERT INTO outbox (id, created_at, kiosk_id, place_id, kind, payload, schema_version, app_version, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [item.id.uuidString.lowercased(), item.createdAt.timeIntervalSince1970, item.kioskID, item.placeID,
                                 item.kind.rawValue, payload, item.schemaVersion, item.appVersion, 0])
        }
    }

    /// Whether one more answer would fit (the form asks before it starts).
    public func hasRoom() throws -> Bool {
        try database.read { db in
            let (rows, bytes) = try Self.waiting(db)
            return rows < limits.maxRows && bytes + 2_000 <= limits.maxBytes
        }
    }

    /// What the bound counts: answers not yet delivered (quarantined ones included) and their bytes.
    static func waiting(_ db: Database) throws -> (rows: Int, bytes: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*) AS rows, coalesce(sum(length(payload)), 0) AS bytes FROM outbox WHERE delivered_at IS NULL
            """)!
        return (row["rows"], row["bytes"])
    }

    static func encode(_ payload: FeedbackItem.Payload) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(payload), as: UTF8.self)
    }

    // MARK: Delivery

    /// The next pending items whose retry time has come, oldest first.
    public func dueBatch(limit: Int, now: Date) throws -> [Entry] {
        try database.read { db in
            try Self.entries(db, where: "delivered_at IS NULL AND quarantined_at IS NULL AND next_attempt_at <= ?",
                             arguments: [now.timeIntervalSince1970], limit: limit)
        }
    }

    /// When the next pending item becomes due (nil when none is pending).
    public func nextDueDate() throws -> Date? {
        try database.read { db in
            try Double.fetchOne(db, sql: """
                SELECT min(due) FROM (
                    SELECT min(next_attempt_at) AS due FROM outbox WHERE delivered_at IS NULL AND quarantined_at IS NULL
                    UNION ALL SELECT min(next_attempt_at) FROM usage_outbox WHERE quarantined_at IS NULL)
                """).map(Date.init(timeIntervalSince1970:))
        }
    }

    // MARK: Usage

    /// Queues a usage event (committed and fsynced like an answer, but never with the reserve's
    /// room: on a full disk, or past `limits.maxUsageRows` waiting, the event is refused and the
    /// answers keep the room).
    public func enqueueUsage(_ record: UsageRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = String(decoding: try encoder.encode(record.event), as: UTF8.self)
        try database.write { db in
            let waiting = try Int.fetchOne(db, sql: "SELECT count(*) FROM usage_outbox") ?? 0
            guard waiting < limits.maxUsageRows else { throw FeedbackError.outboxFull(rows: waiting, bytes: 0) }
            try db.execute(sql: """
                INSERT INTO usage_outbox (id, minute, kiosk_id, app_version, payload, next_attempt_at) VALUES (?, ?, ?, ?, ?, 0)
                """, arguments: [record.id.uuidString.lowercased(), record.minute.timeIntervalSince1970, record.kioskID,
                                 record.appVersion, payload])
        }
    }

    /// A usage event waiting, with its payload exactly as stored.
    public struct UsageEntry: Sendable, Equatable {
        public var id: UUID
        public var minute: Date
        public var kioskID: String
        public var appVersion: String
        public var payloadJSON: String
    }

    /// The next usage events whose retry time has come, oldest first.
    public func dueUsage(limit: Int, now: Date) throws -> [UsageEntry] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM usage_outbox WHERE quarantined_at IS NULL AND next_attempt_at <= ? ORDER BY seq LIMIT ?
                """, arguments: [now.timeIntervalSince1970, limit]).map { row in
                UsageEntry(id: UUID(uuidString: row["id"]) ?? UUID(), minute: Date(timeIntervalSince1970: row["minute"]),
                           kioskID: row["kiosk_id"], appVersion: row["app_version"], payloadJSON: row["payload"])
            }
        }
    }

    /// Usage events waiting for the lab, and those it refused.
    public func usageCounts() throws -> (pending: Int, quarantined: Int) {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) - count(quarantined_at) AS pending, count(quarantined_at) AS quarantined FROM usage_outbox
                """)!
            return (row["pending"], row["quarantined"])
        }
    }

    /// Marks items the lab has committed. Called only after the lab's commit: a crash before this
    /// re-sends them, and the lab's `ON CONFLICT DO NOTHING` on the primary key keeps one row.
    /// Delivered usage events are deleted: the lab's copy is the one kept.
    public func markDelivered(_ ids: [UUID], in queue: Queue = .answers, at date: Date) throws {
        try database.write { db in
            let statement = queue == .answers
                ? try db.makeStatement(sql: "UPDATE outbox SET delivered_at = ?, last_error = NULL WHERE id = ? AND delivered_at IS NULL")
                : try db.makeStatement(sql: "DELETE FROM usage_outbox WHERE ?1 IS NOT NULL AND id = ?2")
            for id in ids { try statement.execute(arguments: [date.timeIntervalSince1970, id.uuidString.lowercased()]) }
            try Self.setState(db, "last_sync_at", String(date.timeIntervalSince1970))
            try Self.setState(db, "last_error", nil)
        }
        // On the delivery task, off the render loop: the reserve comes back once there is room.
        reserve?.replenish()
    }

    /// The lab could not be reached or failed: each item waits `delay(attempts)` before its next try.
    public func markFailed(_ ids: [UUID], in queue: Queue = .answers, error: String, at date: Date, delay: (Int) -> TimeInterval) throws {
        let table = queue.table
        try database.write { db in
            for id in ids {
                let key = id.uuidString.lowercased()
                let attempts = (try Int.fetchOne(db, sql: "SELECT attempts FROM \(table) WHERE id = ?", arguments: [key]) ?? 0) + 1
                try db.execute(sql: "UPDATE \(table) SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                               arguments: [attempts, date.addingTimeInterval(delay(attempts)).timeIntervalSince1970, error, key])
            }
            try Self.setState(db, "last_error", error)
        }
    }

    /// The lab refused this item for its content: set aside with the reason, shown to staff.
    public func quarantine(_ id: UUID, in queue: Queue = .answers, reason: String, at date: Date) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE \(queue.table) SET quarantined_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?",
                           arguments: [date.timeIntervalSince1970, reason, id.uuidString.lowercased()])
        }
    }

    /// Puts quarantined items back in the queue (after the lab's schema was fixed, say).
    @discardableResult
    public func releaseQuarantine(now: Date) throws -> Int {
        try database.write { db in
            try db.execute(sql: "UPDATE outbox SET quarantined_at = NULL, next_attempt_at = ? WHERE quarantined_at IS NOT NULL",
                           arguments: [now.timeIntervalSince1970])
            let answers = db.changesCount
            try db.execute(sql: "UPDATE usage_outbox SET quarantined_at = NULL, next_attempt_at = ? WHERE quarantined_at IS NOT NULL",
                           arguments: [now.timeIntervalSince1970])
            return answers + db.changesCount
        }
    }

    // MARK: Reading

    public func counts() throws -> Counts {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT sum(delivered_at IS NULL AND quarantined_at IS NULL) AS pending,
                       sum(delivered_at IS NULL AND quarantined_at IS NOT NULL) AS quarantined,
                       sum(delivered_at IS NOT NULL) AS delivered FROM outbox
                """)!
            return Counts(pending: row["pending"] ?? 0, quarantined: row["quarantined"] ?? 0, delivered: row["delivered"] ?? 0)
        }
    }

    /// The last successful delivery and the last error (nil once a delivery succeeded since).
    public func syncState() throws -> (lastSyncAt: Date?, lastError: String?) {
        try database.read { db in
            let last = try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = 'last_sync_at'")
                .flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
            let error = try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = 'last_error'")
            return (last, error)
        }
    }

    public enum Selection: Sendable { case all, pending, quarantined, delivered }

    public func entries(_ selection: Selection = .all) throws -> [Entry] {
        let condition: String
        switch selection {
        case .all: condition = "1"
        case .pending: condition = "delivered_at IS NULL AND quarantined_at IS NULL"
        case .quarantined: condition = "delivered_at IS NULL AND quarantined_at IS NOT NULL"
        case .delivered: condition = "delivered_at IS NOT NULL"
        }
        return try database.read { db in try Self.entries(db, where: condition, arguments: [], limit: nil) }
    }

    static func entries(_ db: Database, where condition: String, arguments: StatementArguments, limit: Int?) throws -> [Entry] {
        let decoder = JSONDecoder()
        var sql = "SELECT * FROM outbox WHERE \(condition) ORDER BY seq"
        var arguments = arguments
        if let limit { sql += " LIMIT ?"; arguments += [limit] }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let payloadJSON: String = row["payload"]
            // A payload that no longer decodes is still delivered as stored (the lab decides).
            let payload = (try? decoder.decode(FeedbackItem.Payload.self, from: Data(payloadJSON.utf8)))
                ?? FeedbackItem.Payload(answers: [:], comment: nil)
            let item = FeedbackItem(
                id: UUID(uuidString: row["id"]) ?? UUID(), createdAt: Date(timeIntervalSince1970: row["created_at"]),
                kioskID: row["kiosk_id"], placeID: row["place_id"],
                kind: FeedbackItem.Kind(rawValue: row["kind"]) ?? .avis, payload: payload,
                schemaVersion: row["schema_version"], appVersion: row["app_version"])
            return Entry(item: item, payloadJSON: payloadJSON, attempts: row["attempts"],
                         nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"]), lastError: row["last_error"],
                         deliveredAt: (row["delivered_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                         quarantinedAt: (row["quarantined_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    static func setState(_ db: Database, _ key: String, _ value: String?) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", arguments: [key, value])
    }
}

/// How much the outbox may hold before the form stops taking answers (the configuration's
/// `[feedback]` section). Only undelivered items count.
public struct OutboxLimits: Sendable, Equatable {
    public var maxRows: Int
    public var maxBytes: Int
    /// Usage events waiting; past it new ones are dropped (answers matter more).
    public var maxUsageRows: Int
    public init(maxRows: Int = 20_000, maxBytes: Int = 50_000_000, maxUsageRows: Int = 50_000) {
        self.maxRows = maxRows
        self.maxBytes = maxBytes
        self.maxUsageRows = maxUsageRows
    }
}

extension Outbox {
    /// The outbox's two queues: visitors' answers, and usage events.
    public enum Queue: Sendable, Equatable {
        case answers, usage
        var table: String { self == .answers ? "outbox" : "usage_outbox" }
    }
}
