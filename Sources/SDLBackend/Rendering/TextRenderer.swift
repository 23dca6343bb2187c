import CSDL2
import Foundation
import MapGeometry
import MapScene

/// Fonts and a cache of rendered text textures, so that a frame of 200 labels costs 200 blits.
///
/// A line is kept while it is used; the least recently used go once the cache is over its budget,
/// never one drawn in the current frame (a frame's labels must fit, or they would be made again
/// every frame).
final class TextRenderer {
    struct FontKey: Hashable { var size: Int; var bold: Bool; var outline: Int }
    struct TextKey: Hashable { var text: String; var size: Int; var bold: Bool; var color: RGBA; var halo: RGBA?; var turned: Bool }
    /// A line of text as one image: the text, over its halo when it has one (drawn together
    /// once, so that a label costs one copy a frame rather than two). With the software renderer
    /// the image is kept in memory (`pixels`), and a texture is made only if a frame needs one.
    struct Entry {
        var texture: OpaquePointer?
        /// The texture's size.
        var width: Int32
        var height: Int32
        /// Where the text itself starts in the texture, and its size (the halo reaches beyond it).
        var textX: Int32
        var textY: Int32
        var textWidth: Int32
        var textHeight: Int32
        /// The same pixels in memory, for the software renderer (see ``StampPixels``).
        var pixels: StampPixels?
        var lastUsed: Int
        /// A turned line whose texture was made upright: it is flipped both ways when copied.
        var flipsTexture = false
    }

    let regularPath: String
    let boldPath: String
    private var fonts: [FontKey: OpaquePointer] = [:]
    private var cache: [TextKey: Entry] = [:]
    private var frame = 0
    private let capacity = 1024
    /// Memory of the cached lines; kept under `byteBudget` by evicting the least used.
    private var cachedBytes = 0
    /// Lines covering about a screen, at least (see ``RenderingContext/beginFrame()``): a view's labels fit, whatever the screen.
    var byteBudget = 8 << 20

    /// Keep each text's pixels in memory too, to write them straight into the window's surface.
    var keepsPixels = false

    init(regularPath: String, boldPath: String) throws {
        if TTF_WasInit() == 0, TTF_Init() != 0 { throw SDLError("TTF_Init") }
        for path in [regularPath, boldPath] where !FileManager.default.fileExists(atPath: path) {
            throw SDLError("opening font", message: "\(path) does not exist")
        }
        self.regularPath = regularPath
        self.boldPath = boldPath
        _ = try font(FontKey(size: 16, bold: false, outline: 0))
    }

    deinit {
        purge()
        for f in fonts.values { TTF_CloseFont(f) }
    }

    func font(_ key: FontKey) throws -> OpaquePointer {
        if let f = fonts[key] { return f }
        guard let f = TTF_OpenFont(key.bold ? boldPath : regularPath, Int32(key.size)) else {
            throw SDLError("opening font \(key.bold ? boldPath : regularPath)")
        }
        TTF_SetFontHinting(f, TTF_HINTING_LIGHT)
        if key.outline > 0 { TTF_SetFontOutline(f, Int32(key.outline)) }
        fonts[key] = f
        return f
    }

    func measure(_ text: String, size: Double, bold: Bool) -> Size {
        guard let f = try? font(FontKey(size: Self.pixelSize(size), bold: bold, outline: 0)) else {
            return EstimatedTextMeasurer().measure(text, size: size, bold: bold)
        }
        var w: Int32 = 0, h: Int32 = 0
        TTF_SizeUTF8(f, text, &w, &h)
        return Size(width: Double(w), height: Double(h))
    }

    static func pixelSize(_ size: Double) -> Int { max(6, Int(size.rounded())) }

    func beginFrame() { frame += 1 }

    /// Draws a line of text: added to `batch` when given and its pixels are kept, else through
    /// the renderer (after the batch is flushed).
    func draw(_ t: TextPrimitive, renderer: OpaquePointer, into batch: SurfaceBatch? = nil) {
        let key = TextKey(text: t.text, size: Self.pixelSize(t.size), bold: t.bold, color: t.color, halo: t.halo, turned: t.turned)
        guard var entry = cache[key] ?? makeEntry(key, renderer: renderer) else { return }
        entry.lastUsed = frame
        cache[key] = entry
        // Where the line's own box starts on screen: a turned line starts on its anchor's other side.
        let start: TextPrimitive.Alignment
        switch (t.alignment, t.turned) {
        case (.left, true): start = .right
        case (.right, true): start = .left
        default: start = t.alignment
        }
        let x: Int32
        switch start {
        case .left: x = Int32(t.anchor.x.rounded())
        case .center: x = Int32((t.anchor.x - Double(entry.textWidth) / 2).rounded())
        case .right: x = Int32((t.anchor.x - Double(entry.textWidth)).rounded())
        }
        let y = Int32((t.anchor.y - Double(entry.textHeight) / 2).rounded())
        if let batch, let pixels = entry.pixels {
            batch.add(StampWrite(pixels: pixels, left: Int(x - entry.textX), top: Int(y - entry.textY)))
            return
        }
        batch?.flush()
        if entry.texture == nil, let pixels = entry.pixels {
            entry.texture = pixels.texture(renderer: renderer)
            cachedBytes += Self.bytes(entry) - pixels.byteCount  // what the texture adds
            cache[key] = entry
        }
        var r = SDL_Rect(x: x - entry.textX, y: y - entry.textY, w: entry.width, h: entry.height)
        if entry.flipsTexture {
            SDL_RenderCopyEx(renderer, entry.texture, nil, &r, 0, nil, SDL_RendererFlip(rawValue: SDL_FLIP_HORIZONTAL.rawValue | SDL_FLIP_VERTICAL.rawValue))
        } else {
            SDL_RenderCopy(renderer, entry.texture, nil, &r)
        }
    }

