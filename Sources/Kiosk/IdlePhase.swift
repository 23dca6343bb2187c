/// Where the kiosk is in its forget-the-visitor cycle.
public enum IdlePhase: Sendable, Equatable {
    /// Nobody has touched it since the last reset: nothing to forget, no warning to show.
    case atRest
    /// A visitor is using it; the timeout counts from the last touch.
    case inUse(lastTouch: Double)
    /// The warning is on screen since `since`; a touch keeps the visitor's state.
    case warning(since: Double)
}
