/// Which SDL renderer draws the kiosk (`[screen] renderer`, `run`/`render --renderer`).
public enum RendererChoice: String, Sendable, CaseIterable {
    /// SDL's accelerated renderer when there is a GPU; the software renderer with tiles when
    /// OpenGL would rasterise on the CPU (llvmpipe) or nothing accelerated can be made.
    case auto
    /// SDL's software renderer, the basemap from tiles rendered ahead.
    case software
    /// SDL's OpenGL renderer (X11, Wayland), whatever rasterises it.
    case opengl
    /// SDL's OpenGL ES 2 renderer (KMS/DRM, embedded GPUs), whatever rasterises it.
    case opengles2

    /// SDL's own name for the forced renderer; nil for `auto`.
    var sdlDriverName: String? { self == .auto ? nil : rawValue }

    /// Drawn by a GPU (or a stand-in for one): everything goes through SDL's renderer.
    public var isAccelerated: Bool { self == .opengl || self == .opengles2 }
}

/// A forced renderer SDL could not create: names it, what SDL offers here, and SDL's reason.
public struct RendererUnavailable: Error, CustomStringConvertible {
    public var requested: RendererChoice
    /// The render drivers this SDL was built with.
    public var offered: [String]
    public var videoDriver: String
    public var reason: String

    public var description: String {
        "renderer \"\(requested.rawValue)\" cannot be created on video driver \"\(videoDriver)\" (\(reason)); "
            + "SDL offers \(offered.map { "\"\($0)\"" }.joined(separator: ", ")); "
            + "choose one of them, or \"auto\", with [screen] renderer or --renderer"
    }
}
