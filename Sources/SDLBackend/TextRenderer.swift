import CSDL2
import Foundation
import MapGeometry
import MapScene

/// Fonts and a cache of rendered text textures, so that a frame of 200 labels costs 200 blits.
///
/// A texture is kept while it is used; those unused for a while are freed once the cache is large.
final class TextRenderer {
    struct FontKey: Hashable { var size: Int; var bold: Bool; var outline: Int }
    struct TextKey: Hashable { var text: String; var size: Int; var bold: Bool; var color: RGBA; var halo: RGBA? }
    struct Entry {
        var texture: OpaquePointer
        var width: Int32
        var height: Int32
        var halo: OpaquePointer?
        var haloWidth: Int32
        var haloHeight: Int32
        var lastUsed: Int
    }

    let regularPath: String
    let boldPath: String
    private var fonts: [FontKey: OpaquePointer] = [:]
    private var cache: [TextKey: Entry] = [:]
    private var frame = 0
    private let capacity = 1024
    /// Pixel memory of the cached textures; kept under `byteBudget` by evicting the least used.
    private var cachedBytes = 0
    private let byteBudget = 8 << 20

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

    func draw(_ t: TextPrimitive, renderer: OpaquePointer) {
        let key = TextKey(text: t.text, size: Self.pixelSize(t.size), bold: t.bold, color: t.color, halo: t.halo)
        guard var entry = cache[key] ?? makeEntry(key, renderer: renderer) else { return }
        entry.lastUsed = frame
        cache[key] = entry
        let x: Int32
        switch t.alignment {
        case .left: x = Int32(t.anchor.x.rounded())
        case .center: x = Int32((t.anchor.x - Double(entry.width) / 2).rounded())
        case .right: x = Int32((t.anchor.x - Double(entry.width)).rounded())
        }
        let y = Int32((t.anchor.y - Double(entry.height) / 2).rounded())
        if let halo = entry.halo {
            let dx = (entry.haloWidth - entry.width) / 2, dy = (entry.haloHeight - entry.height) / 2
            var r = SDL_Rect(x: x - dx, y: y - dy, w: entry.haloWidth, h: entry.haloHeight)
            SDL_RenderCopy(renderer, halo, nil, &r)
        }
        var r = SDL_Rect(x: x, y: y, w: entry.width, h: entry.height)
        SDL_RenderCopy(renderer, entry.texture, nil, &r)
    }

    private func makeEntry(_ key: TextKey, renderer: OpaquePointer) -> Entry? {
        if cache.count >= capacity || cachedBytes > byteBudget { evict() }
        guard let f = try? font(FontKey(size: key.size, bold: key.bold, outline: 0)),
              let (texture, w, h) = renderTexture(key.text, font: f, color: key.color, renderer: renderer) else { return nil }
        var entry = Entry(texture: texture, width: w, height: h, halo: nil, haloWidth: 0, haloHeight: 0, lastUsed: frame)
        if let haloColor = key.halo {
            let outline = max(1, key.size / 8)
            if let hf = try? font(FontKey(size: key.size, bold: key.bold, outline: outline)),
               let (ht, hw, hh) = renderTexture(key.text, font: hf, color: haloColor, renderer: renderer) {
                entry.halo = ht
                entry.haloWidth = hw
                entry.haloHeight = hh
            }
        }
        cachedBytes += Self.bytes(entry)
        return entry
    }

    static func bytes(_ e: Entry) -> Int { Int(e.width * e.height + e.haloWidth * e.haloHeight) * 4 }

    private func renderTexture(_ text: String, font: OpaquePointer, color: RGBA,
                         renderer: OpaquePointer) -> (OpaquePointer, Int32, Int32)? {
        let c = SDL_Color(r: color.r, g: color.g, b: color.b, a: color.a)
        guard let surface = TTF_RenderUTF8_Blended(font, text, c) else { return nil }
        defer { SDL_FreeSurface(surface) }
        guard let texture = SDL_CreateTextureFromSurface(renderer, surface) else { return nil }
        return (texture, surface.pointee.w, surface.pointee.h)
    }

    /// Frees textures not used in the last few seconds of frames.
    private func evict() {
        let stale = cache.filter { frame - $0.value.lastUsed > 120 }
        let victims = stale.isEmpty ? Array(cache.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(capacity / 4)) : Array(stale)
        for (key, entry) in victims {
            SDL_DestroyTexture(entry.texture)
            if let h = entry.halo { SDL_DestroyTexture(h) }
            cache.removeValue(forKey: key)
            cachedBytes -= Self.bytes(entry)
        }
    }

    /// Frees every texture (the renderer is going away, or was reset).
    func purge() {
        for entry in cache.values {
            SDL_DestroyTexture(entry.texture)
            if let h = entry.halo { SDL_DestroyTexture(h) }
        }
        cache = [:]
        cachedBytes = 0
    }

    var cachedCount: Int { cache.count }
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
