import CSDL2
import Foundation
import MapScene

/// Renders basemap tiles on a thread of its own, into memory, with an SDL software renderer of its
/// own (a surface renderer touches no window, so it may live off the main thread). The window's
/// thread hands it the tiles it wants, most wanted first, picks up finished tiles, and gives back
/// the memory of tiles it evicts, for the next ones. The thread runs at a lower priority than
/// the render loop: it should not delay a frame.
final class TileRenderWorker: @unchecked Sendable {
    /// A finished tile.
    struct FinishedTile {
        var key: TileKey
        /// The cache generation it was asked for; a tile of an older one is stale.
        var generation: Int
        var pixels: TilePixels
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
    /// Memory of evicted tiles, reused rather than freed and mapped again (up to `spareLimit`).
    private var spare: [TilePixels] = []
    static let spareLimit = 16
    /// Finished tiles not yet taken: the worker waits beyond this many (a stalled render loop
    /// must not see memory fill with tiles it has not looked at).
    static let finishedLimit = 32
    /// The worker thread's nice value: below the render loop's and its copy helper's.
    static let niceness: Int32 = 10
    /// The tiles in hand (see `run`).
    private var rendering: Set<TileKey> = []
    /// Work is queued but `finishedLimit` tiles wait to be taken: the worker holds back.
    private var heldBack = false
    private var stopped = false
    private var exited = false

    init(grid: TileGrid, pixelFormat: UInt32, onFinished: @escaping @Sendable () -> Void) {
        self.grid = grid
        self.pixelFormat = pixelFormat
        self.onFinished = onFinished
        Thread { [self] in run() }.start()
    }

    /// Replaces what is wanted: tiles being rendered, or finished and not yet taken, are not
    /// asked again.
    func request(_ keys: [TileKey], from map: MapRenderer, generation: Int) {
        condition.lock()
        renderer = map
        self.generation = generation
        let waiting = Set(finished.lazy.filter { $0.generation == generation }.map(\.key))
        queue = keys.filter { !rendering.contains($0) && !waiting.contains($0) }
        if !queue.isEmpty { condition.signal() }
        condition.unlock()
    }

    /// Takes the tiles finished since the last call.
    func takeFinished() -> [FinishedTile] {
        condition.lock()
        defer { condition.unlock() }
        let done = finished
        finished = []
        if !done.isEmpty {
            heldBack = false
            condition.signal()  // the worker may be waiting for room
        }
        return done
    }

    /// Takes back the memory of tiles no longer kept, to write the next ones into. Beyond
    /// `spareLimit` it is unmapped by the worker's thread, not the caller's (the render loop).
    func recycle(_ pixels: [TilePixels]) {
        guard !pixels.isEmpty else { return }
        condition.lock()
        spare += pixels
        condition.signal()
        condition.unlock()
    }

    var hasFinishedTiles: Bool { finishedCount > 0 }

    var finishedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return finished.count
    }

