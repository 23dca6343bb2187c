import Feedback
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The lab database as the dashboard reads it: a pool of connections (PostgresNIO's client, which
/// reconnects by itself), each query bounded in time so that a lost database shows "base du labo
/// injoignable" rather than a page that never comes.
final class LabDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger
    let timeout: Duration

    init(settings: LabSettings, logger: Logger, timeout: Duration = .seconds(5)) {
        var configuration = PostgresClient.Configuration(host: settings.host, port: settings.port, username: settings.user,
                                                         password: settings.password, database: settings.database, tls: .disable)
        if let tls = LabConnector.tlsConfiguration(for: settings.tls) { configuration.tls = .require(tls) }
        configuration.options.connectTimeout = .seconds(2)
        configuration.options.maximumConnections = 8
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.timeout = timeout
    }

    /// Runs `body` on a pooled connection, or throws ``Unreachable`` after the timeout.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await self.client.withConnection { try await body($0) } }
            group.addTask {
                try await Task.sleep(for: self.timeout)
                throw Unreachable(reason: "no answer within \(self.timeout)")
            }
            defer { group.cancelAll() }
            do {
                return try await group.next()!
            } catch let error as Unreachable {
                throw error
            } catch {
                throw Unreachable(reason: LabConnector.describe(error))
            }
        }
    }

    struct Unreachable: Error, CustomStringConvertible {
        var reason: String
        var description: String { "base du labo injoignable (\(reason))" }
    }
}

/// A page's data, computed at most once at a time and kept until the lab says something changed
/// (a NOTIFY) or a minute passed, and computed again at most every few seconds while answers keep
/// coming. A request then waits for the fresh value only briefly: if it is not there in time the
/// last value is served and the fresh one lands for the next request, so that a page never waits
/// long on a slow aggregate.
actor PageCache<Value: Sendable> {
    private var value: Value?
    private var computedAt = ContinuousClock.now
    private var stale = true
    private var refreshing: Task<Value, any Error>?
    /// Changes announced so far, and how many the computation under way has seen.
    private var changes = 0
    private var changesSeenByRefresh = 0
    private let maxAge: Duration
    private let minimumInterval: Duration
    private let patience: Duration
    private let compute: @Sendable () async throws -> Value

    init(maxAge: Duration = .seconds(60), minimumInterval: Duration = .seconds(3), patience: Duration = .milliseconds(30),
         compute: @escaping @Sendable () async throws -> Value) {
        self.maxAge = maxAge
        self.minimumInterval = minimumInterval
        self.patience = patience
        self.compute = compute
    }

    func get() async throws -> Value {
        let age = ContinuousClock.now - computedAt
        let old = (stale && age >= minimumInterval) || age > maxAge
        if let value, !old { return value }
        if refreshing == nil { changesSeenByRefresh = changes }
        let task = refreshing ?? Task { try await compute() }
        refreshing = task
        guard let value else { return try await finish(task) }
        // Whichever comes first: the fresh value, or the end of our patience (a task group would
        // wait for the computation however it was cancelled).
        let patience = self.patience
        let fresh: Value? = await withCheckedContinuation { continuation in
            let first = FirstAnswer(continuation)
            Task { first.give(try? await task.value) }
            Task {
                try? await Task.sleep(for: patience)
                first.give(nil)
            }
        }
        if let fresh {
            _ = try? await finish(task)
            return fresh
        }
        Task { _ = try? await self.finish(task) }
        return value
    }

    @discardableResult
    private func finish(_ task: Task<Value, any Error>) async throws -> Value {
        do {
            let fresh = try await task.value
            // The first to see it done keeps it (others waited on the same computation).
            if refreshing == task {
                refreshing = nil
                value = fresh
                computedAt = .now
                // A change announced while it was computed is not in it.
                stale = changes != changesSeenByRefresh
            }
            return fresh
        } catch {
            if refreshing == task { refreshing = nil }
            throw error
        }
    }

    /// Something changed in the lab: the next request starts a fresh computation.
    func invalidate() {
        stale = true
        changes += 1
    }
}

/// Resumes a continuation with the first value given; later ones are dropped.
private final class FirstAnswer<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value?, Never>?

    init(_ continuation: CheckedContinuation<Value?, Never>) { self.continuation = continuation }

    func give(_ value: Value?) {
        lock.lock()
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(returning: value)
    }
}
