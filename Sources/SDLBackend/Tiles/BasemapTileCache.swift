import CSDL2
import Foundation
import MapScene

/// How a frame got its basemap.
public enum BasemapFrameKind: Sendable, Equatable {
    /// Rasterised in the frame (no tiles, or not enough of them).
    case direct
    /// Copied from tiles of the zoom the frame wanted, all there.
    case tiles
    /// Partly from tiles of another zoom, stretched, while the wanted ones are rendered.
    case tilesWithStandIns
    /// As above, with a strip of the screen still plain.
    case tilesWithGaps
}

/// The basemap drawn from tiles: squares of map rendered ahead on a worker thread, kept as
/// textures, and copied to the screen. A software renderer copies pixels an order of magnitude
/// faster than it rasterises thousands of triangles, so a pan frame costs a few copies.
///
/// Lives on the window's thread. ``TilePlanner`` decides what to show and what to render next;
/// this class holds the textures, feeds the worker and evicts the least recently shown tiles.
final class BasemapTileCache {
    private let renderer: OpaquePointer
    private let planner: TilePlanner
    private let worker: TileRenderWorker
    private let pixelFormat: UInt32

    private struct Tile {
        var texture: OpaquePointer
        var lastShown: Int
        /// Kept for good (see `pinnedFirstView`).
        var pinned = false
    }

    private var tiles: [TileKey: Tile] = [:]
    private var map: MapRenderer?
    private var generation = 0
    private var frame = 0
    private var lastZoom: Double?
    private var lastPlanExact = true
    /// Frames in a row drawn with part of the screen left plain (see `largestGap`).
    private var framesWithGaps = 0
    static let largestGap = 0.25
    static let longestGap = 4
    private var pinnedFirstView = false
    /// Most tiles kept; set from the screen's size (a few screens' worth).
    private var capacity = 0

    /// What the last frame did, for the frame statistics and tests.
    private(set) var lastFrame = BasemapFrameKind.direct

    init(renderer: OpaquePointer, pixelFormat: UInt32, planner: TilePlanner, onTileFinished: @escaping @Sendable () -> Void) {
        self.renderer = renderer
        self.pixelFormat = pixelFormat
        self.planner = planner
        worker = TileRenderWorker(grid: planner.grid, pixelFormat: pixelFormat, onFinished: onTileFinished)
    }

    deinit {
        worker.stop()
        for done in worker.takeFinished() { SDL_UnlockTexture(done.slot.texture); SDL_DestroyTexture(done.slot.texture) }
        for slot in worker.takeBackSlots() { SDL_UnlockTexture(slot.texture); SDL_DestroyTexture(slot.texture) }
        for tile in tiles.values { SDL_DestroyTexture(tile.texture) }
        for texture in spareTextures { SDL_DestroyTexture(texture) }
    }

    /// Locked textures the worker may write finished tiles into, topped up every frame: about
    /// what it renders in a frame, so that it never waits long (24 tiles, 6 MB), and never more
    /// than a screen's worth on a small screen.
    private var slotsAhead = 8

    private func provideSlots() {
        let size = Int32(planner.grid.tileSize)
        var more: [TileSlot] = []
        for _ in worker.freeSlotCount..<slotsAhead {
            guard let texture = spareTextures.popLast()
                ?? SDL_CreateTexture(renderer, pixelFormat, Int32(SDL_TEXTUREACCESS_STREAMING.rawValue), size, size)
            else { break }
            var pixels: UnsafeMutableRawPointer?
            var pitch: Int32 = 0
            guard SDL_LockTexture(texture, nil, &pixels, &pitch) == 0, let pixels else {
                SDL_DestroyTexture(texture)
                break
            }
            more.append(TileSlot(texture: texture, pixels: pixels, pitch: Int(pitch)))
        }
        worker.provide(more)
    }

    /// Textures of evicted tiles, reused for the next ones rather than freed and allocated again.
    /// (Stale finished tiles land here too: a reload can add a slot's worth at most.)
    private var spareTextures: [OpaquePointer] = []

    /// The last frame was not the settled map and tiles it lacked have since been finished:
    /// another frame would show more.
    var wantsRedraw: Bool { !lastPlanExact && worker.hasFinishedTiles }

    /// The last frame was not the settled map and the worker is still rendering what it lacked.
    var isSettling: Bool { !lastPlanExact && (!worker.isIdle || worker.hasFinishedTiles) }

