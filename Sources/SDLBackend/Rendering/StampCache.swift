import CSDL2
import MapGeometry
import MapScene

/// Stamps (see ``StampPrimitive``) drawn once into textures with transparency, from the shapes
/// their ``StampLibrary`` gives, then copied: a marker then costs one small copy a frame instead
/// of rasterising its discs and pictogram.
/// With the software renderer their pixels are also kept in memory (``StampPixels``), written
/// straight into the window's surface.
final class StampCache {
    private let renderer: OpaquePointer
    private struct Stamp {
        var texture: OpaquePointer
        var pixels: StampPixels?
    }
    /// A look at a size: markers of one look differ in size by a pixel or two (cluster bubbles
    /// grow with their count), and a stamp is drawn at the size it was made, not stretched.
    private struct SizedKey: Hashable {
        var key: StampKey
        var side: Int32
    }
    private var stamps: [SizedKey: Stamp] = [:]
    /// Keep each stamp's pixels in memory for ``draw(_:painter:into:)``'s direct path.
    let keepsPixels: Bool
    /// What draws the stamps the frames name (the shell registers it once).
    var library: (any StampLibrary)?
    /// Distinct looks kept; markers have a few dozen (categories × sizes × selected).
    static let capacity = 256

    init(renderer: OpaquePointer, keepsPixels: Bool) {
        self.renderer = renderer
        self.keepsPixels = keepsPixels
    }

    deinit { purge() }

    /// Stamps kept now, and made since the start.
    var count: Int { stamps.count }
    private(set) var made = 0

    func purge() {
        for stamp in stamps.values { SDL_DestroyTexture(stamp.texture) }
        stamps = [:]
    }

    /// Copies the stamp to its place, drawing it first if it is new: added to `batch` when given
    /// and its pixels are kept, else through the renderer (after the batch is flushed). Returns
    /// false if it could not be made (the caller then draws its shapes in place, see ``placedShapes(_:)``).
    func draw(_ stamp: StampPrimitive, painter: inout PrimitivePainter, into batch: SurfaceBatch? = nil) -> Bool {
        let side = Int32((stamp.radius * 2).rounded(.up)) + 2
        let key = SizedKey(key: stamp.key, side: side)
        guard let made = stamps[key] ?? make(stamp, side: side, painter: &painter) else { return false }
        let left = Int32((stamp.center.x - Double(side) / 2).rounded()), top = Int32((stamp.center.y - Double(side) / 2).rounded())
        if let batch, let pixels = made.pixels {
            batch.add(StampWrite(pixels: pixels, left: Int(left), top: Int(top)))
        } else {
            batch?.flush()
            var destination = SDL_Rect(x: left, y: top, w: side, h: side)
            SDL_RenderCopy(renderer, made.texture, nil, &destination)
        }
        return true
    }

    /// Draws the stamp at 4× its size and halves it twice with linear filtering: 16 samples a
    /// pixel, so a marker's edge is smooth (the software renderer itself does not antialias).
    /// The stamp's shapes at its place, for when no texture could be made.
    func placedShapes(_ stamp: StampPrimitive) -> DisplayList? {
        library?.shapes(of: stamp.key, centeredAt: stamp.center)
    }

    private func make(_ stamp: StampPrimitive, side: Int32, painter: inout PrimitivePainter) -> Stamp? {
        guard let shapes = library?.shapes(of: stamp.key, centeredAt: Point(x: Double(side) / 2, y: Double(side) / 2)) else { return nil }
        // Transparent pixels take the outermost colour (the first shape's), so that filtering
        // fades the edge out rather than towards black.
        var edge = RGBA.clear
        if case .mesh(let first)? = shapes.items.first { edge = first.color.withAlpha(0) }
        guard let large = target(side: side * 4, clear: edge, painter: &painter) else { return nil }
        SDL_RenderSetScale(renderer, 4, 4)
        painter.drawShapes(of: shapes)
        SDL_RenderSetScale(renderer, 1, 1)
        guard let half = halve(large, to: side * 2, clear: edge, painter: &painter),
              let texture = halve(half, to: side, clear: edge, painter: &painter) else {
            SDL_SetRenderTarget(renderer, nil)
            return nil
        }
        var pixels: StampPixels?
        if keepsPixels {
            // Still the target: read back what was drawn.
            var argb = [UInt32](repeating: 0, count: Int(side * side))
            let status = argb.withUnsafeMutableBytes {
                SDL_RenderReadPixels(renderer, nil, CSDL_PIXELFORMAT_ARGB8888, $0.baseAddress, side * 4)
            }
            if status == 0 { pixels = StampPixels(width: Int(side), height: Int(side), pixels: argb) }
        }
        SDL_SetRenderTarget(renderer, nil)
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND)
        if stamps.count >= Self.capacity { purge() }
        let made = Stamp(texture: texture, pixels: pixels)
        self.made += 1
        stamps[SizedKey(key: stamp.key, side: side)] = made
        return made
    }

    /// A new target texture, current, cleared to `clear`.
    private func target(side: Int32, clear: RGBA, painter: inout PrimitivePainter) -> OpaquePointer? {
        guard let texture = SDL_CreateTexture(renderer, CSDL_PIXELFORMAT_ARGB8888, Int32(SDL_TEXTUREACCESS_TARGET.rawValue), side, side)
        else { return nil }
        guard SDL_SetRenderTarget(renderer, texture) == 0 else {
            SDL_DestroyTexture(texture)
            return nil
        }
        painter.clear(clear)
        return texture
    }

    /// Copies `source` into a new target half its size, averaging each 2×2 block; frees `source`.
    private func halve(_ source: OpaquePointer, to side: Int32, clear: RGBA, painter: inout PrimitivePainter) -> OpaquePointer? {
        defer { SDL_DestroyTexture(source) }
        guard let texture = target(side: side, clear: clear, painter: &painter) else { return nil }
        SDL_SetTextureBlendMode(source, SDL_BLENDMODE_NONE)
        SDL_SetTextureScaleMode(source, SDL_ScaleModeLinear)
        SDL_RenderCopy(renderer, source, nil, nil)
        return texture
    }
}
