import ArgumentParser
import Feedback
import Foundation

/// `inclusion-map status`: the feedback queue at a glance (what staff and monitoring ask).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The feedback queue: pending, quarantined, delivered, last sync and its error.")

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "{pending, quarantined, delivered, last_sync_at, last_error}")
    var json = false

    struct Status: Encodable {
        var pending: Int
        var quarantined: Int
        var delivered: Int
        @NullWhenAbsent var last_sync_at: String?
        @NullWhenAbsent var last_error: String?
    }

    func run() throws {
        let (configuration, stateDirectory) = try common.configurationAndState()
        let outbox = try KioskData.outbox(configuration: configuration, stateDirectory: stateDirectory)
        let counts = try outbox.counts()
        let sync = try outbox.syncState()
        let status = Status(pending: counts.pending, quarantined: counts.quarantined, delivered: counts.delivered,
                            last_sync_at: sync.lastSyncAt.map { ISO8601DateFormatter().string(from: $0) }, last_error: sync.lastError)
        if json { return try CLIJSON.print(status) }
        print("pending \(status.pending), quarantined \(status.quarantined), delivered \(status.delivered)")
        print("last sync: \(status.last_sync_at ?? "never")\(status.last_error.map { "; last error: \($0)" } ?? "")")
    }
}
