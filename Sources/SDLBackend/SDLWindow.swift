import CSDL2
import Foundation
import MapGeometry
import MapScene

/// The kiosk's window and renderer: the one place that opens SDL, draws display lists and reads
/// pixels back. Use from one thread only (SDL's rule for video).
public final class SDLWindow {
    public let options: WindowOptions
    private let window: OpaquePointer
    private let renderer: OpaquePointer
    private let text: TextRenderer
    public let rendererName: String
    private var currentBlend = SDL_BLENDMODE_BLEND

    /// Opens the window. Fonts are the regular and bold TTF files used for all text.
    public init(options: WindowOptions, regularFont: String, boldFont: String) throws {
        self.options = options
        SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0")
        SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0")
        SDL_SetHint(SDL_HINT_RENDER_BATCHING, "1")
        SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0")
        if options.mode == .headless {
            SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy")
            SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software")
        }
        if SDL_WasInit(UInt32(SDL_INIT_VIDEO)) == 0, SDL_Init(UInt32(SDL_INIT_VIDEO | SDL_INIT_EVENTS)) != 0 {
            throw SDLError("SDL_Init (video driver \(ProcessInfo.processInfo.environment["SDL_VIDEODRIVER"] ?? "auto"))")
        }
        var flags = SDL_WINDOW_SHOWN.rawValue | SDL_WINDOW_ALLOW_HIGHDPI.rawValue
        var width = Int32(options.size?.width ?? 1920), height = Int32(options.size?.height ?? 1080)
        switch options.mode {
        case .fullscreen:
            if options.size == nil {
                flags |= SDL_WINDOW_FULLSCREEN_DESKTOP.rawValue
                var mode = SDL_DisplayMode()
                if SDL_GetDesktopDisplayMode(0, &mode) == 0 { width = mode.w; height = mode.h }
            } else {
                flags |= SDL_WINDOW_FULLSCREEN.rawValue
            }
        case .windowed:
            flags |= SDL_WINDOW_RESIZABLE.rawValue
        case .headless:
            break
        }
        guard let window = SDL_CreateWindow(options.title, CSDL_WINDOWPOS_CENTERED, CSDL_WINDOWPOS_CENTERED,
                                            width, height, flags) else {
            throw SDLError("SDL_CreateWindow")
        }
        var renderer: OpaquePointer?
        if options.mode != .headless {
            let rflags = SDL_RENDERER_ACCELERATED.rawValue | (options.vsync ? SDL_RENDERER_PRESENTVSYNC.rawValue : 0)
            renderer = SDL_CreateRenderer(window, -1, rflags)
        }
        if renderer == nil {
            renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue)
        }
        guard let renderer else {
            SDL_DestroyWindow(window)
            throw SDLError("SDL_CreateRenderer")
        }
        self.window = window
        self.renderer = renderer
        var info = SDL_RendererInfo()
        SDL_GetRendererInfo(renderer, &info)
        rendererName = info.name.map { String(cString: $0) } ?? "unknown"
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND)
        if options.mode == .fullscreen { SDL_ShowCursor(SDL_DISABLE) }
        do {
            text = try TextRenderer(regularPath: regularFont, boldPath: boldFont)
        } catch {
            SDL_DestroyRenderer(renderer)
            SDL_DestroyWindow(window)
            throw error
        }
    }

    deinit {
        text.purge()
        SDL_DestroyRenderer(renderer)
        SDL_DestroyWindow(window)
    }

    /// Drawable size in pixels (larger than the window's size in points on HiDPI screens).
    public var pixelSize: Size {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetRendererOutputSize(renderer, &w, &h)
        return Size(width: Double(w), height: Double(h))
    }

    /// Window size in screen coordinates, the space mouse events come in.
    var logicalSize: Size {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetWindowSize(window, &w, &h)
        return Size(width: Double(w), height: Double(h))
    }

    public lazy var textMeasurer: FontTextMeasurer = FontTextMeasurer(renderer: text)

    /// Draws a frame (without presenting it).
    public func draw(_ list: DisplayList) {
        text.beginFrame()
        let bg = list.background
        SDL_SetRenderDrawColor(renderer, bg.r, bg.g, bg.b, bg.a)
        SDL_RenderClear(renderer)
        for item in list.items {
            switch item {
            case .mesh(let mesh): drawMesh(mesh)
            case .rects(let rects): drawRects(rects)
            case .polylines(let lines): drawPolylines(lines)
            case .text(let t): text.draw(t, renderer: renderer)
            }
        }
    }

    /// Shows the frame drawn (waits for vertical sync where the renderer has it).
    public func present() {
        SDL_RenderPresent(renderer)
    }

    /// Opaque shapes skip blending: the software rasteriser then writes pixels straight.
    private func setBlend(for color: RGBA) {
        let blend = color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND
        if blend != currentBlend {
            SDL_SetRenderDrawBlendMode(renderer, blend)
            currentBlend = blend
        }
    }

    private func drawRects(_ rects: RectsPrimitive) {
        setBlend(for: rects.color)
        SDL_SetRenderDrawColor(renderer, rects.color.r, rects.color.g, rects.color.b, rects.color.a)
        rects.rects.withUnsafeBufferPointer { floats in
            floats.baseAddress!.withMemoryRebound(to: SDL_FRect.self, capacity: rects.count) { frects in
                _ = SDL_RenderFillRectsF(renderer, frects, Int32(rects.count))
            }
        }
    }

    private func drawPolylines(_ lines: PolylinesPrimitive) {
        setBlend(for: lines.color)
        SDL_SetRenderDrawColor(renderer, lines.color.r, lines.color.g, lines.color.b, lines.color.a)
        lines.points.withUnsafeBufferPointer { floats in
            floats.baseAddress!.withMemoryRebound(to: SDL_FPoint.self, capacity: floats.count / 2) { points in
                for k in 0..<(lines.runStarts.count - 1) {
                    let start = Int(lines.runStarts[k]), end = Int(lines.runStarts[k + 1])
                    if end - start >= 2 { SDL_RenderDrawLinesF(renderer, points + start, Int32(end - start)) }
                }
            }
        }
    }

    private func drawMesh(_ mesh: MeshPrimitive) {
        setBlend(for: mesh.color)
        var color = SDL_Color(r: mesh.color.r, g: mesh.color.g, b: mesh.color.b, a: mesh.color.a)
        let vertexCount = Int32(mesh.vertices.count / 2)
        mesh.vertices.withUnsafeBufferPointer { xy in
            mesh.indices.withUnsafeBufferPointer { idx in
                // One colour for every vertex: a colour stride of 0 reads the same SDL_Color each time.
                _ = SDL_RenderGeometryRaw(renderer, nil, xy.baseAddress, 8, &color, 0, nil, 0,
                                          vertexCount, idx.baseAddress, Int32(idx.count), 4)
            }
        }
    }

    /// Reads back what was drawn (call after ``draw(_:)``, before ``present()``).
    public func capture() throws -> RGBAImage {
        let size = pixelSize
        let w = Int(size.width), h = Int(size.height)
        var pixels = [UInt8](repeating: 0, count: w * h * 4)
        let status = pixels.withUnsafeMutableBytes { raw in
            SDL_RenderReadPixels(renderer, nil, CSDL_PIXELFORMAT_ABGR8888, raw.baseAddress, Int32(w * 4))
        }
        if status != 0 { throw SDLError("SDL_RenderReadPixels") }
        return RGBAImage(width: w, height: h, pixels: pixels)
    }

}