    /// Draws the layer from tiles if finished tiles cover the screen; returns false (and draws
    /// nothing) otherwise, asking for the missing tiles either way.
    func draw(_ layer: BasemapLayer) -> Bool {
        let camera = layer.camera
        if map?.identity != layer.renderer.identity {
            removeAll()
            map = layer.renderer
            generation += 1
        }
        frame += 1
        capacity = capacityFor(camera)
        let onScreen = Int(camera.viewport.width * camera.viewport.height) / (planner.grid.tileSize * planner.grid.tileSize)
        slotsAhead = min(24, max(4, onScreen))
        uploadFinishedTiles()
        provideSlots()

        // A first frame is a view at rest, as is one whose zoom has not changed since the last.
        let zoomHeld = lastZoom == nil || lastZoom == camera.zoom
        lastZoom = camera.zoom
        let plan = planner.plan(camera: camera, zoomHeld: zoomHeld, cachedZooms: Set(tiles.keys.map(\.zoom))) { tiles[$0] != nil }
        if plan.isExact && !pinnedFirstView {
            // The first view drawn whole from tiles is the home view, where the kiosk rests
            // between visitors: its tiles stay, so that zooming back out always finds them.
            pinnedFirstView = true
            for draw in plan.draws { tiles[draw.key]?.pinned = true }
        }
        lastPlanExact = plan.isExact
        worker.request(plan.requests, from: layer.renderer, generation: generation)
        // A strip at the edge with nothing yet (a fast zoom out past what was rendered ahead) is
        // left plain for a few frames, as a tiled map leaves a tile loading, rather than stall a
        // frame rasterising the whole map; a larger or longer gap is drawn directly.
        if plan.coversScreen || (plan.uncoveredFraction <= Self.largestGap && framesWithGaps < Self.longestGap) {
            framesWithGaps = plan.coversScreen ? 0 : framesWithGaps + 1
        } else {
            framesWithGaps = 0
            lastFrame = .direct
            // Drawn directly, the frame is exact: tiles arriving for it are no reason to redraw.
            lastPlanExact = true
            return false
        }
        lastFrame = plan.isExact ? .tiles : (plan.coversScreen ? .tilesWithStandIns : .tilesWithGaps)

        if !plan.coversScreen {
            // Gaps are plain: clear first so that no pixel of the last frame shows through.
            let bg = layer.renderer.style.background
            SDL_SetRenderDrawColor(renderer, bg.r, bg.g, bg.b, bg.a)
            SDL_RenderClear(renderer)
        }
        for draw in plan.draws {
            guard let tile = tiles[draw.key] else { continue }
            copy(tile.texture, to: draw.rect, clippedTo: draw.clip)
            tiles[draw.key]?.lastShown = frame
        }
        evictBeyondCapacity()
        return true
    }

    /// Copies the part of a tile that falls in `clip`. A stretched tile is cut first: SDL's
    /// software renderer would otherwise stretch an edge tile whole into a temporary surface.
    private func copy(_ texture: OpaquePointer, to rect: PixelRect, clippedTo clip: PixelRect) {
        let size = planner.grid.tileSize
        let inside = rect.x >= clip.x && rect.y >= clip.y && rect.maxX <= clip.maxX && rect.maxY <= clip.maxY
        if inside {
            var destination = SDL_Rect(x: Int32(rect.x), y: Int32(rect.y), w: Int32(rect.width), h: Int32(rect.height))
            SDL_RenderCopy(renderer, texture, nil, &destination)
            return
        }
        let x0 = max(rect.x, clip.x), y0 = max(rect.y, clip.y), x1 = min(rect.maxX, clip.maxX), y1 = min(rect.maxY, clip.maxY)
        guard x1 > x0, y1 > y0 else { return }
        // The part of the tile that lands there, to the nearest source pixel.
        let sx = Double(size) / Double(rect.width), sy = Double(size) / Double(rect.height)
        let u0 = Int((Double(x0 - rect.x) * sx).rounded(.down)), u1 = min(size, Int((Double(x1 - rect.x) * sx).rounded(.up)))
        let v0 = Int((Double(y0 - rect.y) * sy).rounded(.down)), v1 = min(size, Int((Double(y1 - rect.y) * sy).rounded(.up)))
        var source = SDL_Rect(x: Int32(u0), y: Int32(v0), w: Int32(max(1, u1 - u0)), h: Int32(max(1, v1 - v0)))
        var destination = SDL_Rect(x: Int32(x0), y: Int32(y0), w: Int32(x1 - x0), h: Int32(y1 - y0))
        SDL_RenderCopy(renderer, texture, &source, &destination)
    }

    /// Renders every tile the last frame asked for and makes textures of them (for screenshots
    /// and tests: the map as it looks once it has settled).
    func settle() {
        while !worker.isIdle {
            uploadFinishedTiles()
            provideSlots()
            usleep(500)
        }
        uploadFinishedTiles()
    }

    /// Takes the worker's finished tiles in: unlocking a texture is all it takes.
    private func uploadFinishedTiles() {
        for done in worker.takeFinished() {
            let texture = done.slot.texture
            SDL_UnlockTexture(texture)
            guard done.generation == generation, tiles[done.key] == nil else {
                spareTextures.append(texture)
                continue
            }
            SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_NONE)
            tiles[done.key] = Tile(texture: texture, lastShown: frame)
        }
    }

    /// Room for the screen with its prefetch ring, plus one screen's worth more: the zoom-out
    /// prefetch, which is also where stand-ins come from. About 35 MB at 1920×1080.
    private func capacityFor(_ camera: Camera) -> Int {
        let side = Double(planner.grid.tileSize)
        let across = Int((camera.viewport.width / side).rounded(.up)) + 1
        let down = Int((camera.viewport.height / side).rounded(.up)) + 1
        let ring = 2 * planner.prefetchMargin
        return (across + ring) * (down + ring) + across * down
    }

    private func evictBeyondCapacity() {
        guard tiles.count > capacity else { return }
        let oldest = tiles.filter { $0.value.lastShown < frame && !$0.value.pinned }.sorted { $0.value.lastShown < $1.value.lastShown }
        for (key, tile) in oldest.prefix(tiles.count - capacity) {
            remove(key, tile)
        }
    }

    private func remove(_ key: TileKey, _ tile: Tile) {
        if spareTextures.count < 8 { spareTextures.append(tile.texture) } else { SDL_DestroyTexture(tile.texture) }
        tiles[key] = nil
    }

    private func removeAll() {
        for (key, tile) in tiles { remove(key, tile) }
        pinnedFirstView = false
        _ = worker.takeFinished()
        lastZoom = nil
    }
}
