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
    }

    func run(trace: InputTrace, kiosk initial: Kiosk, window: SDLWindow, screenshot: String?) throws -> Result {
        var kiosk = initial
        var stats = FrameStatistics()
        let viewport = kiosk.viewport

        func frame() {
            let start = ProcessMetrics.monotonicSeconds()
            let list = kiosk.render()
            window.draw(list)
            window.present()
            stats.record(milliseconds: (ProcessMetrics.monotonicSeconds() - start) * 1000, triangles: list.triangleCount)
        }

        kiosk.advance(to: 0)
        frame()
        let firstFrame = ProcessMetrics.millisecondsSinceProcessStart()
        let cameraStart = FrameStatistics.CameraFigures(kiosk.camera)

        var next = 0
        var step = 1
        let warmupEntry = trace.entries.count / 10
        var rssAfterWarmup = ProcessMetrics.currentRSSMegabytes()
        var descriptorsAfterWarmup = ProcessMetrics.openFileDescriptorCount()
        var warmedUp = false
        let end = trace.duration / 1000
        while true {
            let now = Double(step) * frameInterval
            while next < trace.entries.count, trace.entries[next].t / 1000 <= now {
                do {
                    try kiosk.play(trace.entries[next], at: trace.entries[next].t / 1000)
                } catch {
                    throw CommandFailure(description: "replay: line \(next + 1) of the trace: \(error)")
                }
                next += 1
            }
            kiosk.advance(to: now)
            if kiosk.needsRedraw { frame() }
            if !warmedUp && next >= warmupEntry {
                warmedUp = true
                rssAfterWarmup = ProcessMetrics.currentRSSMegabytes()
                descriptorsAfterWarmup = ProcessMetrics.openFileDescriptorCount()
            }
            if next >= trace.entries.count && now >= end && !kiosk.isAnimating && !kiosk.needsRedraw { break }
            if now > end + settleLimit { break }
            step += 1
        }

        if let screenshot {
            var copy = kiosk
            window.draw(copy.render())
            try window.capture().savePNG(path: screenshot)
        }
        return Result(statistics: stats, firstFrameMilliseconds: firstFrame, cameraStart: cameraStart,
                      cameraEnd: FrameStatistics.CameraFigures(kiosk.camera), kiosk: kiosk,
                      rssAfterWarmup: rssAfterWarmup, rssAtEnd: ProcessMetrics.currentRSSMegabytes(),
                      descriptorsAfterWarmup: descriptorsAfterWarmup, descriptorsAtEnd: ProcessMetrics.openFileDescriptorCount())
    }
}
