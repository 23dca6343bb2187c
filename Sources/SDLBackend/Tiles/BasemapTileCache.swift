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

/// The basemap drawn from tiles: squares of map rendered ahead on a worker thread, kept in
/// memory, and copied into the window's surface. Copying pixels is an order of magnitude faster
/// than rasterising thousands of triangles in software, so a pan frame costs a few copies.
///
/// Lives on the window's thread, with the software renderer only (it draws into that surface).
/// ``TilePlanner`` decides what to show and what to render next; this class holds the tiles,
/// feeds the worker and evicts the least recently shown tiles.
final class BasemapTileCache {
    private let planner: TilePlanner
    private let worker: TileRenderWorker
    /// The tiles' pixel format: the window surface's, so that a copy is a plain copy.
    let pixelFormat: UInt32

    private struct Tile {
        var pixels: TilePixels
        var lastShown: Int
        /// Kept for good (see `pinnedFirstView`).
        var pinned = false
    }

    private var tiles: [TileKey: Tile] = [:]
    /// The tiles of the territories' previous colours (the coverage view changed layer or
    /// filter): shown until the new colours' tiles cover the screen, so that a change of colours
    /// costs no frame rasterised whole.
    private var outgoing: [TileKey: Tile] = [:]
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
    /// The last basemap drawn directly, and the camera that saw it (see `keepSnapshot`); let go
    /// once a frame is drawn wholly from wanted tiles.
    private var snapshot: (pixels: TilePixels, camera: Camera)?
    /// Most tiles kept; set from the screen's size (a few screens' worth).
    private var capacity = 0

    /// What the last frame did, for the frame statistics and tests.
    private(set) var lastFrame = BasemapFrameKind.direct

    init(pixelFormat: UInt32, planner: TilePlanner, onTileFinished: @escaping @Sendable () -> Void) {
        self.pixelFormat = pixelFormat
        self.planner = planner
        worker = TileRenderWorker(grid: planner.grid, pixelFormat: pixelFormat, onFinished: onTileFinished)
    }

    deinit {
        worker.stop()
    }

    /// The tiles held (those of the previous colours too), for statistics.
    var keptTiles: [TilePixels] { tiles.values.map(\.pixels) + outgoing.values.map(\.pixels) }

    /// The last frame was drawn from tiles but not all of them were there, and tiles it lacked
    /// have since been finished: another frame would show more. (A frame drawn directly is
    /// exact: tiles arriving for it are no reason to redraw.)
    var wantsRedraw: Bool { !lastPlanExact && lastFrame != .direct && worker.hasFinishedTiles }

    /// The tiles of the last frame's view were not all there (whether it was drawn from tiles or
    /// directly), and the worker is still rendering or handing over what it lacked.
    var isSettling: Bool { !lastPlanExact && (!worker.isIdle || worker.hasFinishedTiles) }

    /// The copies that draw the layer from tiles into `screen` (the window's surface, unlocked, the
    /// renderer's queue flushed) if finished tiles cover it, to be written before anything else
    /// this frame (gaps are already filled); nil otherwise (nothing drawn), asking for the missing
    /// tiles either way. The copies read tiles the cache holds until its next call.
    /// Nothing is copied under `hidden` (opaque parts of the interface drawn over the map later).
    func copies(_ camera: Camera, of basemap: MapRenderer, into screen: UnsafeMutablePointer<SDL_Surface>, hidden: [PixelRect] = []) -> [PixelCopy]? {
        if map?.identity != basemap.identity {
            removeAll()
            map = basemap
            generation += 1
        } else if map?.shading != basemap.shading {
            retireTiles()
            map = basemap
            generation += 1
        }
        frame += 1
        capacity = capacityFor(camera)
        takeFinishedTiles()

        // A first frame is a view at rest, as is one whose zoom has not changed since the last.
        let zoomHeld = lastZoom == nil || lastZoom == camera.zoom
        lastZoom = camera.zoom
        let plan = planner.plan(camera: camera, zoomHeld: zoomHeld, cachedZooms: Set(tiles.keys.map(\.zoom)),
                                lastDirect: snapshot?.camera) { tiles[$0] != nil }
        if plan.isExact && !pinnedFirstView {
            // The first view drawn whole from tiles is the home view, where the kiosk rests
            // between visitors: its tiles stay, so that zooming back out always finds them.
            pinnedFirstView = true
            for draw in plan.draws { tiles[draw.key]?.pinned = true }
        }
        lastPlanExact = plan.isExact
        worker.request(plan.requests, from: basemap, generation: generation)
        if plan.isExact {
            snapshot = nil
            recycleOutgoing()
        } else if !outgoing.isEmpty {
            // The previous colours, exact, until the new ones are all there.
            let previous = planner.plan(camera: camera, zoomHeld: true, cachedZooms: Set(outgoing.keys.map(\.zoom))) { outgoing[$0] != nil }
            if previous.isExact {
                let target = PixelBuffer(surface: screen)
                lastFrame = .tilesWithStandIns
                return previous.draws.flatMap { draw in
                    guard let tile = outgoing[draw.key] else { return [PixelCopy]() }
                    return pieces(of: draw.clip, hidden: hidden).compactMap { PixelCopy(tile.pixels.source, filling: draw.rect, within: $0, of: target) }
                }
            }
        }
        // A strip at the edge with nothing yet (a fast zoom out past what was rendered ahead) is
        // left plain for a few frames, as a tiled map leaves a tile loading, rather than stall a
        // frame rasterising the whole map; a larger or longer gap is drawn directly.
        if plan.coversScreen || (plan.uncoveredFraction <= Self.largestGap && framesWithGaps < Self.longestGap) {
            framesWithGaps = plan.coversScreen ? 0 : framesWithGaps + 1
        } else {
            framesWithGaps = 0
            lastFrame = .direct
            return nil
        }
        lastFrame = plan.isExact ? .tiles : (plan.coversScreen ? .tilesWithStandIns : .tilesWithGaps)

        // Gaps are plain, so that no pixel of the last frame shows through.
        let background = basemap.style.background
        for gap in plan.gaps {
            var rect = SDL_Rect(x: Int32(gap.x), y: Int32(gap.y), w: Int32(gap.width), h: Int32(gap.height))
            SDL_FillRect(screen, &rect, SDL_MapRGB(screen.pointee.format, background.r, background.g, background.b))
        }
        let target = PixelBuffer(surface: screen)
        // The last frame drawn directly first, where no tile covers the screen (see `keepSnapshot`).
        var copies: [PixelCopy] = []
        if let snapshot, let rect = plan.lastDirectRect {
            copies = plan.lastDirectClips.compactMap { PixelCopy(snapshot.pixels.source, filling: rect, within: $0, of: target) }
        }
        for draw in plan.draws {
            guard let tile = tiles[draw.key] else { continue }
            copies += pieces(of: draw.clip, hidden: hidden).compactMap { PixelCopy(tile.pixels.source, filling: draw.rect, within: $0, of: target) }
            tiles[draw.key]?.lastShown = frame
        }
        // Only tiles not shown this frame go: none of these copies reads from them.
        evictBeyondCapacity()
        return copies
    }

