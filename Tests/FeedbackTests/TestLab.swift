import Foundation
import Logging
import PostgresNIO
@testable import Feedback

/// A fresh lab database per test on the throwaway PostgreSQL that `scripts/test.sh` starts
/// (`INCLUSION_MAP_TEST_PG_URL`, a superuser URL on loopback): migrated, with an insert-only kiosk
/// login.
struct TestLab {
    static let logger = Logger(label: "test-lab")

    let admin: LabSettings
    let kiosk: LabSettings
    let name: String

    static var serverURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["INCLUSION_MAP_TEST_PG_URL"] else {
                throw FeedbackError.lab("INCLUSION_MAP_TEST_PG_URL is not set: run ./scripts/test.sh, which starts a throwaway PostgreSQL")
            }
            return url
        }
    }

    static func migrationsFolder() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../lab/migrations").standardizedFileURL
    }

    static func make() async throws -> TestLab {
        let server = try LabSettings(url: try serverURL)
        let name = "lab_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let connection = try await LabConnector(settings: server, logger: logger).connect()
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        try await connection.close()

        var admin = server
        admin.database = name
        let labConnection = try await LabConnector(settings: admin, logger: logger).connect()
        _ = try await LabMigrator(directory: migrationsFolder()).migrate(labConnection, logger: logger)
        let role = "kiosk_" + name.dropFirst(4)
        try await labConnection.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN PASSWORD 'kiosk-secret' IN ROLE inclusion_kiosk"),
                                      logger: logger)
        try await labConnection.close()
        var kiosk = admin
        kiosk.user = role
        kiosk.password = "kiosk-secret"
        return TestLab(admin: admin, kiosk: kiosk, name: name)
    }

    /// Runs `body` on an admin connection.
    func withAdmin<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await LabConnector(settings: admin, logger: Self.logger).connect()
        do {
            let value = try await body(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    func rowCount() async throws -> Int {
        try await withAdmin { connection in
            var count = 0
            for try await (n,) in try await connection.query("SELECT count(*)::int8 FROM feedback", logger: Self.logger).decode((Int,).self) {
                count = n
            }
            return count
        }
    }

    func ids() async throws -> [UUID] {
        try await withAdmin { connection in
            var ids: [UUID] = []
            for try await (id,) in try await connection.query("SELECT id FROM feedback ORDER BY created_at", logger: Self.logger).decode((UUID,).self) {
                ids.append(id)
            }
            return ids
        }
    }
}
