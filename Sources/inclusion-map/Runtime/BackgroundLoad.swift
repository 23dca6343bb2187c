import Foundation

/// Work started on a thread of its own at once, its result waited for later: start-up loads the
/// places on the second core while the main thread loads the basemap.
final class BackgroundLoad<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the thread before `done` is signalled, read after waiting for it.
    private var result: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread { [self] in
            result = Result { try work() }
            done.signal()
        }.start()
    }

    /// Whether `wait` has seen the work end (the waiting thread's own record).
    private var ended = false

    /// The value, or the error the work threw. Waits for it the first time.
    func wait() throws -> Value {
        if !ended {
            done.wait()
            ended = true
        }
        return try result!.get()
    }
}
