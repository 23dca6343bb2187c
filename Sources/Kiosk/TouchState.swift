/// Fingers on the screen and what they started: gestures in progress, the control held, the staff
/// gesture's timer. Let go of at once at the idle reset.
struct TouchState: Sendable {
    var recognizer: GestureRecognizer
    /// Fingers that went down on the interface (and the control under them): they never move the map.
    var interfaceFingers: [Int: Control?] = [:]
    /// The control under a finger that went down on it, highlighted until the finger lifts.
    var pressed: Control?
    /// When three fingers came to rest together (the staff gesture).
    var staffHoldSince: Double?

    init(metrics: ScreenMetrics) {
        recognizer = GestureRecognizer(tuning: Self.tuning(metrics))
    }

    /// Tap and double-tap tolerances in millimetres of the screen.
    static func tuning(_ metrics: ScreenMetrics) -> GestureRecognizer.Tuning {
        .init(tapSlop: metrics.px(4), doubleTapDistance: metrics.px(12))
    }
}
