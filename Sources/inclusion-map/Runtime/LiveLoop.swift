import Foundation
import Kiosk
import Logging
import MapGeometry
import SDLBackend

/// The kiosk's render loop on a real (or dummy) display: sleep until an event or a deadline, let
/// the state machine react, draw only when something changed.
struct LiveLoop {
    let window: SDLWindow
    let logger: Logger
    var recordPath: String?
    let notifier: SystemdNotifier
    /// What systemd's STATUS= says: places, data date, feedback queue (refreshed every 30 s).
    var status: () -> String
    /// The machine was sick at the last (re)load (places read-only, outbox unavailable): the data
    /// are opened again, between visitors, until it has healed.
    var isSick: () -> Bool = { false }
    /// Builds a fresh kiosk and its effects from the configuration and data on disk (SIGHUP), or
    /// (`healing`) from the data alone, the map kept; throws if they are bad.
    var reload: (_ viewport: Size, _ healing: Bool) throws -> (Kiosk, KioskEffects)
    /// Seconds between two looks at the machine's health (and STATUS= refreshes).
    var checkInterval: Double = 30
    /// Fingers played in from a trace once the first frame is shown (`--live-input`), and what to
    /// do with their input-to-present figures when all have been shown.
    var liveInput: LiveInputPlayer?
    var onLiveInputPlayed: (LiveInputPlayer.Report) -> Void = { _ in }
    /// What the shell gives the kiosk once its first frame is shown (the coverage view, which
    /// that frame does not need); before systemd hears the kiosk is ready.
    var afterFirstFrame: (inout Kiosk) -> Void = { _ in }

    func run(kiosk initial: Kiosk, effects initialEffects: KioskEffects) throws {
        var kiosk = initial
        var effects = initialEffects
        effects.announceIntake(to: &kiosk)
        let events = SDLEventSource()
        SDLEventSource.registerEvents()
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        signal(SIGHUP, SIG_IGN)
        hangup.setEventHandler { SDLEventSource.requestReload() }
        hangup.resume()
        defer { hangup.cancel() }
        let origin = ProcessMetrics.monotonicSeconds()
        func now() -> Double { ProcessMetrics.monotonicSeconds() - origin }

        var recorder: FileHandle?
        if let recordPath {
            FileManager.default.createFile(atPath: recordPath, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: recordPath) else {
                throw ConfigurationError(file: recordPath, key: nil, value: nil, expected: "a trace file the kiosk can write")
            }
            recorder = handle
        }
        defer { try? recorder?.close() }

        var firstFrameShown = false
        var forceRedraw = true
        var reloadRequested = false
        var healRequested = false
        var pacer = FramePacer()
        var lastStatusAt = 0.0
        var lastStatus = ""
        /// Lets the kiosk react to what happened; false when asked to stop.
        func react(to outcomes: [SDLEventSource.Outcome]) -> Bool {
            for outcome in outcomes {
                switch outcome {
                case .quit:
                    logger.info("stopping (quit requested or SIGTERM)")
                    notifier.stopping()
                    return false
                case .redraw:
                    forceRedraw = true
                case .tilesReady:
                    if window.renderer.wantsAnotherFrame { forceRedraw = true }
                case .reload:
                    reloadRequested = true
                case .renderReset(let lost):
                    // After a suspend or a driver restart: what the GPU lost is made again by the next frame.
                    logger.notice("the renderer lost its textures; making them again", metadata: ["reset": "\(lost.rawValue)"])
                    window.renderer.recover(from: lost)
                    forceRedraw = true
                case .input(let event):
                    liveInput?.inputHandled()
                    let at = now()
                    if let recorder, let entry = InputTrace.entry(for: event, at: at * 1000, viewport: kiosk.viewport) {
                        recorder.write(Data((InputTrace.jsonLine(entry) + "\n").utf8))
                    }
                    kiosk.handle(event, at: at)
                    effects.performPending(on: &kiosk)
                }
            }
            return true
        }

        /// Brings the kiosk to the present (animations, timers) and performs what it asked for.
        func advanceKiosk() {
            kiosk.advance(to: now(), wallTime: Date())
            effects.performPending(on: &kiosk)
        }

        while true {
            let t = now()
            notifier.watchdogIfDue(now: t)
            let busy = forceRedraw || kiosk.needsRedraw || kiosk.isAnimating
            // Sleep until the next event or deadline, but wake for the watchdog in time.
            let longest = notifier.watchdogInterval.map { $0 / 2 } ?? 5
            let timeout = busy ? 0 : min(max(0.001, (kiosk.nextDeadline ?? t + longest) - t), longest, checkInterval)
            guard react(to: events.next(window: window, timeout: timeout)) else { return }
            advanceKiosk()
            if firstFrameShown && t - lastStatusAt >= checkInterval {
                lastStatusAt = t
                // Heal by itself: reopen the stores once nobody is using the kiosk.
                if isSick() && kiosk.idle == .atRest { healRequested = true }
                let line = status()
                if line != lastStatus { notifier.status(line); lastStatus = line }
            }
            if reloadRequested || healRequested {
                let healing = healRequested && !reloadRequested
                reloadRequested = false
                healRequested = false
                notifier.reloading()
                do {
                    (kiosk, effects) = try reload(kiosk.viewport, healing)
                    effects.announceIntake(to: &kiosk)
                    forceRedraw = true
                    logger.info(healing ? "reopened the data (the machine was sick)" : "reloaded configuration and data",
                                metadata: ["status": "\(status())"])
                } catch {
                    // A bad file changes nothing: the kiosk goes on with what it had.
                    logger.error("reload refused; keeping the running configuration and data", metadata: ["error": "\(error)"])
                }
                lastStatus = status()
                notifier.reloaded(status: lastStatus)
            }
            var presentedAt: Double?
            if kiosk.needsRedraw || forceRedraw {
                // Without vsync, pace animations at 60 Hz rather than spinning a core; what came
                // in meanwhile goes into this frame rather than waiting for the next one.
                let delay = pacer.delay(at: now())
                if delay > 0 {
                    usleep(useconds_t(delay * 1_000_000))
                    guard react(to: events.next(window: window, timeout: 0)) else { return }
                    advanceKiosk()
                }
                pacer.frameStarted(at: now())
                window.renderer.draw(kiosk.render())
                kiosk.frameShown()
                window.renderer.present()
                presentedAt = ProcessMetrics.monotonicSeconds()
                forceRedraw = false
                if !firstFrameShown {
                    firstFrameShown = true
                    logger.info("first frame shown", metadata: [
                        "ms_since_start": "\(Int(ProcessMetrics.millisecondsSinceProcessStart()))",
                        "renderer": "\(window.rendererName)"])
                    afterFirstFrame(&kiosk)
                    lastStatus = status()
                    lastStatusAt = now()
                    notifier.ready(status: lastStatus)
                    liveInput?.start(pixels: window.pixelSize)
                }
            }
            if let report = liveInput?.loopIdled(presentedAt: presentedAt) { onLiveInputPlayed(report) }
        }
    }
}
