import Logging

/// The time of each loading stage, for `prepare`'s table and the debug log (with the memory the
/// stage left in use and the peak so far).
final class StageClock {
    private(set) var timings: [(stage: String, milliseconds: Double)] = []
    private let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func timed<T>(_ stage: String, _ work: () throws -> T) rethrows -> T {
        let start = ProcessMetrics.monotonicSeconds()
        let result = try work()
        record(stage, milliseconds: (ProcessMetrics.monotonicSeconds() - start) * 1000)
        return result
    }

    /// Every stage's time on a `loaded` line, as `scripts/bench-start.sh` reads them.
    func logTimings() {
        for (stage, milliseconds) in timings {
            logger.debug("loaded", metadata: ["stage": "\(stage)", "ms": "\(String(format: "%.1f", milliseconds))"])
        }
    }

    /// A stage timed elsewhere (a place load on another thread, the passes over an extract).
    func record(_ stage: String, milliseconds: Double) {
        timings.append((stage, milliseconds))
        logger.debug("stage done", metadata: ["stage": "\(stage)",
                                              "ms_since_start": "\(Int(ProcessMetrics.millisecondsSinceProcessStart()))", "rss_mb": "\(Int(ProcessMetrics.currentRSSMegabytes()))",
                                              "peak_rss_mb": "\(Int(ProcessMetrics.peakRSSMegabytes()))"])
    }
}
