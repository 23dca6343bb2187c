import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The sd_notify protocol, spoken directly: datagrams to the unix socket named by `NOTIFY_SOCKET`
/// (a path, or an abstract name written with a leading "@"). Without that variable (not under
/// systemd) every call does nothing.
final class SystemdNotifier {
    private let socketAddress: [UInt8]?
    private let isAbstract: Bool
    /// Half of `WATCHDOG_USEC`, when the watchdog is on for this process.
    let watchdogInterval: Double?
    private var lastWatchdog = 0.0

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let path = environment["NOTIFY_SOCKET"], !path.isEmpty {
            isAbstract = path.hasPrefix("@")
            socketAddress = Array((isAbstract ? String(path.dropFirst()) : path).utf8)
        } else {
            socketAddress = nil
            isAbstract = false
        }
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if forUs, let usec = environment["WATCHDOG_USEC"].flatMap(Double.init), usec > 0 {
            watchdogInterval = usec / 1_000_000 / 2
        } else {
            watchdogInterval = nil
        }
    }

    var isActive: Bool { socketAddress != nil }

    func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    func status(_ text: String) { send("STATUS=\(text)") }
    func reloading() { send("RELOADING=1") }
    func reloaded(status: String) { send("READY=1\nSTATUS=\(status)") }
    func stopping() { send("STOPPING=1") }

    private var lastExtension = -Double.infinity

    /// While a first start prepares a region's extract (minutes), asks systemd for more time
    /// than `TimeoutStartSec` and says how far it is, at most once a second.
    func preparing(_ stage: String, _ fraction: Double, now: Double = ProcessMetrics.monotonicSeconds()) {
        guard now - lastExtension >= 1 else { return }
        lastExtension = now
        send("EXTEND_TIMEOUT_USEC=\(Self.preparationGrace)\nSTATUS=Preparing the basemap: \(stage) \(Int(fraction * 100)) %")
    }

    /// Microseconds of start-up granted by each progress report.
    static let preparationGrace = 60_000_000

    /// Sends WATCHDOG=1 when half the watchdog period has passed since the last one.
    func watchdogIfDue(now: Double) {
        guard let interval = watchdogInterval, now - lastWatchdog >= interval * 0.9 else { return }
        lastWatchdog = now
        send("WATCHDOG=1")
    }

    /// One datagram, never blocking the render loop (a full socket drops it); failures are
    /// ignored (systemd may be gone while we stop).
    @discardableResult
    func send(_ message: String) -> Bool {
        guard let name = socketAddress else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count + (isAbstract ? 1 : 0) < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            // Abstract names start with a NUL byte, then the name, and are not NUL-terminated.
            let offset = isAbstract ? 1 : 0
            for (i, b) in name.enumerated() { raw[offset + i] = b }
        }
        // Path: the name and its terminating NUL. Abstract: the leading NUL and the name.
        let length = socklen_t(MemoryLayout<sa_family_t>.size + 1 + name.count)
        let bytes = Array(message.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                sendto(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), sa, length)
            }
        }
        return sent == bytes.count
    }
}
