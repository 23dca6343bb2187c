import Foundation
import MapGeometry

/// What to do with the tile cache for one frame: which finished tiles to copy where (in order),
/// and which tiles to render next (most wanted first).
public struct TilePlan: Sendable, Equatable {
    public struct Draw: Sendable, Equatable {
        public var key: TileKey
        /// Where the whole tile lands (stretched when its zoom is not the camera's).
        public var rect: PixelRect
        /// The part of it to draw: the screen, or for a stand-in only the missing tile it
        /// stands in for (nothing is drawn twice, and nothing needs clearing first).
        public var clip: PixelRect
    }

    /// Copies in drawing order: stand-ins from other zooms first, the wanted zoom's tiles over them.
    public var draws: [Draw]
    /// Where the last frame drawn directly lands (when one was given and is near enough in zoom),
    /// and the parts of it to copy: what no tile covers, within it.
    public var lastDirectRect: PixelRect?
    public var lastDirectClips: [PixelRect]
    /// False when some of the screen has nothing to show: no finished tile of a usable zoom, no
    /// last direct frame.
    public var coversScreen: Bool
    /// The share of the screen nothing covers (0 when `coversScreen`).
    public var uncoveredFraction: Double
    /// The parts of the screen nothing covers (empty when `coversScreen`).
    public var gaps: [PixelRect]
    /// Every draw is of the wanted zoom: nothing is stretched or waiting.
    public var isExact: Bool
    /// Tiles to render, most wanted first; the renderer may drop the tail when the view moves on.
    public var requests: [TileKey]
    /// The zoom the frame wants its tiles at.
    public var zoom: Double
}

/// Decides, frame by frame, which zoom of tiles the screen wants, what stands in while they are
/// rendered, and what to render next. Pure logic: the backend owns the pixels and the thread.
///
/// Panning at one zoom wants tiles at exactly that zoom, copied 1:1. While the zoom changes (a
/// pinch, an animation) tiles are wanted at the nearest `levelStep`, shown stretched, so that the
/// renderer is not asked for a new zoom every frame; once the zoom holds still the exact zoom is
/// rendered and replaces them. Tiles of another zoom stand in, stretched, while wanted ones are
/// missing, as long as the stretch stays within `maximumStretch`; where none does, the last frame
/// drawn directly, while its zoom is within `lastDirectZoomRange`.
public struct TilePlanner: Sendable {
    public var grid: TileGrid
    /// Zoom steps tiles are rendered at while the zoom is changing.
    public var levelStep: Double
    /// Largest magnification (or reduction) of a stand-in tile still worth showing.
    public var maximumStretch: Double
    /// Rings of tiles beyond the screen rendered ahead of a pan.
    public var prefetchMargin: Int
    /// Render ahead what zooming out by one level would show, once the screen and its ring are done.
    public var zoomOutPrefetch: Bool
    /// How far the zoom may have moved from the last frame drawn directly for it to stand in.
    public var lastDirectZoomRange = 1.0

    public init(grid: TileGrid = TileGrid(), levelStep: Double = 0.5, maximumStretch: Double = 4, prefetchMargin: Int = 1,
                zoomOutPrefetch: Bool = true) {
        self.grid = grid
        self.levelStep = levelStep
        self.maximumStretch = maximumStretch
        self.prefetchMargin = prefetchMargin
        self.zoomOutPrefetch = zoomOutPrefetch
    }

    /// The zoom to render tiles at: the camera's own when it held still since the last frame,
    /// otherwise the nearest level.
    public func wantedZoom(for camera: Camera, zoomHeld: Bool) -> Double {
        zoomHeld ? camera.zoom : (camera.zoom / levelStep).rounded() * levelStep
    }