    /// Tiles are wanted, but the worker waits for finished ones to be taken first.
    var isHeldBack: Bool {
        condition.lock()
        defer { condition.unlock() }
        return heldBack
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
        // Tiles are rendered ahead with the CPU time frames leave: a frame's copy helper (see
        // `SplitCopier`) takes the core from this thread when it wakes. Nice 10 rather than
        // SCHED_IDLE: a busy machine (another process hogging the cores) slows tiles, never stops them.
        _ = csdl_set_thread_nice(Self.niceness)
        csdl_name_thread("basemap-tiles")
        let memory = TileCanvas.Memory(tileSize: grid.tileSize, pixelFormat: pixelFormat)
        var canvases: [Int: TileCanvas] = [:]
        while true {
            condition.lock()
            var trimmed = false
            while true {
                if spare.count > Self.spareLimit {
                    var surplus = Array(spare[Self.spareLimit...])
                    spare.removeLast(surplus.count)
                    condition.unlock()
                    surplus.removeAll()  // the last references: unmapped here, unlocked
                    condition.lock()
                    continue
                }
                if stopped || (!queue.isEmpty && finished.count < Self.finishedLimit) { break }
                if queue.isEmpty && !trimmed {
                    // Out of work: hand the scratch memory of the tiles just drawn back to the
                    // system (glibc keeps a thread's freed blocks otherwise; the kiosk runs for months).
                    condition.unlock()
                    csdl_release_free_memory()
                    condition.lock()
                    trimmed = true
                    continue
                }
                heldBack = !queue.isEmpty && finished.count >= Self.finishedLimit
                condition.wait()
                heldBack = false
            }
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
            if canvases[shape] == nil, let memory {
                canvases[shape] = TileCanvas(columns: x1 - x0 + 1, rows: y1 - y0 + 1, in: memory)
            }
            let canvas = canvases[shape]
            canvas?.render(grid.camera(forColumns: x0...x1, rows: y0...y1, atZoom: first.zoom), of: map)

            condition.lock()
            let reused = Array(spare.suffix(canvas == nil ? 0 : block.count))
            spare.removeLast(reused.count)
            condition.unlock()
            // Copied out of the canvas without the lock: the render loop may take tiles meanwhile.
            var done: [FinishedTile] = []
            if let canvas {
                for (n, key) in block.enumerated() {
                    let pixels = n < reused.count ? reused[n] : TilePixels(width: grid.tileSize, height: grid.tileSize)
                    pixels.fill(from: canvas.tile(column: key.x - x0, row: key.y - y0))
                    done.append(FinishedTile(key: key, generation: generation, pixels: pixels))
                }
            }
            condition.lock()
            finished += done
            rendering = []
            condition.broadcast()
            condition.unlock()
            onFinished()
        }
    }
}

/// A block of neighbouring tiles and the software renderer that draws into it.
private final class TileCanvas {
    /// A 2×2 block's pixels, drawn into by the canvas of every block shape: a block is copied out
    /// into its tiles before the next one is drawn, so one block's memory serves them all.
    final class Memory {
        let tileSize: Int
        let surface: UnsafeMutablePointer<SDL_Surface>

        init?(tileSize: Int, pixelFormat: UInt32) {
            guard let surface = SDL_CreateRGBSurfaceWithFormat(0, Int32(2 * tileSize), Int32(2 * tileSize), 32, pixelFormat)
            else { return nil }
            self.tileSize = tileSize
            self.surface = surface
        }

        deinit { SDL_FreeSurface(surface) }
    }

    /// Where `surface` draws.
    private let memory: Memory
    /// The block's part of `memory`: its own width and height, the memory's rows.
    private let surface: UnsafeMutablePointer<SDL_Surface>
    private let renderer: OpaquePointer
    private var painter: PrimitivePainter

    init?(columns: Int, rows: Int, in memory: Memory) {
        precondition((1...2).contains(columns) && (1...2).contains(rows), "a block is at most 2×2 tiles")
        let whole = memory.surface.pointee
        guard let surface = SDL_CreateRGBSurfaceWithFormatFrom(whole.pixels, Int32(columns * memory.tileSize), Int32(rows * memory.tileSize),
                                                               32, whole.pitch, whole.format.pointee.format)
        else { return nil }
        guard let renderer = SDL_CreateSoftwareRenderer(surface) else {
            SDL_FreeSurface(surface)
            return nil
        }
        self.memory = memory
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
        let list = map.geometry(camera: camera)
        painter.clear(list.background)
        painter.drawShapes(of: list)
        SDL_RenderFlush(renderer)
    }

    /// One tile of the canvas.
    func tile(column: Int, row: Int) -> PixelBuffer {
        let tileSize = memory.tileSize, canvas = PixelBuffer(surface: surface)
        return PixelBuffer(pixels: canvas.pixels + row * tileSize * canvas.pitch + column * tileSize * 4,
                           width: tileSize, height: tileSize, pitch: canvas.pitch)
    }
}
