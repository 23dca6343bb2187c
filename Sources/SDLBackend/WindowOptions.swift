import MapGeometry

/// How the kiosk's window is opened.
public struct WindowOptions: Sendable {
    public enum Mode: Sendable, Equatable {
        /// Full screen on whatever SDL finds (KMS/DRM, X11, Wayland).
        case fullscreen
        /// A desktop window, for development and staff.
        case windowed
        /// SDL's dummy video driver and the software renderer: no display needed.
        case headless
    }

    public var mode: Mode
    /// Window size; full screen uses the display's own size when nil.
    public var size: Size?
    public var title: String
    public var vsync: Bool

    public init(mode: Mode, size: Size? = nil, title: String = "InclusionMap", vsync: Bool = true) {
        self.mode = mode
        self.size = size
        self.title = title
        self.vsync = vsync
    }
}
