import CSDL2
import MapGeometry
import MapScene

/// What both frame renderers draw with: the SDL renderer, the text cache, the stamps, the painter
/// of shapes and the basemap registered.
final class RenderingContext {
    let renderer: OpaquePointer
    let text: TextRenderer
    let stamps: StampCache
    var painter: PrimitivePainter
    private(set) var basemaps: [MapRenderer] = []
    /// What a turned frame is drawn into before it is copied turned onto the screen (see
    /// ``beginTurnedFrame(size:)``); kept from one turned frame to the next.
    private var turnedTarget: (texture: OpaquePointer, size: Size)?

    /// `keepsPixels`: text and stamps also kept as pixels in memory (the software renderer
    /// writes them straight into its surface).
    init(renderer: OpaquePointer, text: TextRenderer, keepsPixels: Bool) {
        self.renderer = renderer
        self.text = text
        text.keepsPixels = keepsPixels
        stamps = StampCache(renderer: renderer, keepsPixels: keepsPixels)
        painter = PrimitivePainter(renderer: renderer)
    }

    deinit {
        if let turnedTarget { SDL_DestroyTexture(turnedTarget.texture) }
        stamps.purge()
        text.purge()
    }

    /// Draws what follows into a texture the screen's size, which ``endTurnedFrame()`` copies
    /// onto the screen turned by 180°. False when the renderer has no render targets: the frame
    /// is then drawn upright.
    func beginTurnedFrame(size: Size) -> Bool {
        if turnedTarget?.size != size {
            if let old = turnedTarget { SDL_DestroyTexture(old.texture) }
            turnedTarget = SDL_CreateTexture(renderer, CSDL_PIXELFORMAT_ARGB8888, Int32(SDL_TEXTUREACCESS_TARGET.rawValue),
                                             Int32(size.width), Int32(size.height)).map { ($0, size) }
        }
        guard let target = turnedTarget, SDL_SetRenderTarget(renderer, target.texture) == 0 else { return false }
        return true
    }

    func endTurnedFrame() {
        guard let target = turnedTarget else { return }
        SDL_SetRenderTarget(renderer, nil)
        SDL_RenderCopyEx(renderer, target.texture, nil, nil, 0, nil,
                         SDL_RendererFlip(rawValue: SDL_FLIP_HORIZONTAL.rawValue | SDL_FLIP_VERTICAL.rawValue))
    }

    func register(basemaps: [MapRenderer]) { self.basemaps = basemaps }

    /// Drops the textures a reset lost. Stamps are drawn into render targets, so they go with
    /// either reset; text textures are uploaded from pixels, lost only with the device. The
    /// turned frame's target is drawn whole every frame, but made again with the device.
    func recover(from reset: RenderReset) {
        stamps.purge()
        guard reset == .device else { return }
        text.purge()
        if let turnedTarget { SDL_DestroyTexture(turnedTarget.texture) }
        turnedTarget = nil
    }

    var textures: TextureFigures {
        TextureFigures(textLines: text.cachedCount, textBytes: text.cachedByteCount, stamps: stamps.count,
                       textLinesMade: text.linesMade, stampsMade: stamps.made)
    }

    /// The basemap a request names; nil when it is not one registered (a frame made before a reload).
    func basemap(for request: BasemapRequest) -> MapRenderer? {
        basemaps.first { $0.identity == request.map }?.shaded(by: request.shading)
    }

    /// A new frame: the text cache may hold lines covering about a screen, at least (a texture
    /// takes 4 bytes a pixel of its rectangle; pixels kept in memory leave out the transparent
    /// ones, much of a label: the README says how much). Returns the output size, read once a frame.
    @discardableResult
    func beginFrame() -> Size {
        let size = outputSize
        text.byteBudget = max(8 << 20, Int(size.width * size.height) * (text.keepsPixels ? 2 : 4))
        text.beginFrame()
        return size
    }

    /// Drawable size in pixels.
    var outputSize: Size {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetRendererOutputSize(renderer, &w, &h)
        return Size(width: Double(w), height: Double(h))
    }

    /// A stamp copied, or its shapes drawn in place when it could not be made.
    func draw(_ stamp: StampPrimitive, into batch: SurfaceBatch? = nil) {
        if !stamps.draw(stamp, painter: &painter, into: batch), let shapes = stamps.placedShapes(stamp) {
            batch?.flush()
            painter.drawShapes(of: shapes)
        }
    }

    func capture() throws -> RGBAImage {
        let size = outputSize
        let w = Int(size.width), h = Int(size.height)
        var pixels = [UInt8](repeating: 0, count: w * h * 4)
        let status = pixels.withUnsafeMutableBytes { raw in
            SDL_RenderReadPixels(renderer, nil, CSDL_PIXELFORMAT_ABGR8888, raw.baseAddress, Int32(w * 4))
        }
        if status != 0 { throw SDLError("SDL_RenderReadPixels") }
        return RGBAImage(width: w, height: h, pixels: pixels)
    }
}
