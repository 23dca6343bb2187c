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
    /// Called once the first frame is on screen (systemd READY=1 comes here).
    var onFirstFrame: () -> Void = {}

    func run(kiosk initial: Kiosk) throws {
        var kiosk = initial
        let events = SDLEventSource()
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
        var lastFrameStart = 0.0
        while true {
            let t = now()
            let busy = forceRedraw || kiosk.needsRedraw || kiosk.isAnimating
            let timeout = busy ? 0 : min(max(0.001, (kiosk.nextDeadline ?? t + 5) - t), 5)
            for outcome in events.next(window: window, timeout: timeout) {
                switch outcome {
                case .quit:
                    logger.info("quit requested")
                    return
                case .redraw:
                    forceRedraw = true
                case .input(let event):
                    let at = now()
                    if let recorder, let entry = InputTrace.entry(for: event, at: at * 1000, viewport: kiosk.viewport) {
                        recorder.write(Data((InputTrace.jsonLine(entry) + "\n").utf8))
                    }
                    kiosk.handle(event, at: at)
                }
            }
            kiosk.advance(to: now())
            if kiosk.needsRedraw || forceRedraw {
                // Without vsync, pace animations at 60 Hz rather than spinning a core.
                let sinceLast = now() - lastFrameStart
                if sinceLast < 1.0 / 60 { usleep(useconds_t((1.0 / 60 - sinceLast) * 1_000_000)) }
                lastFrameStart = now()
                window.draw(kiosk.render())
                window.present()
                forceRedraw = false
                if !firstFrameShown {
                    firstFrameShown = true
                    logger.info("first frame shown", metadata: [
                        "ms_since_start": "\(Int(ProcessMetrics.millisecondsSinceProcessStart()))",
                        "renderer": "\(window.rendererName)"])
                    onFirstFrame()
                }
            }
        }
    }
}
