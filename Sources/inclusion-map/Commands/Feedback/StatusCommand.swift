import ArgumentParser
import Feedback
import Foundation
import Places

/// `inclusion-map status`: the feedback queue at a glance (what staff and monitoring ask).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The feedback queue (pending, quarantined, delivered, last sync and its error) and the place data's version.")

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "{pending, quarantined, delivered, last_sync_at, last_error, usage_pending, places, data_version}")
    var json = false

    struct Status: Encodable {
        var pending: Int
        var quarantined: Int
        var delivered: Int
        @NullWhenAbsent var last_sync_at: String?
        @NullWhenAbsent var last_error: String?
        var usage_pending: Int
        var places: Int
        /// The lab's dataset version the places came from; null for local files.
        @NullWhenAbsent var data_version: Int?
    }

    func run() throws {
        let (configuration, stateDirectory) = try common.configurationAndState()
        let outbox = try KioskData.outbox(configuration: configuration, stateDirectory: stateDirectory)
        let counts = try outbox.counts()
        let sync = try outbox.syncState()
        let storePath = KioskData.placeStorePath(stateDirectory)
        // Read as it is: status never imports nor changes anything.
        let places = FileManager.default.fileExists(atPath: storePath) ? try? PlaceStore(readingOnly: storePath).summary() : nil
        let status = Status(pending: counts.pending, quarantined: counts.quarantined, delivered: counts.delivered,
                            last_sync_at: sync.lastSyncAt.map { ISO8601DateFormatter().string(from: $0) }, last_error: sync.lastError,
                            usage_pending: try outbox.usageCounts().pending, places: places?.places ?? 0, data_version: places?.dataVersion)
        if json { return try CLIJSON.print(status) }
        print("pending \(status.pending), quarantined \(status.quarantined), delivered \(status.delivered); usage events waiting \(status.usage_pending)")
        print("places \(status.places), data \(status.data_version.map { "version \($0) from the lab" } ?? "from local files")")
        print("last sync: \(status.last_sync_at ?? "never")\(status.last_error.map { "; last error: \($0)" } ?? "")")
    }
}
