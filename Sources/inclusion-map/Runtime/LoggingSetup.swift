import Foundation
import Logging

/// swift-log on standard error, with syslog priority prefixes (`<3>`…) when journald reads the
/// stream (`JOURNAL_STREAM` set), so that the journal keeps each message's level.
enum LoggingSetup {
    nonisolated(unsafe) private static var done = false
    private static let lock = NSLock()

    static func bootstrapOnce() {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        let journald = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil
        LoggingSystem.bootstrap { label in
            JournalFriendlyHandler(label: label, journald: journald)
        }
    }
}

struct JournalFriendlyHandler: LogHandler {
    let label: String
    let journald: Bool
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line: String
        if journald {
            line = "<\(Self.priority(event.level))>\(event.message)\(details)\n"
        } else {
            line = "\(event.level) [\(label)] \(event.message)\(details)\n"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }
}
