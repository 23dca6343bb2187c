import Foundation
import Kiosk
import MapGeometry
import SDLBackend

/// Feeds a recorded trace through the kiosk on a simulated 60 Hz clock, drawing every frame that
/// needs drawing, and measures each one. Events take the same path as live SDL events.
struct ReplayDriver {
    var frameInterval = 1.0 / 60
    /// How long after the trace's last event inertia and animations may run.
    var settleLimit = 10.0
    /// Pace frames on the wall clock as a screen would (see `run --real-time`); otherwise frames
    /// follow each other as fast as they are drawn.
    var realTime = false
    /// A file to write a line per frame to (see `run --frame-log`).
    var frameLog: String?
    /// What the shell gives the kiosk once its first frame is shown (the coverage view), before
    /// the trace plays, as the live loop does.
    var afterFirstFrame: (inout Kiosk) -> Void = { _ in }

    struct Result {
        var statistics: FrameStatistics
        var firstFrameMilliseconds: Double
        var cameraStart: FrameStatistics.CameraFigures
        var cameraEnd: FrameStatistics.CameraFigures
        var kiosk: Kiosk
        /// Resident memory and open descriptors once a tenth of the trace has played (warm-up),
        /// and at the end: what a soak test compares.
        var rssAfterWarmup: Double
        var rssAtEnd: Double
        var descriptorsAfterWarmup: Int
        var descriptorsAtEnd: Int
        /// Processor and wall-clock seconds of the replay itself (after the first frame).
        var cpuSeconds: Double
        var wallSeconds: Double
        /// Each swap of new places: the kiosk taking them plus the next frame, in milliseconds.
        var placeSwapMilliseconds: [Double]
        /// Resets of the renderer the trace posted, each recovered from.
        var renderResets: Int
    }

