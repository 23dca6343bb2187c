import Foundation
import Logging
import PostgresNIO

/// The fleet as the lab sees it (`inclusion-map lab kiosks`): each kiosk's latest heartbeat, and
/// whether it is stale (not heard from for three of its own heartbeat intervals).
public struct FleetReport: Sendable, Equatable, Codable {
    public struct Kiosk: Sendable, Equatable, Codable {
        public var kiosk: String
        public var last_seen: Date
        public var app_version: String
        public var data_version: Int?
        public var places: Int
        public var pending: Int
        public var quarantined: Int
        public var uptime_s: Int
        public var last_error: String?
        public var stale: Bool

        /// Every field present, `null` when there is no value (what scripts reading the fleet expect).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kiosk, forKey: .kiosk)
            try container.encode(last_seen, forKey: .last_seen)
            try container.encode(app_version, forKey: .app_version)
            try container.encode(data_version, forKey: .data_version)
            try container.encode(places, forKey: .places)
            try container.encode(pending, forKey: .pending)
            try container.encode(quarantined, forKey: .quarantined)
            try container.encode(uptime_s, forKey: .uptime_s)
            try container.encode(last_error, forKey: .last_error)
            try container.encode(stale, forKey: .stale)
        }
    }

    public var kiosks: [Kiosk]

    /// Intervals without a heartbeat after which a kiosk is called stale.
    public static let staleAfterIntervals = 3

    /// Read with a role that may read heartbeats (the lab's owner or reader, not a kiosk).
    public static func fetch(on connection: PostgresConnection, logger: Logger) async throws -> FleetReport {
        let rows = try await connection.query("""
            SELECT DISTINCT ON (kiosk) kiosk, received_at, app_version, data_version, places, pending, quarantined, uptime_s, last_error,
                   received_at < now() - make_interval(secs => interval_s * \(staleAfterIntervals)) AS stale
            FROM heartbeat ORDER BY kiosk, received_at DESC
            """, logger: logger)
        var kiosks: [Kiosk] = []
        for try await (kiosk, seen, app, data, places, pending, quarantined, uptime, error, stale) in rows.decode(
            (String, Date, String, Int?, Int, Int, Int, Int64, String?, Bool).self) {
            kiosks.append(Kiosk(kiosk: kiosk, last_seen: seen, app_version: app, data_version: data, places: places, pending: pending,
                                quarantined: quarantined, uptime_s: Int(uptime), last_error: error, stale: stale))
        }
        return FleetReport(kiosks: kiosks)
    }

    /// One line per kiosk, stale ones marked.
    public func text(now: Date = Date()) -> String {
        guard !kiosks.isEmpty else { return "no kiosk has sent a heartbeat yet\n" }
        var out = ""
        for k in kiosks {
            let ago = Int(now.timeIntervalSince(k.last_seen))
            let seen = ago < 120 ? "\(ago) s ago" : ago < 7200 ? "\(ago / 60) min ago" : "\(ago / 3600) h ago"
            out += "\(k.stale ? "STALE " : "")\(k.kiosk): seen \(seen), app \(k.app_version), data \(k.data_version.map { "v\($0)" } ?? "local"), "
                + "\(k.places) places, \(k.pending) pending, \(k.quarantined) quarantined"
            if let error = k.last_error { out += "; last error: \(error)" }
            out += "\n"
        }
        return out
    }
}
