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
    /// An accelerated renderer left for the software one because it rasterises on the CPU
    /// (its OpenGL renderer string), for the log.
    public let passedOverRenderer: String?
    private var painter: PrimitivePainter
    /// The basemap's tiles, when the renderer is software and the options ask for them.
    private var tiles: BasemapTileCache?
    private var stamps: StampCache
    /// Writes tiles, markers and labels into the window's surface on two threads (software renderer).
    private let copier: SplitCopier

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
        var passedOver: String?
        if options.mode != .headless {
            let rflags = SDL_RENDERER_ACCELERATED.rawValue | (options.vsync ? SDL_RENDERER_PRESENTVSYNC.rawValue : 0)
            renderer = SDL_CreateRenderer(window, -1, rflags)
            if let accelerated = renderer, let cpu = Self.openGLRasterisingOnTheCPU(accelerated) {
                // No GPU: OpenGL through Mesa's llvmpipe draws every frame on the CPU, without
                // the basemap's tiles: the software renderer with tiles is about twice as fast
                // (README, "The basemap").
                passedOver = cpu
                SDL_DestroyRenderer(accelerated)
                renderer = nil
            }
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
        passedOverRenderer = passedOver
        painter = PrimitivePainter(renderer: renderer)
        stamps = StampCache(renderer: renderer, keepsPixels: rendererName == "software")
        copier = rendererName == "software" ? SplitCopier() : SplitCopier(cores: 1)
        if options.tiledBasemap && rendererName == "software" {
            SDLEventSource.registerEvents()
            tiles = BasemapTileCache(pixelFormat: SDL_GetWindowPixelFormat(window), planner: TilePlanner(), copier: copier,
                                     onTileFinished: { SDLEventSource.postTilesReady() })
        }
        if options.mode == .fullscreen { SDL_ShowCursor(SDL_DISABLE) }
        do {
            text = try TextRenderer(regularPath: regularFont, boldPath: boldFont)
            text.keepsPixels = rendererName == "software"
        } catch {
            tiles = nil
            copier.stop()
            SDL_DestroyRenderer(renderer)
            SDL_DestroyWindow(window)
            throw error
        }
    }

    /// The OpenGL renderer string when `renderer` is SDL's OpenGL renderer on a driver that
    /// rasterises on the CPU (llvmpipe, softpipe, SwiftShader); nil otherwise.
    private static func openGLRasterisingOnTheCPU(_ renderer: OpaquePointer) -> String? {
        var info = SDL_RendererInfo()
        guard SDL_GetRendererInfo(renderer, &info) == 0, let name = info.name.map({ String(cString: $0) }),
              name.hasPrefix("opengl"), let address = SDL_GL_GetProcAddress("glGetString") else { return nil }
        typealias GetString = @convention(c) (UInt32) -> UnsafePointer<UInt8>?
        let glGetString = unsafeBitCast(address, to: GetString.self)
        guard let text = glGetString(0x1F01) else { return nil }  // GL_RENDERER, of the context SDL made current
        let description = String(cString: text)
        let software = ["llvmpipe", "softpipe", "swiftshader", "software rasterizer"]
        return software.contains { description.lowercased().contains($0) } ? "\(name): \(description)" : nil
    }

    deinit {
        tiles = nil
        copier.stop()
        stamps.purge()
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

    /// Draws a frame (without presenting it). The basemap comes from tiles when they cover the
    /// screen and `basemapFromTiles` allows it; otherwise it is rasterised here and now.
    public func draw(_ list: DisplayList, basemapFromTiles: Bool = true) {
        text.beginFrame()
        let size = pixelSize
        text.byteBudget = max(8 << 20, Int(size.width * size.height) * 4)
        var items = list.items[...]
        let screen = writableSurface(size: size)
        let drawStart = DispatchTime.now().uptimeNanoseconds
        defer { lastDrawMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - drawStart) / 1e6 }
        if basemapFromTiles, case .basemap(let layer)? = items.first, layer.camera.bearing == 0,
           let tiles, let screen, screen.pointee.format.pointee.format == tiles.pixelFormat,
           tiles.draw(layer, into: screen, hidden: list.opaqueAreas(after: 0, minimumSide: 32)) {
            // The tiles cover every pixel (or cleared first): no clear needed.
            items = items.dropFirst()
            lastBasemapFrame = tiles.lastFrame
        } else {
            painter.clear(list.background)
            lastBasemapFrame = .direct
        }
        lastBasemapMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - drawStart) / 1e6
        // Markers and labels are gathered and written together; what the renderer draws comes after them.
        let batch = screen.map { SurfaceBatch(target: PixelBuffer(surface: $0), renderer: renderer, copier: copier) }
        for item in items {
            switch item {
            case .text(let t): text.draw(t, renderer: renderer, into: batch)
            case .stamp(let stamp):
                if !stamps.draw(stamp, painter: &painter, into: batch) {
                    batch?.flush()
                    painter.drawShapes(of: stamp.placedShapes)
                }
            case .mesh(let mesh):
                batch?.flush()
                painter.draw(mesh)
            case .rects(let rects):
                batch?.flush()
                painter.draw(rects)
            case .polylines(let lines):
                batch?.flush()
                painter.draw(lines)
            case .basemap(let layer):
                batch?.flush()
                painter.drawShapes(of: layer.geometry())
                if let tiles, let screen, layer.camera.bearing == 0, basemapFromTiles {
                    SDL_RenderFlush(renderer)
                    tiles.keepSnapshot(of: screen, camera: layer.camera)
                }
            }
        }
        batch?.flush()
    }

    /// The surface the software renderer draws into, its queue flushed, when pixels may be
    /// written straight into it: 32-bit xRGB, unlocked, the renderer's output `size`. Nil otherwise (an
    /// accelerated renderer, another pixel format): everything then goes through the renderer.
    private func writableSurface(size: Size) -> UnsafeMutablePointer<SDL_Surface>? {
        guard rendererName == "software" else { return nil }
        SDL_RenderFlush(renderer)
        guard let surface = SDL_GetWindowSurface(window), let format = surface.pointee.format,
              format.pointee.BytesPerPixel == 4, format.pointee.Rmask == 0xFF0000, format.pointee.Gmask == 0xFF00,
              format.pointee.Bmask == 0xFF, surface.pointee.pixels != nil,
              surface.pointee.flags & UInt32(SDL_RLEACCEL) == 0 else { return nil }  // an RLE surface needs locking
        return Double(surface.pointee.w) == size.width && Double(surface.pointee.h) == size.height ? surface : nil
    }

    /// Shows the frame drawn (waits for vertical sync where the renderer has it).
    public func present() {
        SDL_RenderPresent(renderer)
    }

    /// Another frame would show more of the settled basemap (tiles finished since the last one).
    public var basemapWantsRedraw: Bool { tiles?.wantsRedraw ?? false }

    /// The last frame's basemap was not the settled one and tiles for it are being rendered.
    public var basemapIsSettling: Bool { tiles?.isSettling ?? false }

    /// Waits for every tile the last frame asked for (screenshots, tests).
    public func settleBasemap() { tiles?.settle() }

    /// How the last frame got its basemap.
    public private(set) var lastBasemapFrame = BasemapFrameKind.direct
    /// Time the last ``draw(_:basemapFromTiles:)`` took for the basemap from tiles (or the clear
    /// before a direct one), and in all: the frame log's breakdown.
    public private(set) var lastBasemapMilliseconds = 0.0
    public private(set) var lastDrawMilliseconds = 0.0

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
