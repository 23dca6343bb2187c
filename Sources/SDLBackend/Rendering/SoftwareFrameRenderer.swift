import CSDL2
import Foundation
import MapGeometry
import MapScene

/// Frames on SDL's software renderer, where rasterising is most of a frame's cost: the basemap
/// comes from tiles rendered ahead on a worker thread (``BasemapTileCache``), and tiles, stamps and
/// text are written straight into the window's surface by two threads (``SplitCopier``).
///
/// Its ordering rules live here: what is written into the surface is gathered in a
/// ``SurfaceBatch`` and flushed before anything the SDL renderer draws, so that the frame keeps
/// its items' order; nothing is copied under opaque areas drawn later.
final class SoftwareFrameRenderer: FrameRenderer {
    let name: String
    private let window: OpaquePointer
    private let context: RenderingContext
    /// Writes tiles, markers and labels into the window's surface on two threads.
    private let copier = SplitCopier()
    /// The basemap's tiles, when asked for.
    private var tiles: BasemapTileCache?
    private(set) var lastFrame = FrameReport()

    init(window: OpaquePointer, renderer: OpaquePointer, name: String, text: TextRenderer, tiledBasemap: Bool) {
        self.window = window
        self.name = name
        context = RenderingContext(renderer: renderer, text: text, keepsPixels: true)
        if tiledBasemap {
            SDLEventSource.registerEvents()
            tiles = BasemapTileCache(pixelFormat: SDL_GetWindowPixelFormat(window), planner: TilePlanner(),
                                     onTileFinished: { SDLEventSource.postTilesReady() })
        }
    }

    deinit {
        tiles = nil
        copier.stop()
    }

    func register(basemaps: [MapRenderer]) { context.register(basemaps: basemaps) }
    func register(stamps library: any StampLibrary) { context.stamps.library = library }

    func draw(_ frame: DisplayList, basemapFromTiles: Bool) {
        let size = context.beginFrame()
        var items = frame.items[...]
        let screen = writableSurface(size: size)
        // Without the surface at hand, a turned frame goes through a render target.
        if frame.turned && screen == nil { _ = context.beginTurnedFrame(size: size) }
        let drawStart = DispatchTime.now().uptimeNanoseconds
        var report = FrameReport()
        defer {
            report.drawMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - drawStart) / 1e6
            lastFrame = report
        }
        // Tiles, markers and labels are gathered and written together; what the renderer draws comes after them.
        let batch = screen.map { SurfaceBatch(target: PixelBuffer(surface: $0), renderer: context.renderer, copier: copier) }
        if basemapFromTiles, case .basemap(let request)? = items.first, request.camera.bearing == 0,
           let map = context.basemap(for: request), let tiles, let screen, let batch, screen.pointee.format.pointee.format == tiles.pixelFormat,
           let copies = tiles.copies(request.camera, of: map, into: screen, hidden: frame.opaqueAreas(after: 0, minimumSide: 32)) {
            // The tiles cover every pixel (or cleared first): no clear needed.
            batch.addTiles(copies)
            items = items.dropFirst()
            report.basemap = tiles.lastFrame
        } else {
            context.painter.clear(frame.background)
            report.basemap = .direct
        }
        report.basemapMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - drawStart) / 1e6
        for item in items {
            switch item {
            case .text(let t): context.text.draw(t, renderer: context.renderer, into: batch)
            case .stamp(let stamp): context.draw(stamp, into: batch)
            case .mesh(let mesh):
                batch?.flush()
                context.painter.draw(mesh)
            case .rects(let rects):
                batch?.flush()
                context.painter.draw(rects)
            case .polylines(let lines):
                batch?.flush()
                context.painter.draw(lines)
            case .basemap(let request):
                batch?.flush()
                guard let map = context.basemap(for: request) else { continue }
                context.painter.drawShapes(of: map.geometry(camera: request.camera))
                if let tiles, let screen, request.camera.bearing == 0, basemapFromTiles {
                    SDL_RenderFlush(context.renderer)
                    tiles.keepSnapshot(of: screen, camera: request.camera)
                }
            }
        }
        batch?.flush()
        // With tiles, their copying is part of the first flush, shared with the stamps over them.
        report.basemapMilliseconds += batch?.tileFlushMilliseconds ?? 0
        if frame.turned {
            SDL_RenderFlush(context.renderer)
            if let screen {
                let buffer = PixelBuffer(surface: screen)
                copier.write([HalfTurn(width: buffer.width, height: buffer.height)], into: buffer)
            } else {
                context.endTurnedFrame()
            }
        }
    }

    /// The surface the renderer draws into, its queue flushed, when pixels may be written straight
    /// into it: 32-bit xRGB, unlocked, the renderer's output size. Nil otherwise (another pixel
    /// format): everything then goes through the renderer.
    private func writableSurface(size: Size) -> UnsafeMutablePointer<SDL_Surface>? {
        SDL_RenderFlush(context.renderer)
        guard let surface = SDL_GetWindowSurface(window), let format = surface.pointee.format,
              format.pointee.BytesPerPixel == 4, format.pointee.Rmask == 0xFF0000, format.pointee.Gmask == 0xFF00,
              format.pointee.Bmask == 0xFF, surface.pointee.pixels != nil,
              surface.pointee.flags & UInt32(SDL_RLEACCEL) == 0 else { return nil }  // an RLE surface needs locking
        return Double(surface.pointee.w) == size.width && Double(surface.pointee.h) == size.height ? surface : nil
    }

    func present() { SDL_RenderPresent(context.renderer) }
    func capture() throws -> RGBAImage { try context.capture() }

    var wantsAnotherFrame: Bool { tiles?.wantsRedraw ?? false }
    var isSettling: Bool { tiles?.isSettling ?? false }
    func recover(from reset: RenderReset) { context.recover(from: reset) }
    var textures: TextureFigures {
        var figures = context.textures
        if let tiles {
            let kept = tiles.keptTiles
            figures.basemapTiles = kept.count
            figures.basemapTilesIndexed = kept.filter(\.isIndexed).count
            figures.basemapTileBytes = kept.reduce(0) { $0 + $1.byteCount }
        }
        return figures
    }
    func settle() { tiles?.settle() }
}
