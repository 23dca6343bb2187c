import Foundation
import Logging
import PostgresNIO

/// Applies the lab database's versioned SQL migrations (`lab/migrations/NNNN_name.sql`), each in
/// its own transaction, recording them in `lab_migrations`; running it again applies only what is
/// new.
public struct LabMigrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public var version: String
        public var sql: String
    }

    public var migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Reads `*.sql` from `directory`, ordered by name.
    public init(directory: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        } catch {
            throw FeedbackError.lab("lab migrations: cannot read \(directory.path) (\(error.localizedDescription))")
        }
        guard !names.isEmpty else { throw FeedbackError.lab("lab migrations: no .sql file in \(directory.path)") }
        self.init(migrations: try names.map { name in
            Migration(version: String(name.dropLast(4)),
                      sql: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        })
    }

    /// Applies what is missing; returns the versions applied now.
    public func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS lab_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
        var applied: [String] = []
        for migration in migrations {
            // Taking a lock makes two concurrent `lab migrate` runs take turns.
            try await connection.query("BEGIN", logger: logger)
            try await connection.query("LOCK TABLE lab_migrations IN EXCLUSIVE MODE", logger: logger)
            do {
                let done = try await connection.query("SELECT 1 FROM lab_migrations WHERE version = \(migration.version)", logger: logger)
                    .collect().count > 0
                if done {
                    try await connection.query("COMMIT", logger: logger)
                    continue
                }
                for statement in SQLScript.statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO lab_migrations (version) VALUES (\(migration.version))", logger: logger)
                try await connection.query("COMMIT", logger: logger)
                applied.append(migration.version)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw FeedbackError.lab("lab migration \(migration.version) failed: \(LabConnector.describe(error))")
            }
        }
        return applied
    }
}
