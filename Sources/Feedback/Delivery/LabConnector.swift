import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// Opens connections to the lab's PostgreSQL with the configured TLS mode.
public struct LabConnector: Sendable {
    public var settings: LabSettings
    public var logger: Logger

    public init(settings: LabSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// The TLS context for a mode (nil: no TLS): `require` encrypts without checking the
    /// certificate, `verify-full` checks it and the host name against the system's authorities.
    public static func tlsConfiguration(for mode: LabSettings.TLSMode) -> TLSConfiguration? {
        switch mode {
        case .disable:
            return nil
        case .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            return configuration
        case .verifyFull:
            return TLSConfiguration.makeClientConfiguration()
        }
    }

    static func tlsContext(for mode: LabSettings.TLSMode) throws -> NIOSSLContext? {
        try tlsConfiguration(for: mode).map { try NIOSSLContext(configuration: $0) }
    }

    public func connect() async throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS = try Self.tlsContext(for: settings.tls).map { .require($0) } ?? .disable
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw FeedbackError.lab("cannot connect to the lab database \(settings.displayName): \(Self.describe(error))")
        }
    }

    /// PostgresNIO's errors hide the server's message behind a generic description; this brings it out.
    public static func describe(_ error: any Error) -> String {
        let error = unwrap(error)
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if let underlying = error.underlying {
                let text = "\(underlying)"
                if text.contains("CERTIFICATE_VERIFY_FAILED") {
                    return "the lab's TLS certificate is not trusted by this machine (tls = verify-full): install its authority's certificate, or use tls = require (\(text))"
                }
                if text.contains("sslUnsupported") || text.contains("SSL") && text.contains("refused") {
                    return "the lab database does not accept TLS (\(text))"
                }
                return "\(error.code): \(text)"
            }
            return "\(error.code)"
        }
        if let error = error as? FeedbackError { return error.description }
        // PostgresNIO hides which column did not decode behind a generic text.
        if error is PostgresDecodingError { return String(reflecting: error) }
        return "\(error)"
    }

    /// The error inside a failed transaction (the statement's, else BEGIN's or COMMIT's).
    static func unwrap(_ error: any Error) -> any Error {
        guard let transaction = error as? PostgresTransactionError else { return error }
        return transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? error
    }

    /// Whether the server refused the data itself (SQLSTATE class 22 data exception or 23 integrity
    /// constraint violation), as opposed to the lab being unreachable, overloaded or misconfigured.
    public static func isContentRefusal(_ error: any Error) -> Bool {
        guard let error = unwrap(error) as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("22") || state.hasPrefix("23")
    }
}
