import CSDL2
import Foundation
import MapScene

/// Renders basemap tiles on a thread of its own, into memory, with an SDL software renderer of its
/// own (a surface renderer touches no window, so it may live off the main thread). The window's
/// thread hands it the tiles it wants, most wanted first, and picks up finished pixels.
final class TileRenderWorker: @unchecked Sendable {
    /// A finished tile: its pixels in the window's format, rows of `tileSize` pixels.
    struct FinishedTile {
        var key: TileKey
        /// The cache generation it was asked for; a tile of an older one is stale.
        var generation: Int
        var pixels: [UInt32]
    }

    let grid: TileGrid
    let pixelFormat: UInt32
    /// Called on the worker's thread after each finished tile (wakes the render loop).
    private let onFinished: @Sendable () -> Void

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var queue: [TileKey] = []
    private var renderer: MapRenderer?
    private var generation = 0
    private var finished: [FinishedTile] = []
    private var rendering: TileKey?
    private var stopped = false
    private var exited = false

    init(grid: TileGrid, pixelFormat: UInt32, onFinished: @escaping @Sendable () -> Void) {
        self.grid = grid
        self.pixelFormat = pixelFormat
        self.onFinished = onFinished
        let thread = Thread { [self] in run() }
        thread.name = "basemap-tiles"
        thread.start()
    }

    /// Replaces what is wanted: tiles already finished or being rendered are not asked again.
    func request(_ keys: [TileKey], from map: MapRenderer, generation: Int) {
        condition.lock()
        renderer = map
        self.generation = generation
        queue = keys.filter { $0 != rendering }
        if !queue.isEmpty { condition.signal() }
        condition.unlock()
    }

    /// Takes the tiles finished since the last call.
    func takeFinished() -> [FinishedTile] {
        condition.lock()
        defer { condition.unlock() }
        let done = finished
        finished = []
        return done
    }

    var hasFinishedTiles: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !finished.isEmpty
    }

    /// Nothing queued and nothing being rendered.
    var isIdle: Bool {
        condition.lock()
        defer { condition.unlock() }
        return queue.isEmpty && rendering == nil
    }

    /// Blocks until everything asked is rendered (screenshots and tests want the settled map).
    func waitUntilIdle() {
        condition.lock()
        while !(queue.isEmpty && rendering == nil) && !exited { condition.wait() }
        condition.unlock()
    }

    /// Stops the thread after the tile in hand; returns once it has exited.
    func stop() {
        condition.lock()
        stopped = true
        queue = []
        condition.broadcast()
        while !exited { condition.wait() }
        condition.unlock()
    }

    private func run() {
        let canvas = TileCanvas(size: grid.tileSize, pixelFormat: pixelFormat)
        while true {
            condition.lock()
            if queue.isEmpty && !stopped {
                // Out of work: hand the scratch memory of the tiles just drawn back to the system
                // (glibc keeps a thread's freed blocks otherwise, and the kiosk runs for months).
                condition.unlock()
                csdl_release_free_memory()
                condition.lock()
            }
            while queue.isEmpty && !stopped { condition.wait() }
            if stopped {
                exited = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let key = queue.removeFirst()
            let map = renderer!
            let generation = self.generation
            rendering = key
            condition.unlock()

            let pixels = canvas?.render(key, of: map, grid: grid) ?? []

            condition.lock()
            rendering = nil
            if !pixels.isEmpty { finished.append(FinishedTile(key: key, generation: generation, pixels: pixels)) }
            condition.broadcast()
            condition.unlock()
            onFinished()
        }
    }
}

/// One tile's worth of memory and the software renderer that draws into it.
private final class TileCanvas {
    let size: Int
    private let surface: UnsafeMutablePointer<SDL_Surface>
    private let renderer: OpaquePointer
    private var painter: PrimitivePainter

    init?(size: Int, pixelFormat: UInt32) {
        guard let surface = SDL_CreateRGBSurfaceWithFormat(0, Int32(size), Int32(size), 32, pixelFormat) else { return nil }
        guard let renderer = SDL_CreateSoftwareRenderer(surface) else {
            SDL_FreeSurface(surface)
            return nil
        }
        self.size = size
        self.surface = surface
        self.renderer = renderer
        painter = PrimitivePainter(renderer: renderer)
    }

    deinit {
        SDL_DestroyRenderer(renderer)
        SDL_FreeSurface(surface)
    }

    /// Draws the tile and copies its pixels out.
    func render(_ key: TileKey, of map: MapRenderer, grid: TileGrid) -> [UInt32] {
        let list = BasemapLayer(renderer: map, camera: grid.camera(for: key)).geometry()
        painter.clear(list.background)
        painter.drawShapes(of: list)
        SDL_RenderFlush(renderer)
        let pitch = Int(surface.pointee.pitch)
        let source = surface.pointee.pixels.assumingMemoryBound(to: UInt8.self)
        return [UInt32](unsafeUninitializedCapacity: size * size) { buffer, count in
            let destination = UnsafeMutableRawPointer(buffer.baseAddress!)
            for row in 0..<size {
                (destination + row * size * 4).copyMemory(from: source + row * pitch, byteCount: size * 4)
            }
            count = size * size
        }
    }
}
