import Foundation
import Logging
import PostgresNIO

/// What a kiosk says of itself to the lab: alive, what it runs, how its queue stands, what went
/// wrong last. Sent at every delivery round and at least every heartbeat interval; not queued
/// (a heartbeat that cannot reach the lab is old news by the next one).
public struct KioskHeartbeat: Sendable, Equatable {
    public var kiosk: String
    public var sentAt: Date
    public var appVersion: String
    public var dataVersion: Int?
    public var places: Int
    public var pending: Int
    public var quarantined: Int
    public var uptimeSeconds: Int
    public var intervalSeconds: Int
    public var lastError: String?

    public init(kiosk: String, sentAt: Date, appVersion: String, dataVersion: Int?, places: Int, pending: Int,
                quarantined: Int, uptimeSeconds: Int, intervalSeconds: Int, lastError: String?) {
        self.kiosk = kiosk
        self.sentAt = sentAt
        self.appVersion = appVersion
        self.dataVersion = dataVersion
        self.places = places
        self.pending = pending
        self.quarantined = quarantined
        self.uptimeSeconds = uptimeSeconds
        self.intervalSeconds = intervalSeconds
        self.lastError = lastError
    }

    /// Inserts the heartbeat (the kiosk role may only insert).
    public func send(on connection: PostgresConnection, logger: Logger) async throws {
        let error = lastError.map { String($0.prefix(2000)) }
        try await connection.query("""
            INSERT INTO heartbeat (id, kiosk, sent_at, app_version, data_version, places, pending, quarantined, uptime_s, interval_s, last_error)
            VALUES (\(UUID()), \(kiosk), \(sentAt), \(appVersion), \(dataVersion), \(places), \(pending), \(quarantined),
                    \(Int64(uptimeSeconds)), \(max(1, intervalSeconds)), \(error))
            """, logger: logger)
    }
}
