import CSDL2
import Foundation
import MapGeometry
import MapScene

/// Fonts and a cache of rendered text textures, so that a frame of 200 labels costs 200 blits.
///
/// A line with Arabic letters is cut into runs of one direction (``BidiLine``); each run is shaped
/// by HarfBuzz (through SDL_ttf) in its direction, Arabic letters with the Arabic face, and the
/// pieces are laid side by side on one baseline.
///
/// A line is kept while it is used; the least recently used go once the cache is over its budget,
/// never one drawn in the current frame (a frame's labels must fit, or they would be made again
/// every frame).
final class TextRenderer {
    /// The Latin face (DejaVu: Latin, Greek, Cyrillic), or the one for Arabic script.
    enum Face: Hashable { case latin, arabic }
    struct FontKey: Hashable {
        var size: Int
        var bold: Bool
        var outline: Int
        var face: Face = .latin
        /// Shaped right to left (an Arabic run, or the punctuation inside one).
        var rightToLeft = false
    }
    struct TextKey: Hashable {
        var text: String
        var size: Int
        var bold: Bool
        var color: RGBA
        var halo: RGBA?
        var turned: Bool
        var rightToLeft: Bool
    }
    /// A piece of a line shaped with one font, in one direction.
    struct Piece {
        var text: String
        var face: Face
        var rightToLeft: Bool
    }
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
    /// Noto Sans Arabic, if given (else Arabic letters come from the Latin face, unjoined).
    let arabicRegularPath: String?
    let arabicBoldPath: String?
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

    /// Without Arabic fonts, they are looked for beside the regular one (`NotoSansArabic-Regular.ttf`
    /// and `-Bold.ttf`).
    init(regularPath: String, boldPath: String, arabicRegularPath: String? = nil, arabicBoldPath: String? = nil) throws {
        if TTF_WasInit() == 0, TTF_Init() != 0 { throw SDLError("TTF_Init") }
        let directory = URL(fileURLWithPath: regularPath).deletingLastPathComponent()
        func beside(_ name: String) -> String? {
            let path = directory.appendingPathComponent(name).path
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        let arabicRegular = arabicRegularPath ?? beside("NotoSansArabic-Regular.ttf")
        let arabicBold = arabicBoldPath ?? beside("NotoSansArabic-Bold.ttf") ?? arabicRegular
        for path in [regularPath, boldPath] + [arabicRegular, arabicBold].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: path) {
            throw SDLError("opening font", message: "\(path) does not exist")
        }
        self.regularPath = regularPath
        self.boldPath = boldPath
        self.arabicRegularPath = arabicRegular
        self.arabicBoldPath = arabicBold
        _ = try font(FontKey(size: 16, bold: false, outline: 0))
        if arabicRegular != nil { _ = try font(FontKey(size: 16, bold: false, outline: 0, face: .arabic, rightToLeft: true)) }
    }

    deinit {
        purge()
        for f in fonts.values { TTF_CloseFont(f) }
    }

    func font(_ key: FontKey) throws -> OpaquePointer {
        if let f = fonts[key] { return f }
        let path = switch key.face {
        case .latin: key.bold ? boldPath : regularPath
        case .arabic: (key.bold ? arabicBoldPath : arabicRegularPath) ?? regularPath
        }
        // Arabic letters sit small in their em (room for marks above and below): a fifth larger,
        // they look as large as the Latin text beside them.
        let points = key.face == .arabic ? Int((Double(key.size) * 1.2).rounded()) : key.size
        guard let f = TTF_OpenFont(path, Int32(points)) else { throw SDLError("opening font \(path)") }
        TTF_SetFontHinting(f, TTF_HINTING_LIGHT)
        if key.outline > 0 { TTF_SetFontOutline(f, Int32(key.outline)) }
        if key.rightToLeft { TTF_SetFontDirection(f, TTF_DIRECTION_RTL) }
        // HarfBuzz joins Arabic letters only when told the script.
        if key.face == .arabic { TTF_SetFontScriptName(f, "Arab") }
        fonts[key] = f
        return f
    }

    /// The line's pieces from left to right: one for a line without right-to-left letters; else
    /// its runs (``BidiLine``), a right-to-left run cut where the Arabic face lacks a character
    /// (brackets, question marks: taken from the Latin face, still shaped right to left).
    func pieces(of text: String, rightToLeft: Bool) -> [Piece] {
        guard BidiLine.hasRightToLeftLetters(text) else { return [Piece(text: text, face: .latin, rightToLeft: false)] }
        var pieces: [Piece] = []
        for run in BidiLine(text, rightToLeft: rightToLeft).runs {
            guard run.rightToLeft, arabicRegularPath != nil, let arabic = try? font(FontKey(size: 16, bold: false, outline: 0, face: .arabic, rightToLeft: true)) else {
                pieces.append(Piece(text: run.text, face: .latin, rightToLeft: run.rightToLeft))
                continue
            }
            var inReadingOrder: [Piece] = []
            for scalar in run.text.unicodeScalars {
                let face: Face = TTF_GlyphIsProvided32(arabic, scalar.value) != 0 ? .arabic : .latin
                if inReadingOrder.last?.face == face {
                    inReadingOrder[inReadingOrder.count - 1].text.unicodeScalars.append(scalar)
                } else {
                    inReadingOrder.append(Piece(text: String(scalar), face: face, rightToLeft: true))
                }
            }
            pieces.append(contentsOf: inReadingOrder.reversed())
        }
        return pieces
    }

