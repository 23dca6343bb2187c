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
        _ = try await connection.simpleQuery("""
            CREATE TABLE IF NOT EXISTS lab_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
            """).get()
        var applied: [String] = []
        for migration in migrations {
            // Taking a lock makes two concurrent `lab migrate` runs take turns.
            _ = try await connection.simpleQuery("BEGIN; LOCK TABLE lab_migrations IN EXCLUSIVE MODE").get()
            do {
                let done = try await connection.query("SELECT 1 FROM lab_migrations WHERE version = \(migration.version)", logger: logger)
                    .collect().count > 0
                if done {
                    _ = try await connection.simpleQuery("COMMIT").get()
                    continue
                }
                _ = try await connection.simpleQuery(migration.sql).get()
                try await connection.query("INSERT INTO lab_migrations (version) VALUES (\(migration.version))", logger: logger)
                _ = try await connection.simpleQuery("COMMIT").get()
                applied.append(migration.version)
            } catch {
                _ = try? await connection.simpleQuery("ROLLBACK").get()
                throw FeedbackError.lab("lab migration \(migration.version) failed: \(LabConnector.describe(error))")
            }
        }
        return applied
    }
}
