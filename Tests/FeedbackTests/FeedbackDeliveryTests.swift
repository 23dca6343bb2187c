import Foundation
import PostgresNIO
import Testing
@testable import Feedback

/// Delivery against a real PostgreSQL: exactly once, whatever fails.
@Suite(.serialized) struct FeedbackDeliveryTests {
    func outbox(_ count: Int, limits: OutboxLimits = OutboxLimits()) throws -> Outbox {
        let outbox = try Outbox(path: OutboxTests.temporaryPath(), limits: limits)
        for n in 0..<count { try outbox.enqueue(try OutboxTests.item(n)) }
        return outbox
    }

    func delivery(_ outbox: Outbox, _ settings: LabSettings, afterLabCommit: (@Sendable () -> Void)? = nil) -> FeedbackDelivery {
        FeedbackDelivery(outbox: outbox, connector: LabConnector(settings: settings, logger: TestLab.logger),
                         random: { 0.5 }, afterLabCommit: afterLabCommit)
    }

    @Test func deliversInOrderWithEveryField() async throws {
        let lab = try await TestLab.make()
        let outbox = try outbox(12)
        try outbox.enqueue(try .missingPlace(.init(nom: "Espace numérique", latitude: 50.6, longitude: 3.1), kioskID: "test-kiosk",
                                             appVersion: "test", at: Date(timeIntervalSince1970: 1_800_000_100)))
        var settings = lab.kiosk
        settings.batchSize = 5
        let outcome = await delivery(outbox, settings).syncOnce()
        #expect(outcome == .init(delivered: 13, quarantined: 0, failed: 0, error: nil))
        #expect(try outbox.counts() == .init(pending: 0, quarantined: 0, delivered: 13))
        #expect(try await lab.ids() == (try outbox.entries()).map(\.item.id))
        let row = try await lab.withAdmin { connection in
            var found: (String, String?, String, String, Int)?
            for try await r in try await connection.query("""
                SELECT kiosk, place, kind, answers::text, schema_version FROM feedback WHERE kind = 'lieu_manquant'
                """, logger: TestLab.logger).decode((String, String?, String, String, Int).self) { found = r }
            return found
        }
        #expect(row?.0 == "test-kiosk" && row?.1 == nil && row?.3.contains("\"Espace numérique\"") == true && row?.4 == 1)
        // Nothing left: a second sync does nothing.
        #expect(await delivery(outbox, settings).syncOnce() == .init())
    }

    /// Usage events go after the answers, on the same connection, exactly once; one the lab
    /// refuses is set aside without holding the others back.
    @Test func usageEventsAreDeliveredOnceAndARefusedOneIsSetAside() async throws {
        let lab = try await TestLab.make()
        let outbox = try outbox(2)
        for step in 0..<4 { try outbox.enqueueUsage(UsageQueueTests.record(step)) }
        // Not a kind the lab accepts (its CHECK constraint): refused for its content.
        try outbox.enqueueUsage(UsageRecord(at: Date(), kioskID: "test-kiosk", appVersion: "test",
                                            event: UsageEvent(kind: .panel, visit: UUID(), step: 9)))
        let bad = try #require(try outbox.dueUsage(limit: 10, now: Date()).last)
        try await lab.withAdmin { connection in
            try await connection.query("ALTER TABLE usage_event ADD CONSTRAINT no_step_9 CHECK (step <> 9)", logger: TestLab.logger)
        }
        let outcome = await delivery(outbox, lab.kiosk).syncOnce()
        #expect(outcome.delivered == 2 && outcome.usageDelivered == 4 && outcome.error == nil, "\(outcome)")
        #expect(try outbox.usageCounts() == (pending: 0, quarantined: 1))
        #expect(await delivery(outbox, lab.kiosk).syncOnce() == .init())
        let rows = try await lab.withAdmin { connection in
            var count = 0
            for try await (n,) in try await connection.query("SELECT count(DISTINCT id)::int8 FROM usage_event WHERE id <> \(bad.id)",
                                                             logger: TestLab.logger).decode((Int,).self) { count = n }
            return count
        }
        #expect(rows == 4)
    }