    /// The parts of a tile's clip not under `hidden`. Only an area spanning a part across or down
    /// is cut out of it (two pieces at most); a smaller one, a chip on a bar, costs less copied
    /// under and painted over.
    private func pieces(of clip: PixelRect, hidden: [PixelRect]) -> [PixelRect] {
        var parts = [clip]
        for area in hidden where area.intersects(clip) {
            parts = parts.flatMap { part in
                area.x <= part.x && area.maxX >= part.maxX || area.y <= part.y && area.maxY >= part.maxY
                    ? part.subtracting(area) : [part]
            }
        }
        return parts
    }

    /// New colours for the same map: the tiles on hand become the outgoing ones (the older
    /// outgoing ones go, unless none of the current ones were finished yet).
    private func retireTiles() {
        if tiles.isEmpty { return }
        recycleOutgoing()
        outgoing = tiles
        tiles = [:]
        snapshot = nil
        pinnedFirstView = false
    }

    private func recycleOutgoing() {
        guard !outgoing.isEmpty else { return }
        worker.recycle(outgoing.values.map(\.pixels))
        outgoing = [:]
    }

    /// Keeps the basemap just drawn directly into `screen` (the renderer's queue flushed, nothing
    /// drawn over it yet), seen by `camera`: until the screen's tiles are rendered, it stands in
    /// where no tile does. Without it, the frames after a first one (a visitor touches the map
    /// at once) or after a fast zoom out would each rasterise the whole map again.
    func keepSnapshot(of screen: UnsafeMutablePointer<SDL_Surface>, camera: Camera) {
        let drawn = PixelBuffer(surface: screen)
        let pixels = snapshot.flatMap { $0.pixels.width == drawn.width && $0.pixels.height == drawn.height ? $0.pixels : nil }
            ?? TilePixels(width: drawn.width, height: drawn.height)
        pixels.fill(from: drawn)
        snapshot = (pixels, camera)
    }

    /// Renders every tile the last frame asked for and takes them in (for screenshots and
    /// tests: the map as it looks once it has settled).
    func settle() {
        repeat {
            takeFinishedTiles()  // also makes room for the worker to go on
            usleep(500)
        } while !worker.isIdle
        takeFinishedTiles()
    }

    /// Takes the worker's finished tiles in (stale ones go back as spare memory).
    private func takeFinishedTiles() {
        var stale: [TilePixels] = []
        for done in worker.takeFinished() {
            guard done.generation == generation, tiles[done.key] == nil else {
                stale.append(done.pixels)
                continue
            }
            // Not yet shown: if it is not drawn this frame, it may go before those that were.
            tiles[done.key] = Tile(pixels: done.pixels, lastShown: frame - 1)
        }
        worker.recycle(stale)
    }

    /// Room for the screen with its prefetch ring, plus one screen's worth more: the zoom-out
    /// prefetch, which is also where stand-ins come from.
    private func capacityFor(_ camera: Camera) -> Int {
        let side = Double(planner.grid.tileSize)
        let across = Int((camera.viewport.width / side).rounded(.up)) + 1
        let down = Int((camera.viewport.height / side).rounded(.up)) + 1
        let ring = 2 * planner.prefetchMargin
        return (across + ring) * (down + ring) + across * down
    }

    /// Over capacity, the least recently shown tiles go, down to an eighth below it: the tiles
    /// are sorted once in a while rather than at every frame of a pan.
    private func evictBeyondCapacity() {
        guard tiles.count > capacity else { return }
        let oldest = tiles.filter { $0.value.lastShown < frame && !$0.value.pinned }.sorted { $0.value.lastShown < $1.value.lastShown }
        let evicted = oldest.prefix(tiles.count - capacity + capacity / 8)
        for (key, _) in evicted { tiles[key] = nil }
        worker.recycle(evicted.map(\.value.pixels))
    }

    private func removeAll() {
        recycleOutgoing()
        worker.recycle(tiles.values.map(\.pixels) + worker.takeFinished().map(\.pixels))
        tiles = [:]
        snapshot = nil
        pinnedFirstView = false
        lastZoom = nil
    }
}
