import MapScene

/// Carries out frames on one kind of SDL renderer. ``SDLWindow`` picks the implementation once,
/// from the renderer SDL gave it: ``AcceleratedFrameRenderer`` for a GPU, ``SoftwareFrameRenderer``
/// (surface, tiles rendered ahead, stamps and text as pixels) for SDL's software renderer. Each
/// keeps its own ordering rules; the frame is the same plain data for both.
public protocol FrameRenderer: AnyObject {
    /// SDL's name for the renderer (`software`, `opengl`, `opengles2`…).
    var name: String { get }

    /// The prepared basemaps (one per style a visitor may choose) that ``BasemapRequest``s name;
    /// given once, and again at each reload.
    func register(basemaps: [MapRenderer])
    /// What draws the stamps frames name; given once.
    func register(stamps: any StampLibrary)

    /// Draws a frame (without presenting it). With `basemapFromTiles` false, the basemap is
    /// rasterised in the frame: the exact reference, for still images.
    func draw(_ frame: DisplayList, basemapFromTiles: Bool)
    /// Shows the frame drawn (waits for vertical sync where the renderer has it).
    func present()
    /// Reads back what was drawn (after ``draw(_:basemapFromTiles:)``, before ``present()``).
    func capture() throws -> RGBAImage

    /// How the last frame was drawn, and its stages' times.
    var lastFrame: FrameReport { get }
    /// Another frame would show more than the last one (work finished in the background).
    var wantsAnotherFrame: Bool { get }
    /// The last frame was not final and work for it is still going on in the background.
    var isSettling: Bool { get }
    /// Waits for that work (screenshots, tests).
    func settle()

    /// Drops what the GPU lost, to be made again by the next frame, which is then whole.
    func recover(from reset: RenderReset)
    /// The textures held now, and how many were made.
    var textures: TextureFigures { get }
}

extension FrameRenderer {
    public func draw(_ frame: DisplayList) { draw(frame, basemapFromTiles: true) }
}

/// How a frame was drawn: the basemap's kind, and milliseconds of its stages (the frame log).
public struct FrameReport: Sendable, Equatable {
    public var basemap: BasemapFrameKind = .direct
    /// The basemap from tiles, with the markers and labels written in the same pass (or the clear
    /// before a direct one).
    public var basemapMilliseconds = 0.0
    /// The whole ``FrameRenderer/draw(_:basemapFromTiles:)``.
    public var drawMilliseconds = 0.0
}

extension FrameRenderer {
    /// One basemap, in one style.
    public func register(basemap: MapRenderer) { register(basemaps: [basemap]) }
}
