import Crypto
import Foundation
import Logging
import PostgresNIO

/// Place data published once in the lab for every kiosk (`inclusion-map lab publish`): each
/// version is the files as given, their hash, and what the check of them counted.
public enum PublishedDatasets {
    /// One file of a dataset, as published.
    public struct File: Sendable, Equatable {
        public enum Role: String, Sendable { case places, townHalls = "town_halls" }
        public var name: String
        public var role: Role
        public var content: Data

        public init(name: String, role: Role, content: Data) {
            self.name = name
            self.role = role
            self.content = content
        }
    }

    /// A version, as `lab datasets` lists it.
    public struct Version: Sendable, Equatable, Codable {
        public var version: Int
        public var published_at: Date
        public var sha256: String
        public var rows: Int
        public var places: Int
        public var note: String?
        public var files: [String]
        /// Kiosks whose latest heartbeat says they run this version.
        public var kiosks: Int

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encode(published_at, forKey: .published_at)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(rows, forKey: .rows)
            try container.encode(places, forKey: .places)
            try container.encode(note, forKey: .note)
            try container.encode(files, forKey: .files)
            try container.encode(kiosks, forKey: .kiosks)
        }
    }

    /// The hash of a dataset: of every file's role, name and content, in order.
    public static func sha256(_ files: [File]) -> String {
        var hasher = SHA256()
        for file in files {
            hasher.update(data: Data("\(file.role.rawValue)\u{0}\(file.name)\u{0}\(file.content.count)\u{0}".utf8))
            hasher.update(data: file.content)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Stores `files` as a new version in one transaction and returns it; the same content
    /// published again returns the version it already is (`isNew` false).
    public static func publish(_ files: [File], rows: Int, places: Int, note: String?,
                               on connection: PostgresConnection, logger: Logger) async throws -> (version: Int, isNew: Bool) {
        let hash = sha256(files)
        return try await connection.withTransaction(logger: logger) { connection in
            // Two publishers at once take turns (the hash is unique either way).
            try await connection.query("LOCK TABLE dataset IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            for try await (version,) in try await connection.query("SELECT version FROM dataset WHERE sha256 = \(hash)", logger: logger)
                .decode((Int,).self) {
                return (version, false)
            }
            var version = 0
            for try await (v,) in try await connection.query("""
                INSERT INTO dataset (sha256, rows, places, note) VALUES (\(hash), \(rows), \(places), \(note)) RETURNING version
                """, logger: logger).decode((Int,).self) {
                version = v
            }
            for (position, file) in files.enumerated() {
                try await connection.query("""
                    INSERT INTO dataset_file (version, position, name, role, content)
                    VALUES (\(version), \(position), \(file.name), \(file.role.rawValue), \(ByteBuffer(data: file.content)))
                    """, logger: logger)
            }
            return (version, true)
        }
    }

    /// The newest published version, nil when none (a kiosk may read this).
    public static func newestVersion(on connection: PostgresConnection, logger: Logger) async throws -> Int? {
        for try await (version,) in try await connection.query("SELECT max(version) FROM dataset", logger: logger).decode((Int?,).self) {
            return version
        }
        return nil
    }

    /// A version's files in their published order, and its hash checked against them.
    public static func download(version: Int, on connection: PostgresConnection, logger: Logger) async throws -> [File] {
        var expected: String?
        for try await (hash,) in try await connection.query("SELECT sha256 FROM dataset WHERE version = \(version)", logger: logger)
            .decode((String,).self) {
            expected = hash
        }
        guard let expected else { throw FeedbackError.lab("dataset version \(version) is not in the lab") }
        var files: [File] = []
        for try await (name, role, content) in try await connection.query("""
            SELECT name, role, content FROM dataset_file WHERE version = \(version) ORDER BY position
            """, logger: logger).decode((String, String, ByteBuffer).self) {
            files.append(File(name: name, role: File.Role(rawValue: role) ?? .places, content: Data(buffer: content)))
        }
        guard sha256(files) == expected else {
            throw FeedbackError.lab("dataset version \(version) does not match its hash (\(files.count) files received)")
        }
        return files
    }

    /// Every version, newest first, with how many kiosks run it (read with the lab's owner or reader).
    public static func list(on connection: PostgresConnection, logger: Logger) async throws -> [Version] {
        let rows = try await connection.query("""
            WITH latest AS (SELECT DISTINCT ON (kiosk) kiosk, data_version FROM heartbeat ORDER BY kiosk, received_at DESC)
            SELECT d.version, d.published_at, d.sha256, d.rows, d.places, d.note,
                   (SELECT string_agg(f.name, E'\\n' ORDER BY f.position) FROM dataset_file f WHERE f.version = d.version),
                   (SELECT count(*) FROM latest l WHERE l.data_version = d.version)
            FROM dataset d ORDER BY d.version DESC
            """, logger: logger)
        var versions: [Version] = []
        for try await (version, published, hash, rowCount, places, note, files, kiosks) in rows.decode(
            (Int, Date, String, Int, Int, String?, String?, Int64).self) {
            versions.append(Version(version: version, published_at: published, sha256: hash, rows: rowCount, places: places, note: note,
                                    files: files?.components(separatedBy: "\n") ?? [], kiosks: Int(kiosks)))
        }
        return versions
    }
}