    /// Plans a frame. `isReady` says whether a tile is finished and cached; `cachedZooms` lists
    /// the zooms that have any finished tile (stand-in candidates); `lastDirect` is the camera of
    /// the last frame drawn directly, when its pixels are kept.
    public func plan(camera: Camera, zoomHeld: Bool, cachedZooms: Set<Double>, lastDirect: Camera? = nil,
                     isReady: (TileKey) -> Bool) -> TilePlan {
        let zoom = wantedZoom(for: camera, zoomHeld: zoomHeld)
        let visible = grid.keys(for: camera, atZoom: zoom)
        let screen = PixelRect(x: 0, y: 0, width: Int(camera.viewport.width.rounded(.up)), height: Int(camera.viewport.height.rounded(.up)))
        var wanted: [TilePlan.Draw] = []
        var missing: [TileKey] = []
        for key in visible {
            let rect = grid.screenRect(of: key, under: camera)
            guard rect.intersects(screen) else { continue }
            if isReady(key) { wanted.append(.init(key: key, rect: rect, clip: screen)) } else { missing.append(key) }
        }

        // Stand-ins, nearest zoom first; the visible part of each missing tile must be wholly
        // covered by one zoom.
        let visibleBounds = camera.visibleBounds
        let limit = log2(maximumStretch)
        let candidates = cachedZooms.filter { $0 != zoom && abs($0 - zoom) <= limit }
            .sorted { abs($0 - zoom) < abs($1 - zoom) }
        var standIns: [TilePlan.Draw] = []
        var gaps: [PixelRect] = []
        var uncovered: [TileKey] = []
        for key in missing {
            guard let area = grid.bounds(of: key).intersection(visibleBounds) else { continue }
            var found = false
            for candidate in candidates {
                let keys = grid.keys(covering: area.insetByFraction(1e-9), atZoom: candidate)
                guard !keys.isEmpty, keys.allSatisfy(isReady) else { continue }
                let missingRect = grid.screenRect(of: key, under: camera).intersection(screen)
                for k in keys {
                    let rect = grid.screenRect(of: k, under: camera)
                    if let missingRect, let clip = rect.intersection(missingRect) {
                        standIns.append(.init(key: k, rect: rect, clip: clip))
                    }
                }
                found = true
                break
            }
            if !found {
                uncovered.append(key)
                if let gap = grid.screenRect(of: key, under: camera).intersection(screen) { gaps.append(gap) }
            }
        }

        // What no tile covers, the last frame drawn directly may.
        var lastDirectRect: PixelRect?
        var lastDirectClips: [PixelRect] = []
        if !gaps.isEmpty, let lastDirect, lastDirect.bearing == 0, abs(lastDirect.zoom - camera.zoom) <= lastDirectZoomRange {
            let box = lastDirect.visibleBounds
            let topLeft = camera.screenPoint(of: Point(x: box.minX, y: box.minY))
            let bottomRight = camera.screenPoint(of: Point(x: box.maxX, y: box.maxY))
            let x0 = Int(topLeft.x.rounded()), y0 = Int(topLeft.y.rounded())
            let rect = PixelRect(x: x0, y: y0, width: Int(bottomRight.x.rounded()) - x0, height: Int(bottomRight.y.rounded()) - y0)
            lastDirectRect = rect
            lastDirectClips = gaps.compactMap { $0.intersection(rect) }
            gaps = gaps.flatMap { $0.subtracting(rect) }
        }

        // Once the zoom holds still: what a pan would need next (a ring around the screen), then
        // what zooming out by a level would show (the surroundings at zoom - 1, which also stand
        // in when it happens). While it changes, only the screen: the next level comes soon.
        // Tiles with nothing standing in for them first (the edges a zoom out uncovers): a gap
        // left too long makes the frame draw the map directly.
        let uncoveredSet = Set(uncovered)
        var requests = uncovered + missing.filter { !uncoveredSet.contains($0) }
        var asked = Set(missing)
        if zoomHeld && prefetchMargin > 0 {
            for key in grid.keys(for: camera, atZoom: zoom, margin: prefetchMargin) where !isReady(key) && asked.insert(key).inserted {
                requests.append(key)
            }
        }
        if zoomHeld && zoomOutPrefetch {
            var wider = camera
            wider.zoom = zoom - 1
            for key in grid.keys(for: wider, atZoom: zoom - 1) where !isReady(key) && asked.insert(key).inserted {
                requests.append(key)
            }
        }
        return TilePlan(draws: standIns + wanted, lastDirectRect: lastDirectRect, lastDirectClips: lastDirectClips,
                        coversScreen: gaps.isEmpty,
                        uncoveredFraction: Double(gaps.reduce(0) { $0 + $1.width * $1.height }) / Double(max(1, screen.width * screen.height)),
                        gaps: gaps,
                        isExact: missing.isEmpty,
                        requests: requests, zoom: zoom)
    }
}

extension BoundingBox {
    /// Shrunk by a tiny fraction of its size, so that a box exactly on grid lines does not pull in
    /// the neighbouring tiles it only touches.
    func insetByFraction(_ f: Double) -> BoundingBox {
        let dx = (maxX - minX) * f, dy = (maxY - minY) * f
        return BoundingBox(minX: minX + dx, minY: minY + dy, maxX: maxX - dx, maxY: maxY - dy)
    }
}
