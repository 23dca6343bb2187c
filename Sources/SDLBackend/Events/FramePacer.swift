/// Without vsync, keeps frames at least `interval` apart, as a screen would: animations are paced
/// rather than spinning a core. Nothing came before the first frame, so it waits for nothing.
public struct FramePacer: Sendable {
    public var interval: Double
    private var lastFrameStart: Double?

    public init(interval: Double = 1.0 / 60) {
        self.interval = interval
    }

    /// Seconds to wait before starting a frame at `now`.
    public func delay(at now: Double) -> Double {
        lastFrameStart.map { max(0, interval - (now - $0)) } ?? 0
    }

    public mutating func frameStarted(at now: Double) {
        lastFrameStart = now
    }
}
