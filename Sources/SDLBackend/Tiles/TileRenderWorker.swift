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
    /// The tiles in hand (see `run`).
    private var rendering: Set<TileKey> = []
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
        queue = keys.filter { !rendering.contains($0) }
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
        return queue.isEmpty && rendering.isEmpty
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

    /// Takes the most wanted tile and, with it, those of its 2×2 block that are also wanted, and
    /// renders them in one pass: the geometry of a block is culled and sent to SDL once instead of
    /// once per tile (tiles of a screen come in neighbours; the cost per tile nearly halves).
    private func run() {
        var canvases: [Int: TileCanvas] = [:]
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
            let first = queue.removeFirst()
            let bx = Int((Double(first.x) / 2).rounded(.down)) * 2, by = Int((Double(first.y) / 2).rounded(.down)) * 2
            func inBlock(_ k: TileKey) -> Bool { k.zoom == first.zoom && (bx...bx + 1).contains(k.x) && (by...by + 1).contains(k.y) }
            let block = [first] + queue.filter(inBlock)
            queue.removeAll(where: inBlock)
            let map = renderer!
            let generation = self.generation
            rendering = Set(block)
            condition.unlock()

            let x0 = block.map(\.x).min()!, x1 = block.map(\.x).max()!
            let y0 = block.map(\.y).min()!, y1 = block.map(\.y).max()!
            let shape = (x1 - x0 + 1) * 10 + (y1 - y0 + 1)
            if canvases[shape] == nil {
                canvases[shape] = TileCanvas(columns: x1 - x0 + 1, rows: y1 - y0 + 1, tileSize: grid.tileSize, pixelFormat: pixelFormat)
            }
            let canvas = canvases[shape]
            canvas?.render(grid.camera(forColumns: x0...x1, rows: y0...y1, atZoom: first.zoom), of: map)

            condition.lock()
            // Wait for textures to write into (the render loop hands them over every frame).
            while slots.count < block.count && !stopped { condition.wait() }
            if let canvas, slots.count >= block.count {
                for key in block {
                    let slot = slots.removeLast()
                    canvas.copy(column: key.x - x0, row: key.y - y0, into: slot)
                    finished.append(FinishedTile(key: key, generation: generation, slot: slot))
                }
            }
            rendering = []
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

/// A few neighbouring tiles' worth of memory and the software renderer that draws into it.
private final class TileCanvas {
    let tileSize: Int
    private let surface: UnsafeMutablePointer<SDL_Surface>
    private let renderer: OpaquePointer
    private var painter: PrimitivePainter

    init?(columns: Int, rows: Int, tileSize: Int, pixelFormat: UInt32) {
        guard let surface = SDL_CreateRGBSurfaceWithFormat(0, Int32(columns * tileSize), Int32(rows * tileSize), 32, pixelFormat)
        else { return nil }
        guard let renderer = SDL_CreateSoftwareRenderer(surface) else {
            SDL_FreeSurface(surface)
            return nil
        }
        self.tileSize = tileSize
        self.surface = surface
        self.renderer = renderer
        painter = PrimitivePainter(renderer: renderer)
    }

    deinit {
        SDL_DestroyRenderer(renderer)
        SDL_FreeSurface(surface)
    }

    /// Draws the basemap as `camera` sees it (the canvas's own size).
    func render(_ camera: Camera, of map: MapRenderer) {
        let list = BasemapLayer(renderer: map, camera: camera).geometry()
        painter.clear(list.background)
        painter.drawShapes(of: list)
        SDL_RenderFlush(renderer)
    }

    /// Copies one tile of the canvas into a texture's memory, row by row.
    func copy(column: Int, row: Int, into slot: TileSlot) {
        let pitch = Int(surface.pointee.pitch)
        let source = UnsafeRawPointer(surface.pointee.pixels!) + row * tileSize * pitch + column * tileSize * 4
        for line in 0..<tileSize {
            (slot.pixels + line * slot.pitch).copyMemory(from: source + line * pitch, byteCount: tileSize * 4)
        }
    }
}
