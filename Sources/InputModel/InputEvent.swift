import MapGeometry

/// What the kiosk reacts to, already translated from SDL (or read from a trace), in window pixels.
public enum InputEvent: Sendable, Equatable {
    case fingerDown(id: Int, position: Point)
    case fingerMotion(id: Int, position: Point)
    case fingerUp(id: Int, position: Point)
    case mouseDown(position: Point)
    case mouseMotion(position: Point)
    case mouseUp(position: Point)
    /// Wheel notches; positive zooms in, around `position`.
    case wheel(notches: Double, position: Point)
    case key(Key)
    case resize(Size)

    /// Keys for staff and development; visitors have no keyboard.
    public enum Key: String, Sendable, CaseIterable {
        case zoomIn = "plus", zoomOut = "minus", left, right, up, down, home, escape
    }

    /// Mouse presses are treated as a finger with this identifier, so that one recogniser serves both.
    public static let mouseFingerID = Int.min
}