    private func makeEntry(_ key: TextKey, renderer: OpaquePointer) -> Entry? {
        linesMade += 1
        if cache.count >= capacity || cachedBytes > byteBudget { evict() }
        guard let f = try? font(FontKey(size: key.size, bold: key.bold, outline: 0)),
              let text = render(key.text, font: f, color: key.color) else { return nil }
        defer { SDL_FreeSurface(text) }
        let w = text.pointee.w, h = text.pointee.h
        var surface = text, textX: Int32 = 0, textY: Int32 = 0
        var halo: UnsafeMutablePointer<SDL_Surface>?
        defer { if let halo { SDL_FreeSurface(halo) } }
        if let haloColor = key.halo, let hf = try? font(FontKey(size: key.size, bold: key.bold, outline: max(1, key.size / 8))),
           let outlined = render(key.text, font: hf, color: haloColor) {
            // The text blended over its halo, centred on it as the outline grows it on every side.
            halo = outlined
            textX = (outlined.pointee.w - w) / 2
            textY = (outlined.pointee.h - h) / 2
            var at = SDL_Rect(x: textX, y: textY, w: w, h: h)
            SDL_SetSurfaceBlendMode(text, SDL_BLENDMODE_BLEND)
            if SDL_UpperBlit(text, nil, outlined, &at) == 0 {
                surface = outlined
            } else {
                textX = 0
                textY = 0
            }
        }
        var pixels = keepsPixels ? Self.pixels(of: surface) : nil
        if key.turned { pixels = pixels?.turned() }
        let texture = pixels == nil ? SDL_CreateTextureFromSurface(renderer, surface) : nil
        guard pixels != nil || texture != nil else { return nil }
        var entry = Entry(texture: texture, width: surface.pointee.w, height: surface.pointee.h,
                          textX: textX, textY: textY, textWidth: w, textHeight: h, pixels: pixels, lastUsed: frame)
        if key.turned {
            // The halo's margin around the text swaps sides with the turn.
            entry.textX = entry.width - w - textX
            entry.textY = entry.height - h - textY
            entry.flipsTexture = texture != nil
        }
        cachedBytes += Self.bytes(entry)
        return entry
    }

    /// Texture and kept pixels.
    static func bytes(_ e: Entry) -> Int { (e.texture == nil ? 0 : Int(e.width * e.height) * 4) + (e.pixels?.byteCount ?? 0) }

    /// An ARGB8888 surface's pixels (what SDL_ttf renders), row after row without padding.
    private static func pixels(of surface: UnsafeMutablePointer<SDL_Surface>) -> StampPixels? {
        guard surface.pointee.format.pointee.format == CSDL_PIXELFORMAT_ARGB8888, let base = surface.pointee.pixels else { return nil }
        let w = Int(surface.pointee.w), h = Int(surface.pointee.h), pitch = Int(surface.pointee.pitch)
        var argb = [UInt32](repeating: 0, count: w * h)
        argb.withUnsafeMutableBytes { raw in
            for y in 0..<h { (raw.baseAddress! + y * w * 4).copyMemory(from: base + y * pitch, byteCount: w * 4) }
        }
        return StampPixels(width: w, height: h, pixels: argb)
    }

    private func render(_ text: String, font: OpaquePointer, color: RGBA) -> UnsafeMutablePointer<SDL_Surface>? {
        TTF_RenderUTF8_Blended(font, text, SDL_Color(r: color.r, g: color.g, b: color.b, a: color.a))
    }

    /// Frees the least recently used lines, down to three quarters of the budget, but none drawn
    /// in this frame.
    private func evict() {
        var victims = cache.filter { $0.value.lastUsed < frame }.sorted { $0.value.lastUsed < $1.value.lastUsed }[...]
        while cachedBytes > byteBudget * 3 / 4 || cache.count >= capacity * 3 / 4, let (key, entry) = victims.popFirst() {
            if let texture = entry.texture { SDL_DestroyTexture(texture) }
            cache.removeValue(forKey: key)
            cachedBytes -= Self.bytes(entry)
        }
    }

    /// Frees every texture (the renderer is going away, or was reset).
    func purge() {
        for entry in cache.values { if let texture = entry.texture { SDL_DestroyTexture(texture) } }
        cache = [:]
        cachedBytes = 0
    }

    var cachedCount: Int { cache.count }
    var cachedByteCount: Int { cachedBytes }
    /// Lines rendered with the font since the start (each cache miss).
    private(set) var linesMade = 0
}

/// Measures with the real fonts, for layout and label placement.
public final class FontTextMeasurer: TextMeasuring, @unchecked Sendable {
    // The fonts are only touched from the thread that owns the window (the render loop).
    let renderer: TextRenderer

    init(renderer: TextRenderer) {
        self.renderer = renderer
    }

    public func measure(_ text: String, size: Double, bold: Bool) -> Size {
        renderer.measure(text, size: size, bold: bold)
    }
}
