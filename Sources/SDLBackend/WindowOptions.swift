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
        /// A fixed window of exactly the image's size on the display, for a still image drawn by an
        /// accelerated renderer (which needs a real display; Xvfb will do).
        case stillImage
    }

    public var mode: Mode
    /// Window size; full screen uses the display's own size when nil.
    public var size: Size?
    public var title: String
    public var vsync: Bool
    /// With the software renderer, draw the basemap from tiles rendered ahead on a worker thread
    /// (see ``TilePlanner``) rather than rasterising it every frame. Off for still images, which
    /// draw it directly: the exact reference.
    public var tiledBasemap: Bool
    /// Which SDL renderer draws (see ``RendererChoice``).
    public var renderer: RendererChoice

    public init(mode: Mode, size: Size? = nil, title: String = "InclusionMap", vsync: Bool = true, tiledBasemap: Bool = true,
                renderer: RendererChoice = .auto) {
        self.renderer = renderer
        self.mode = mode
        self.size = size
        self.title = title
        self.vsync = vsync
        self.tiledBasemap = tiledBasemap
    }
}