    @Test func labDownThenBackLosesAndDoublesNothing() async throws {
        let lab = try await TestLab.make()
        let outbox = try outbox(30)
        var unreachable = lab.kiosk
        unreachable.port = 1  // nothing listens there
        let now = Date()
        let down = await delivery(outbox, unreachable).syncOnce(now: { now })
        #expect(down.delivered == 0 && down.failed == 30 && down.error?.contains("cannot connect") == true)
        #expect(try outbox.counts().pending == 30)
        #expect(try outbox.entries().allSatisfy { $0.attempts == 1 && $0.nextAttemptAt > now })
        #expect(try outbox.syncState().lastError?.contains("cannot connect") == true)
        // Not due yet: nothing is tried.
        #expect(await delivery(outbox, lab.kiosk).syncOnce(now: { now }) == .init())
        // Back, later: all delivered once.
        let later = now.addingTimeInterval(3600)
        let back = await delivery(outbox, lab.kiosk).syncOnce(now: { later })
        #expect(back.delivered == 30 && back.error == nil)
        #expect(try await lab.rowCount() == 30)
        #expect(try outbox.syncState().lastError == nil)
    }

    @Test func resendAfterACrashBetweenCommitAndMarkKeepsOneRow() async throws {
        let lab = try await TestLab.make()
        let outbox = try outbox(8)
        struct Crash: Error {}
        // The lab commits, then "the power goes": the marking never happens.
        let crashed = FeedbackDelivery(outbox: outbox, connector: LabConnector(settings: lab.kiosk, logger: TestLab.logger),
                                       random: { 0.5 }, afterLabCommit: nil)
        let pending = try outbox.dueBatch(limit: 100, now: Date())
        let connection = try await LabConnector(settings: lab.kiosk, logger: TestLab.logger).connect()
        try await crashed.insert(pending, on: connection)
        try await connection.close()
        #expect(try outbox.counts().pending == 8)
        #expect(try await lab.rowCount() == 8)
        // Next start re-sends everything: still one row each.
        let outcome = await delivery(outbox, lab.kiosk).syncOnce()
        #expect(outcome.delivered == 8)
        #expect(try await lab.rowCount() == 8)
        #expect(try outbox.counts().delivered == 8)
    }

    @Test func poisonItemIsQuarantinedWhileTheRestFlow() async throws {
        let lab = try await TestLab.make()
        let outbox = try Outbox(path: OutboxTests.temporaryPath())
        for n in 0..<10 {
            let item = try OutboxTests.item(n)
            // Item 4's payload is not JSON (a bug in an old version, a disk error): the lab refuses it.
            try outbox.enqueue(item, payloadJSON: n == 4 ? "{\"answers\": {\"satisfaction\": " : nil)
        }
        let outcome = await delivery(outbox, lab.kiosk).syncOnce()
        #expect(outcome.delivered == 9 && outcome.quarantined == 1 && outcome.error == nil)
        let quarantined = try outbox.entries(.quarantined)
        #expect(quarantined.count == 1 && quarantined[0].lastError?.contains("json") == true)
        #expect(try await lab.rowCount() == 9)
        // Items queued after it still flow.
        try outbox.enqueue(try OutboxTests.item(20))
        #expect(await delivery(outbox, lab.kiosk).syncOnce().delivered == 1)
        #expect(try outbox.counts() == .init(pending: 0, quarantined: 1, delivered: 10))
    }

    @Test func tenThousandAnswersExactCount() async throws {
        let lab = try await TestLab.make()
        let outbox = try Outbox(path: OutboxTests.temporaryPath())
        let items = try (0..<10_000).map { try OutboxTests.item($0) }
        for item in items { try outbox.enqueue(item) }
        let outcome = await delivery(outbox, lab.kiosk).syncOnce()
        #expect(outcome.delivered == 10_000 && outcome.error == nil)
        #expect(try await lab.rowCount() == 10_000)
        #expect(Set(try await lab.ids()) == Set(items.map(\.id)))
    }

