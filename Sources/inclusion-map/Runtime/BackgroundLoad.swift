import Foundation

/// Work done on a thread of its own, its result waited for later: start-up loads the places on
/// the second core while the main thread loads the basemap. Work no first frame needs (the
/// coverage view's communes) is made `deferred`: its thread starts when `start` or `wait` is first
/// called, so that it does not take a core from the first frame.
final class BackgroundLoad<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let work: @Sendable () throws -> Value
    private let lock = NSLock()
    // Guarded by `lock`:
    private var started = false
    // Written once by the thread before `done` is signalled, read after waiting for it.
    private var result: Result<Value, any Error>?
    /// Whether `wait` has seen the work end (guarded by `lock`).
    private var ended = false

    init(deferred: Bool = false, _ work: @escaping @Sendable () throws -> Value) {
        self.work = work
        if !deferred { start() }
    }

    /// Starts the work on its thread, once.
    func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !started else { return }
        started = true
        Thread { [self] in
            result = Result { try work() }
            done.signal()
        }.start()
    }

    /// The value, or the error the work threw. Starts the work if it was not, and waits for it
    /// the first time.
    func wait() throws -> Value {
        start()
        lock.lock()
        defer { lock.unlock() }
        if !ended {
            done.wait()
            ended = true
        }
        return try result!.get()
    }
}
