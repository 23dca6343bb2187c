import CSDL2
import Foundation
import MapScene

/// Renders basemap tiles on a thread of its own, into memory, with an SDL software renderer of its
/// own (a surface renderer touches no window, so it may live off the main thread). The window's
/// thread hands it the tiles it wants, most wanted first, and locked textures to write them into
/// (``TileSlot``), and picks up finished tiles: no copy is left for the render loop to make.
final class TileRenderWorker: @unchecked Sendable {
    /// A finished tile, written into its slot's texture.
    struct FinishedTile {
        var key: TileKey
        /// The cache generation it was asked for; a tile of an older one is stale.
        var generation: Int
        var slot: TileSlot
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
    private var slots: [TileSlot] = []
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

    /// Hands over locked textures for finished tiles to be written into.
    func provide(_ more: [TileSlot]) {
        guard !more.isEmpty else { return }
        condition.lock()
        slots += more
        condition.broadcast()
        condition.unlock()
    }

    /// How many handed-over textures are still unused.
    var freeSlotCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return slots.count
    }

    /// Takes back the unused textures (before the window's renderer goes).
    func takeBackSlots() -> [TileSlot] {
        condition.lock()
        defer { condition.unlock() }
        let unused = slots
        slots = []
        return unused
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

            canvas?.render(key, of: map, grid: grid)

            condition.lock()
            // Wait for a texture to write into (the render loop hands them over every frame).
            while slots.isEmpty && !stopped { condition.wait() }
            if let canvas, let slot = slots.popLast() {
                canvas.copy(into: slot)
                finished.append(FinishedTile(key: key, generation: generation, slot: slot))
            }
            rendering = nil
            condition.broadcast()
            condition.unlock()
            onFinished()
        }
    }
}

/// A texture of the window's renderer, locked, whose pixels the worker may write: with the
/// software renderer, locking hands out the texture's own memory, so no copy is made when the
/// render loop unlocks it and shows the tile.
struct TileSlot: @unchecked Sendable {
    let texture: OpaquePointer
    let pixels: UnsafeMutableRawPointer
    let pitch: Int
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

    /// Draws the tile into the canvas.
    func render(_ key: TileKey, of map: MapRenderer, grid: TileGrid) {
        let list = BasemapLayer(renderer: map, camera: grid.camera(for: key)).geometry()
        painter.clear(list.background)
        painter.drawShapes(of: list)
        SDL_RenderFlush(renderer)
    }

    /// Copies the canvas into a texture's memory, row by row.
    func copy(into slot: TileSlot) {
        let pitch = Int(surface.pointee.pitch)
        let source = UnsafeRawPointer(surface.pointee.pixels!)
        for row in 0..<size {
            (slot.pixels + row * slot.pitch).copyMemory(from: source + row * pitch, byteCount: size * 4)
        }
    }
}
