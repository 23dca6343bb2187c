import Foundation
import InputModel
import MapGeometry
import SDLBackend

/// Plays a trace's fingers into the running kiosk from another thread, at the trace's times counted
/// from the first frame, as a touch screen would; and measures each finger's way to the screen:
/// from the moment it was queued to the end of the present that first showed it.
///
/// The kiosk is asleep between fingers, as it would be at rest, so the figure includes waking up.
/// An input that changes nothing on screen (a finger lifted with no tap) is counted apart.
final class LiveInputPlayer: @unchecked Sendable {
    struct Report: Codable {
        var fingers: Int
        var presented: Int
        var without_frame: Int
        var input_to_present_ms: FrameStatistics.Percentiles
        /// Fingers put down on a kiosk at rest: waking up, then one frame.
        var touch_down_ms: FrameStatistics.Percentiles
        /// Fingers moving: the frame in progress, then the next one.
        var motion_ms: FrameStatistics.Percentiles
    }

    struct Queued {
        var at: Double
        var isDown: Bool
        var isMotion: Bool
    }

    private let trace: InputTrace
    private let lock = NSLock()
    /// When each injected finger was queued, in queue order; those the loop has not taken yet.
    private var queued: [Queued] = []
    private var queuedCount = 0
    private var finished = false
    /// Queue times of the fingers the loop has handled since the last present.
    private var handled: [Queued] = []
    private var latencies = FrameStatistics()
    private var touchDowns = FrameStatistics()
    private var motions = FrameStatistics()
    private var withoutFrame = 0

    init(trace: InputTrace) {
        self.trace = trace
    }

    /// Starts playing; the trace's time 0 is now.
    func start(pixels: Size) {
        let origin = ProcessMetrics.monotonicSeconds()
        let thread = Thread { [self] in
            for entry in trace.entries {
                guard let event = InputTrace.event(for: entry, viewport: pixels) else { continue }
                let due = origin + entry.t / 1000
                let wait = due - ProcessMetrics.monotonicSeconds()
                if wait > 0 { usleep(useconds_t(wait * 1_000_000)) }
                lock.lock()
                let at = ProcessMetrics.monotonicSeconds()
                let injected = SDLEventSource.inject(event, pixels: pixels)
                if injected {
                    queued.append(Queued(at: at, isDown: entry.type == .fingerDown, isMotion: entry.type == .fingerMotion))
                    queuedCount += 1
                }
                lock.unlock()
            }
            lock.lock()
            finished = true
            lock.unlock()
        }
        thread.name = "live-input"
        thread.start()
    }

    /// The loop took one finger from the queue (fingers come in the order they were queued).
    func inputHandled() {
        lock.lock()
        defer { lock.unlock() }
        guard !queued.isEmpty else { return }
        handled.append(queued.removeFirst())
    }

    /// The loop went to sleep again: `presentedAt` is when its frame was on screen, nil if none
    /// was drawn. Returns the report once every finger has been played and accounted for.
    func loopIdled(presentedAt: Double?) -> Report? {
        lock.lock()
        defer { lock.unlock() }
        if let presentedAt {
            for input in handled {
                let milliseconds = (presentedAt - input.at) * 1000
                latencies.record(milliseconds: milliseconds, triangles: 0)
                if input.isDown { touchDowns.record(milliseconds: milliseconds, triangles: 0) }
                if input.isMotion { motions.record(milliseconds: milliseconds, triangles: 0) }
            }
        } else {
            withoutFrame += handled.count
        }
        handled.removeAll()
        guard finished, queued.isEmpty else { return nil }
        finished = false
        return Report(fingers: queuedCount, presented: latencies.frames, without_frame: withoutFrame,
                      input_to_present_ms: latencies.percentiles, touch_down_ms: touchDowns.percentiles,
                      motion_ms: motions.percentiles)
    }
}
