import ArgumentParser
import Feedback
import Foundation
import Logging
import Places

/// `inclusion-map sync`: delivers queued feedback to the lab database.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Deliver queued feedback to the lab's PostgreSQL (the kiosk does this by itself when [lab] is configured).")

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Deliver what is due, then exit (non-zero if the lab could not take it).")
    var once = false

    @Option(name: .long, help: "postgres://user:password@host:port/database?sslmode=… (default: the configuration's [lab]).")
    var labURL: String?

    func run() async throws {
        let logger = common.logger("inclusion-map.sync")
        let (configuration, stateDirectory) = try common.configurationAndState()
        let outbox = try KioskData.outbox(configuration: configuration, stateDirectory: stateDirectory)
        let settings = try LabSettings.resolve(url: labURL, configuration: configuration)
        let outboxPath = KioskData.outboxPath(stateDirectory)
        // The places as they are (a new store stays empty until the kiosk or a dataset fills it).
        let storePath = KioskData.placeStorePath(stateDirectory)
        let placeStore: PlaceStore?
        do { placeStore = try PlaceStore(path: storePath) } catch {
            placeStore = nil
            logger.error("place store unavailable: published data are not taken now",
                         metadata: ["fault": "\(StorageFault.classify(error, path: storePath))"])
        }
        let live = LivePlaces(summary: try? placeStore?.summary())
        let link = DeliveryRunner.link(configuration: configuration, lab: settings, outbox: outbox, outboxPath: outboxPath,
                                       placeStore: placeStore, live: live, logger: logger, afterLabCommit: FaultInjection.afterLabCommit())
        if once {
            let outcome = await link.round(force: true)
            let delivery = outcome.delivery
            let counts: Outbox.Counts
            do { counts = try outbox.counts() } catch {
                throw CommandFailure(description: "sync: " + (delivery.error ?? "feedback outbox \(StorageFault.classify(error, path: outboxPath))"))
            }
            print("delivered \(delivery.delivered), quarantined \(delivery.quarantined), failed \(delivery.failed); now pending \(counts.pending), quarantined \(counts.quarantined), delivered \(counts.delivered)")
            if delivery.usageDelivered > 0 { print("usage events delivered: \(delivery.usageDelivered)") }
            if let version = outcome.installedVersion { print("place data version \(version) installed: \(live.summary?.places ?? 0) places") }
            if let error = delivery.error { throw CommandFailure(description: "sync: \(error)") }
            if let error = outcome.datasetError { throw CommandFailure(description: "sync: \(error)") }
            if let error = outcome.labError { throw CommandFailure(description: "sync: \(error)") }
            return
        }
        SignalMask.unblockTerminationSignals()
        logger.info("delivering feedback until stopped", metadata: ["lab": "\(settings.displayName)"])
        let task = Task {
            await link.run(onOutcome: { outcome in DeliveryRunner.log(outcome, logger: logger) })
        }
        await TerminationSignals.wait()
        // Cancelling ends the loop between batches: a batch in flight either commits and is marked,
        // or is re-sent next time (the lab keeps one row).
        task.cancel()
        _ = await task.value
        logger.info("sync stopped")
    }
}

extension LabSettings {
    /// `--lab-url` first, else the configuration's `[lab]`; neither is an error that says what to do.
    static func resolve(url: String?, configuration: KioskConfiguration?) throws -> LabSettings {
        if let url {
            do { return try LabSettings(url: url) } catch { throw CommandFailure(description: "\(error)") }
        }
        if let url = ProcessInfo.processInfo.environment["INCLUSION_MAP_LAB_URL"] {
            do { return try LabSettings(url: url) } catch { throw CommandFailure(description: "INCLUSION_MAP_LAB_URL: \(error)") }
        }
        if let lab = configuration?.lab { return lab }
        throw CommandFailure(description: "no lab database: pass --lab-url postgres://user:password@host/database or add a [lab] section to the configuration")
    }
}

/// Failure injection for the delivery tests (`INCLUSION_MAP_FAULT=kill-after-lab-commit`): the
/// process kills itself with SIGKILL between the lab's commit and the outbox's marking, the worst
/// moment a power cut can choose.
enum FaultInjection {
    static func afterLabCommit(environment: [String: String] = ProcessInfo.processInfo.environment) -> (@Sendable () -> Void)? {
        guard environment["INCLUSION_MAP_FAULT"] == "kill-after-lab-commit" else { return nil }
        return { kill(getpid(), SIGKILL) }
    }
}

/// Waits for SIGTERM or SIGINT (a graceful stop for the long-running CLI commands).
enum TerminationSignals {
    static func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = ResumeOnce(continuation)
            for signalNumber in [SIGTERM, SIGINT] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { once.resume() }
                source.resume()
                Holder.sources.append(source)
            }
        }
    }

    private enum Holder { nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = [] }

    private final class ResumeOnce: @unchecked Sendable {
        private var continuation: CheckedContinuation<Void, Never>?
        private let lock = NSLock()
        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
        func resume() {
            lock.lock()
            let c = continuation
            continuation = nil
            lock.unlock()
            c?.resume()
        }
    }
}
