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
        stamps.purge()
        text.purge()
    }

    func register(basemaps: [MapRenderer]) { self.basemaps = basemaps }

    /// The basemap a request names; nil when it is not one registered (a frame made before a reload).
    func basemap(for request: BasemapRequest) -> MapRenderer? {
        basemaps.first { $0.identity == request.map }?.shaded(by: request.shading)
    }

    /// A new frame: the text cache may hold a screenful of pixels, at least. Returns the output
    /// size, read once a frame.
    @discardableResult
    func beginFrame() -> Size {
        let size = outputSize
        text.byteBudget = max(8 << 20, Int(size.width * size.height) * 4)
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