    func measure(_ text: String, size: Double, bold: Bool) -> Size {
        var width = 0.0, height = 0.0
        for piece in pieces(of: text, rightToLeft: false) {
            guard let f = try? font(fontKey(piece, size: Self.pixelSize(size), bold: bold, outline: 0)) else {
                return EstimatedTextMeasurer().measure(text, size: size, bold: bold)
            }
            var w: Int32 = 0, h: Int32 = 0
            TTF_SizeUTF8(f, piece.text, &w, &h)
            width += Double(w)
            height = max(height, Double(h))
        }
        return Size(width: width, height: height)
    }

    private func fontKey(_ piece: Piece, size: Int, bold: Bool, outline: Int) -> FontKey {
        FontKey(size: size, bold: bold, outline: outline, face: piece.face, rightToLeft: piece.rightToLeft)
    }

    static func pixelSize(_ size: Double) -> Int { max(6, Int(size.rounded())) }

    func beginFrame() { frame += 1 }

    /// Draws a line of text: added to `batch` when given and its pixels are kept, else through
    /// the renderer (after the batch is flushed).
    func draw(_ t: TextPrimitive, renderer: OpaquePointer, into batch: SurfaceBatch? = nil) {
        let key = TextKey(text: t.text, size: Self.pixelSize(t.size), bold: t.bold, color: t.color, halo: t.halo, turned: t.turned,
                          rightToLeft: t.rightToLeft)
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
        let pieces = pieces(of: key.text, rightToLeft: key.rightToLeft)
        guard let text = render(pieces, size: key.size, bold: key.bold, outline: 0, color: key.color) else { return nil }
        defer { SDL_FreeSurface(text) }
        let w = text.pointee.w, h = text.pointee.h
        var surface = text, textX: Int32 = 0, textY: Int32 = 0
        var halo: UnsafeMutablePointer<SDL_Surface>?
        defer { if let halo { SDL_FreeSurface(halo) } }
        if let haloColor = key.halo, let outlined = render(pieces, size: key.size, bold: key.bold, outline: max(1, key.size / 8), color: haloColor) {
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

    /// The pieces side by side on one baseline, each where the unoutlined line has it (so that a
    /// halo drawn with `outline` lies `outline` pixels around the text on every side).
    private func render(_ pieces: [Piece], size: Int, bold: Bool, outline: Int, color: RGBA) -> UnsafeMutablePointer<SDL_Surface>? {
        let sdlColor = SDL_Color(r: color.r, g: color.g, b: color.b, a: color.a)
        if pieces.count == 1, let f = try? font(fontKey(pieces[0], size: size, bold: bold, outline: outline)) {
            return TTF_RenderUTF8_Blended(f, pieces[0].text, sdlColor)
        }
        var rendered: [(surface: UnsafeMutablePointer<SDL_Surface>, x: Int32, ascent: Int32)] = []
        defer { for piece in rendered { SDL_FreeSurface(piece.surface) } }
        var x: Int32 = 0, ascent: Int32 = 0, descent: Int32 = 0
        for piece in pieces {
            guard let plain = try? font(fontKey(piece, size: size, bold: bold, outline: 0)),
                  let f = try? font(fontKey(piece, size: size, bold: bold, outline: outline)),
                  let surface = TTF_RenderUTF8_Blended(f, piece.text, sdlColor) else { continue }
            var advance: Int32 = 0, h: Int32 = 0
            TTF_SizeUTF8(plain, piece.text, &advance, &h)
            let pieceAscent = TTF_FontAscent(plain)
            rendered.append((surface, x, pieceAscent))
            ascent = max(ascent, pieceAscent)
            descent = max(descent, surface.pointee.h - 2 * Int32(outline) - pieceAscent)
            x += advance
        }
        guard !rendered.isEmpty,
              let line = SDL_CreateRGBSurfaceWithFormat(0, x + 2 * Int32(outline), ascent + descent + 2 * Int32(outline), 32, CSDL_PIXELFORMAT_ARGB8888)
        else { return nil }
        for piece in rendered {
            Self.lay(piece.surface, into: line, left: Int(piece.x), top: Int(ascent - piece.ascent))
        }
        return line
    }

    /// Copies `piece` into `line` where it covers more than what is there: the halos of two
    /// pieces overlap by their outline, and neither may cut the other.
    private static func lay(_ piece: UnsafeMutablePointer<SDL_Surface>, into line: UnsafeMutablePointer<SDL_Surface>, left: Int, top: Int) {
        guard piece.pointee.format.pointee.format == CSDL_PIXELFORMAT_ARGB8888, let from = piece.pointee.pixels, let to = line.pointee.pixels else { return }
        let width = min(Int(piece.pointee.w), Int(line.pointee.w) - left), height = min(Int(piece.pointee.h), Int(line.pointee.h) - top)
        guard width > 0, height > 0, left >= 0, top >= 0 else { return }
        for y in 0..<height {
            let source = (from + y * Int(piece.pointee.pitch)).assumingMemoryBound(to: UInt32.self)
            let target = (to + (top + y) * Int(line.pointee.pitch) + left * 4).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width where source[x] >> 24 > target[x] >> 24 { target[x] = source[x] }
        }
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
