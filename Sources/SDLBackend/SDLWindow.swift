import CSDL2
import Foundation
import MapGeometry
import MapScene

/// The kiosk's window, and the one place that looks at which SDL renderer it got and picks the
/// ``FrameRenderer`` for it. Use from one thread only (SDL's rule for video).
public final class SDLWindow {
    public let options: WindowOptions
    private let window: OpaquePointer
    private let sdlRenderer: OpaquePointer
    private let text: TextRenderer
    /// Draws the frames: accelerated, or software with tiles.
    public var renderer: any FrameRenderer { frameRenderer! }
    /// Optional only so that it goes first when the window closes (see `deinit`).
    private var frameRenderer: (any FrameRenderer)?
    /// An accelerated renderer that `auto` left for the software one because it rasterises on the
    /// CPU (its OpenGL renderer string), for the log.
    public let passedOverRenderer: String?

    /// Opens the window. Fonts are the regular and bold TTF files used for all text, and those
    /// for Arabic script (nil: `NotoSansArabic-Regular.ttf` and `-Bold.ttf` beside the regular one).
    public init(options: WindowOptions, regularFont: String, boldFont: String, arabicFont: String? = nil, arabicBoldFont: String? = nil) throws {
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
        case .headless, .stillImage:
            break
        }
        guard let window = SDL_CreateWindow(options.title, CSDL_WINDOWPOS_CENTERED, CSDL_WINDOWPOS_CENTERED,
                                            width, height, flags) else {
            throw SDLError("SDL_CreateWindow")
        }
        let renderer: OpaquePointer
        let passedOver: String?
        do {
            (renderer, passedOver) = try Self.createRenderer(for: window, options: options)
        } catch {
            SDL_DestroyWindow(window)
            throw error
        }
        let text: TextRenderer
        do {
            text = try TextRenderer(regularPath: regularFont, boldPath: boldFont, arabicRegularPath: arabicFont, arabicBoldPath: arabicBoldFont)
        } catch {
            SDL_DestroyRenderer(renderer)
            SDL_DestroyWindow(window)
            throw error
        }
        self.window = window
        self.sdlRenderer = renderer
        self.text = text
        passedOverRenderer = passedOver
        var info = SDL_RendererInfo()
        SDL_GetRendererInfo(renderer, &info)
        let name = info.name.map { String(cString: $0) } ?? "unknown"
        if info.flags & SDL_RENDERER_SOFTWARE.rawValue != 0 {
            frameRenderer = SoftwareFrameRenderer(window: window, renderer: renderer, name: name, text: text, tiledBasemap: options.tiledBasemap)
        } else {
            frameRenderer = AcceleratedFrameRenderer(renderer: renderer, name: name, text: text)
        }
        if options.mode == .fullscreen { SDL_ShowCursor(SDL_DISABLE) }
    }

    /// The SDL renderer the options ask for. `auto` takes SDL's accelerated renderer unless it
    /// rasterises on the CPU, then the software one; a forced renderer is that one or an error.
    private static func createRenderer(for window: OpaquePointer, options: WindowOptions) throws -> (OpaquePointer, passedOver: String?) {
        let vsync = options.vsync ? SDL_RENDERER_PRESENTVSYNC.rawValue : 0
        if let forced = options.renderer.sdlDriverName {
            let drivers = renderDrivers()
            let unavailable = { (reason: String) in
                RendererUnavailable(requested: options.renderer, offered: drivers,
                                    videoDriver: SDL_GetCurrentVideoDriver().map { String(cString: $0) } ?? "none", reason: reason)
            }
            guard let index = drivers.firstIndex(of: forced) else { throw unavailable("this SDL was built without it") }
            let flags = options.renderer == .software ? SDL_RENDERER_SOFTWARE.rawValue : SDL_RENDERER_ACCELERATED.rawValue | vsync
            guard let renderer = SDL_CreateRenderer(window, Int32(index), flags) else {
                throw unavailable(String(cString: SDL_GetError()))
            }
            return (renderer, nil)
        }
        if options.mode != .headless, let accelerated = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED.rawValue | vsync) {
            guard let cpu = openGLRasterisingOnTheCPU(accelerated) else { return (accelerated, nil) }
            // No GPU: OpenGL through Mesa's llvmpipe draws every frame on the CPU, without the
            // basemap's tiles; the software renderer with tiles keeps the slowest frames shorter
            // there (README, "The renderer").
            SDL_DestroyRenderer(accelerated)
            guard let software = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue) else { throw SDLError("SDL_CreateRenderer") }
            return (software, cpu)
        }
        guard let software = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue) else { throw SDLError("SDL_CreateRenderer") }
        return (software, nil)
    }

    /// The render drivers this SDL was built with, in its order of preference.
    public static func renderDrivers() -> [String] {
        (0..<max(0, SDL_GetNumRenderDrivers())).compactMap { index in
            var info = SDL_RendererInfo()
            guard SDL_GetRenderDriverInfo(index, &info) == 0, let name = info.name else { return nil }
            return String(cString: name)
        }
    }

    /// The OpenGL renderer string when `renderer` is SDL's OpenGL renderer on a driver that
    /// rasterises on the CPU (llvmpipe, softpipe, SwiftShader); nil otherwise.
    private static func openGLRasterisingOnTheCPU(_ renderer: OpaquePointer) -> String? {
        guard let (name, description) = openGLDevice(renderer) else { return nil }
        let software = ["llvmpipe", "softpipe", "swiftshader", "software rasterizer"]
        return software.contains { description.lowercased().contains($0) } ? "\(name): \(description)" : nil
    }

    /// SDL's renderer name and the OpenGL (ES) renderer string, what draws: a GPU's name, or
    /// llvmpipe; nil for a renderer that is not OpenGL.
    private static func openGLDevice(_ renderer: OpaquePointer) -> (name: String, device: String)? {
        var info = SDL_RendererInfo()
        guard SDL_GetRendererInfo(renderer, &info) == 0, let name = info.name.map({ String(cString: $0) }),
              name.hasPrefix("opengl"), let address = SDL_GL_GetProcAddress("glGetString") else { return nil }
        typealias GetString = @convention(c) (UInt32) -> UnsafePointer<UInt8>?
        let glGetString = unsafeBitCast(address, to: GetString.self)
        guard let text = glGetString(0x1F01) else { return nil }  // GL_RENDERER, of the context SDL made current
        return (name, String(cString: text))
    }

    /// What draws the frames: the OpenGL renderer string (a GPU's name, or llvmpipe) for SDL's
    /// OpenGL renderers, nil for the software one. For the logs and the benchmarks.
    public private(set) lazy var graphicsDevice: String? = Self.openGLDevice(sdlRenderer)?.device

    deinit {
        // The frame renderer (tiles, copy helper, textures) goes before the SDL renderer it uses.
        frameRenderer = nil
        SDL_DestroyRenderer(sdlRenderer)
        SDL_DestroyWindow(window)
    }

    /// SDL's name for the renderer in use.
    public var rendererName: String { renderer.name }

    /// Drawable size in pixels (larger than the window's size in points on HiDPI screens).
    public var pixelSize: Size {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetRendererOutputSize(sdlRenderer, &w, &h)
        return Size(width: Double(w), height: Double(h))
    }

    /// Window size in screen coordinates, the space mouse events come in.
    var logicalSize: Size {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetWindowSize(window, &w, &h)
        return Size(width: Double(w), height: Double(h))
    }

    public lazy var textMeasurer: FontTextMeasurer = FontTextMeasurer(renderer: text)
}
