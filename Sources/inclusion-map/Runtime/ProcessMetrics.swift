import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Clocks and resource figures of this process, for stats and benchmarks.
enum ProcessMetrics {
    /// Seconds on the monotonic clock (never jumps with the wall clock).
    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Processor seconds this process has used so far, all threads, user and system.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Peak resident set size so far, in MiB.
    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Current resident set size in MiB (from /proc/self/statm).
    static func currentRSSMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// Milliseconds since the kernel started this process (from /proc, 10 ms resolution), so that
    /// "first frame" includes loading the binary and its libraries.
    static func millisecondsSinceProcessStart() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Field 22 of the whole line is starttime; fields after ")" start at field 3.
        guard fields.count > 19, let startTicks = Double(fields[19]) else { return 0 }
        var ts = timespec()
        clock_gettime(CLOCK_BOOTTIME, &ts)
        let uptime = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        return max(0, (uptime - startTicks / ticksPerSecond) * 1000)
    }

    static func openFileDescriptorCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }
}