    func run(trace: InputTrace, kiosk initial: Kiosk, effects: KioskEffects, window: SDLWindow, screenshot: String?) throws -> Result {
        var kiosk = initial
        var stats = FrameStatistics()
        var log: FileHandle?
        if let frameLog {
            guard FileManager.default.createFile(atPath: frameLog, contents: Data("seconds\tms\tbasemap\tzoom\tscene_ms\tbasemap_ms\tdraw_ms\tpresent_ms\n".utf8)),
                  let handle = FileHandle(forWritingAtPath: frameLog) else {
                throw CommandFailure(description: "--frame-log: cannot write \(frameLog)")
            }
            handle.seekToEndOfFile()
            log = handle
        }
        defer { try? log?.close() }
        var now = 0.0
        var swapsSeen = 0
        var placeSwaps: [Double] = []
        var renderResets = 0
        let events = SDLEventSource()

        func frame() {
            let start = ProcessMetrics.monotonicSeconds()
            let list = kiosk.render()
            kiosk.frameShown()
            let drawStart = ProcessMetrics.monotonicSeconds()
            window.renderer.draw(list)
            let presentStart = ProcessMetrics.monotonicSeconds()
            window.renderer.present()
            let end = ProcessMetrics.monotonicSeconds()
            let milliseconds = (end - start) * 1000
            if let swaps = effects.livePlaces?.swapMilliseconds, swaps.count > swapsSeen {
                placeSwaps += swaps[swapsSeen...].map { $0 + milliseconds }
                swapsSeen = swaps.count
            }
            stats.record(milliseconds: milliseconds, triangles: list.triangleCount)
            stats.recordBasemap(window.renderer.lastFrame.basemap)
            if let log {
                let line = String(format: "%.3f\t%.2f\t%@\t%.3f\t%.2f\t%.2f\t%.2f\t%.2f\n", now, milliseconds, "\(window.renderer.lastFrame.basemap)",
                                  kiosk.camera.zoom, (drawStart - start) * 1000, window.renderer.lastFrame.basemapMilliseconds,
                                  window.renderer.lastFrame.drawMilliseconds, (end - presentStart) * 1000)
                log.write(Data(line.utf8))
            }
        }

        // The clock of a replay is the trace's: the wall time is read once, at its start.
        kiosk.advance(to: 0, wallTime: Date())
        effects.announceIntake(to: &kiosk)
        frame()
        let firstFrame = ProcessMetrics.millisecondsSinceProcessStart()
        afterFirstFrame(&kiosk)
        let cameraStart = FrameStatistics.CameraFigures(kiosk.camera)

        var next = 0
        var step = 1
        let warmupEntry = trace.entries.count / 10
        var rssAfterWarmup = ProcessMetrics.currentRSSMegabytes()
        var descriptorsAfterWarmup = ProcessMetrics.openFileDescriptorCount()
        var warmedUp = false
        let end = trace.duration / 1000
        let wallStart = ProcessMetrics.monotonicSeconds()
        let cpuStart = ProcessMetrics.cpuSeconds()
        while true {
            now = Double(step) * frameInterval
            if realTime {
                let wait = now - (ProcessMetrics.monotonicSeconds() - wallStart)
                if wait > 0 { usleep(useconds_t(wait * 1_000_000)) }
            }
            while next < trace.entries.count, trace.entries[next].t / 1000 <= now {
                if trace.entries[next].type == .renderReset, let reset = RenderReset(rawValue: trace.entries[next].target ?? "") {
                    // SDL's own event, through the live loop's path.
                    SDLEventSource.post(reset)
                    for case .renderReset(let lost) in events.next(window: window, timeout: 0) {
                        window.renderer.recover(from: lost)
                        renderResets += 1
                    }
                    frame()
                    next += 1
                    continue
                }
                do {
                    try kiosk.play(trace.entries[next], at: trace.entries[next].t / 1000)
                } catch {
                    throw CommandFailure(description: "replay: line \(next + 1) of the trace: \(error)")
                }
                effects.performPending(on: &kiosk)
                next += 1
            }
            kiosk.advance(to: now)
            effects.performPending(on: &kiosk)
            // Tiles finished in the background are a reason to draw, as on a live screen.
            if kiosk.needsRedraw || window.renderer.wantsAnotherFrame { frame() }
            if !warmedUp && next >= warmupEntry {
                warmedUp = true
                rssAfterWarmup = ProcessMetrics.currentRSSMegabytes()
                descriptorsAfterWarmup = ProcessMetrics.openFileDescriptorCount()
            }
            if next >= trace.entries.count && now >= end && !kiosk.isAnimating && !kiosk.needsRedraw {
                // The kiosk has come to rest: its clock stops here, and the tiles still being
                // rendered are waited for in wall-clock time. A slow or loaded machine then ends
                // a replay in the same state as a fast one (a panel that closes by itself after
                // a while is not closed by the wait).
                // Once they are in, one more frame shows the map as it rests, from its tiles,
                // even where a busy machine drew every frame of the trace directly.
                for _ in 0..<20 where window.renderer.isSettling {
                    window.renderer.settle()
                    frame()
                }
                break
            }
            if now > end + settleLimit { break }
            step += 1
        }

        let cpuSeconds = ProcessMetrics.cpuSeconds() - cpuStart, wallSeconds = ProcessMetrics.monotonicSeconds() - wallStart
        if let screenshot {
            // The basemap drawn directly: the exact reference, whatever the tiles' state.
            window.renderer.draw(kiosk.render(), basemapFromTiles: false)
            try window.renderer.capture().savePNG(path: screenshot)
        }
        return Result(statistics: stats, firstFrameMilliseconds: firstFrame, cameraStart: cameraStart,
                      cameraEnd: FrameStatistics.CameraFigures(kiosk.camera), kiosk: kiosk,
                      rssAfterWarmup: rssAfterWarmup, rssAtEnd: ProcessMetrics.currentRSSMegabytes(),
                      descriptorsAfterWarmup: descriptorsAfterWarmup, descriptorsAtEnd: ProcessMetrics.openFileDescriptorCount(),
                      cpuSeconds: cpuSeconds, wallSeconds: wallSeconds, placeSwapMilliseconds: placeSwaps,
                      renderResets: renderResets)
    }
}
