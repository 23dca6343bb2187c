import Foundation

/// Where the lab's PostgreSQL is and how to reach it: from the configuration's `[lab]` section or
/// a `postgres://user:password@host:port/database?sslmode=…` URL.
public struct LabSettings: Sendable, Equatable {
    /// TLS as libpq names it: `disable`, `require` (encrypted, certificate not checked) or
    /// `verify-full` (encrypted, certificate and host name checked against the system's CAs).
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable
        case require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var password: String?
    public var tls: TLSMode
    /// Items per transaction.
    public var batchSize: Int
    public var retry: RetryPolicy
    /// The longest a kiosk stays silent: a heartbeat at least this often, and the published data
    /// looked at as often. The fleet calls a kiosk stale after three intervals without one.
    public var heartbeatInterval: TimeInterval

    public init(host: String, port: Int = 5432, database: String, user: String, password: String?,
                tls: TLSMode = .disable, batchSize: Int = 500, retry: RetryPolicy = RetryPolicy(),
                heartbeatInterval: TimeInterval = 300) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.tls = tls
        self.batchSize = batchSize
        self.retry = retry
        self.heartbeatInterval = heartbeatInterval
    }

    /// Reads `postgres://user:password@host:port/database?sslmode=disable|require|verify-full`.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty else {
            throw FeedbackError.lab("lab URL \"\(Self.redacted(text))\": expected postgres://user:password@host:port/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !database.isEmpty else { throw FeedbackError.lab("lab URL \"\(Self.redacted(text))\": no database name after the host") }
        guard let user = components.user, !user.isEmpty else {
            throw FeedbackError.lab("lab URL \"\(Self.redacted(text))\": no user name (postgres://USER@host/database)")
        }
        var tls = TLSMode.disable
        if let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value {
            guard let parsed = TLSMode(rawValue: mode) else {
                throw FeedbackError.lab("lab URL: sslmode \"\(mode)\": expected one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            tls = parsed
        }
        self.init(host: host, port: components.port ?? 5432, database: database, user: user,
                  password: components.password?.removingPercentEncoding, tls: tls)
    }

    /// The URL with its password hidden, for messages and logs.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    /// `user@host:port/database`, for messages.
    public var displayName: String { "\(user)@\(host):\(port)/\(database)" }
}

/// Exponential backoff with jitter between delivery attempts: the n-th failure waits a random time
/// between half and all of `minimum·2ⁿ⁻¹`, capped at `maximum`, so that many kiosks coming back
/// after a lab outage do not all knock at once.
public struct RetryPolicy: Sendable, Equatable {
    public var minimum: TimeInterval
    public var maximum: TimeInterval

    public init(minimum: TimeInterval = 5, maximum: TimeInterval = 900) {
        self.minimum = minimum
        self.maximum = max(minimum, maximum)
    }

    /// The wait after `attempts` failures; `unit` is a random number in 0..<1 (a test passes its own).
    public func delay(afterAttempts attempts: Int, unit: Double) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        let ceiling = min(maximum, minimum * pow(2, exponent))
        return max(minimum / 2, ceiling * (0.5 + 0.5 * unit))
    }
}