    @Test func kioskRoleCanOnlyInsert() async throws {
        let lab = try await TestLab.make()
        let outbox = try outbox(1)
        #expect(await delivery(outbox, lab.kiosk).syncOnce().delivered == 1)
        let connection = try await LabConnector(settings: lab.kiosk, logger: TestLab.logger).connect()
        for sql in ["SELECT * FROM feedback", "SELECT count(*) FROM feedback", "UPDATE feedback SET comment = 'x'",
                    "DELETE FROM feedback", "TRUNCATE feedback", "DROP TABLE feedback", "ALTER TABLE feedback ADD COLUMN x int",
                    "SELECT * FROM lab_migrations", "CREATE TABLE t (a int)"] {
            do {
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestLab.logger)
                Issue.record("the kiosk role could run: \(sql)")
            } catch {
                let state = (error as? PSQLError)?.serverInfo?[.sqlState]
                #expect(state == "42501", "\(sql): \(LabConnector.describe(error))")
            }
        }
        try await connection.close()
        #expect(try await lab.rowCount() == 1)
    }

    @Test func migrationsAreIdempotent() async throws {
        let lab = try await TestLab.make()
        let again = try await lab.withAdmin { connection in
            try await LabMigrator(directory: TestLab.migrationsFolder()).migrate(connection, logger: TestLab.logger)
        }
        #expect(again.isEmpty)
    }

    @Test func reportCountsPerPlaceAndQuestion() async throws {
        let lab = try await TestLab.make()
        let outbox = try outbox(10)
        #expect(await delivery(outbox, lab.kiosk).syncOnce().delivered == 10)
        let report = try await lab.withAdmin { try await LabReport.fetch(.all, on: $0, logger: TestLab.logger) }
        #expect(report.total == 10 && report.kiosks == 1 && report.missingPlaces == 0)
        #expect(report.places.reduce(0) { $0 + $1.answers } == 10 && report.places.count == 7)
        #expect(report.questions.first { $0.question == "satisfaction" }?.values == ["1": 2, "2": 2, "3": 2, "4": 2, "5": 2])
        #expect(report.questions.first { $0.question == "entree_plain_pied" }?.values == ["oui": 10])
        let today = try await lab.withAdmin { try await LabReport.fetch(.today, on: $0, logger: TestLab.logger) }
        #expect(today.total == 10)
        #expect(report.text(placeName: { _ in nil }).contains("satisfaction"))
    }
}

/// TLS as the configuration names it, against the test server's self-signed certificate.
@Suite(.serialized) struct LabTLSTests {
    @Test func requireEncryptsVerifyFullChecksTheCertificate() async throws {
        let lab = try await TestLab.make()
        var settings = lab.kiosk
        settings.tls = .require
        let connection = try await LabConnector(settings: settings, logger: TestLab.logger).connect()
        var encrypted = false
        for try await (ssl,) in try await connection.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                                                           logger: TestLab.logger).decode((Bool,).self) { encrypted = ssl }
        try await connection.close()
        #expect(encrypted)

        let outbox = try Outbox(path: OutboxTests.temporaryPath())
        try outbox.enqueue(try OutboxTests.item(1))
        let delivered = await FeedbackDelivery(outbox: outbox, connector: LabConnector(settings: settings, logger: TestLab.logger)).syncOnce()
        #expect(delivered.delivered == 1)

        // A self-signed certificate is not trusted: verify-full refuses, and the answer waits.
        settings.tls = .verifyFull
        try outbox.enqueue(try OutboxTests.item(2))
        let refused = await FeedbackDelivery(outbox: outbox, connector: LabConnector(settings: settings, logger: TestLab.logger),
                                             random: { 0.5 }).syncOnce()
        #expect(refused.delivered == 0 && refused.failed == 1)
        #expect(refused.error?.localizedLowercase.contains("certificate") == true || refused.error?.localizedLowercase.contains("ssl") == true,
                "\(refused.error ?? "")")
        #expect(try outbox.counts() == .init(pending: 1, quarantined: 0, delivered: 1))
    }
}
