import CSDL2
import MapGeometry
import MapScene

/// Stamps (see ``StampPrimitive``) drawn once into textures with transparency, then copied: a
/// marker then costs one small copy a frame instead of rasterising its discs and pictogram.
final class StampCache {
    private let renderer: OpaquePointer
    private var stamps: [StampPrimitive.Key: OpaquePointer] = [:]
    /// Distinct looks kept; markers have a few dozen (categories × sizes × selected).
    static let capacity = 256

    init(renderer: OpaquePointer) {
        self.renderer = renderer
    }

    deinit { purge() }

    func purge() {
        for texture in stamps.values { SDL_DestroyTexture(texture) }
        stamps = [:]
    }

    /// Copies the stamp to its place, drawing it first if it is new. Returns false if it could
    /// not be made (the caller then draws its shapes in place).
    func draw(_ stamp: StampPrimitive, painter: inout PrimitivePainter) -> Bool {
        let side = Int32((stamp.radius * 2).rounded(.up)) + 2
        guard let texture = stamps[stamp.key] ?? make(stamp, side: side, painter: &painter) else { return false }
        var destination = SDL_Rect(x: Int32((stamp.center.x - Double(side) / 2).rounded()),
                                   y: Int32((stamp.center.y - Double(side) / 2).rounded()), w: side, h: side)
        SDL_RenderCopy(renderer, texture, nil, &destination)
        return true
    }

    private func make(_ stamp: StampPrimitive, side: Int32, painter: inout PrimitivePainter) -> OpaquePointer? {
        guard let texture = SDL_CreateTexture(renderer, CSDL_PIXELFORMAT_ARGB8888, Int32(SDL_TEXTUREACCESS_TARGET.rawValue), side, side)
        else { return nil }
        guard SDL_SetRenderTarget(renderer, texture) == 0 else {
            SDL_DestroyTexture(texture)
            return nil
        }
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND)
        painter.clearTransparent()
        painter.drawShapes(of: stamp.shapes(Point(x: Double(side) / 2, y: Double(side) / 2)))
        SDL_SetRenderTarget(renderer, nil)
        if stamps.count >= Self.capacity { purge() }
        stamps[stamp.key] = texture
        return texture
    }
}
