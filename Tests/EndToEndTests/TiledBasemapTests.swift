import Foundation
import MapGeometry
import MapScene
import SDLBackend
import Testing

/// The basemap drawn from tiles (rendered on the worker thread with SDL's software renderer)
/// looks like the basemap rasterised directly: same place, same colours, at most a few pixels
/// apart where lines are cut at tile edges.
@Suite(.serialized) struct TiledBasemapTests {
    let root = InclusionMapBinary.packageRoot

    func mapRenderer(shadedCommunes: Bool = false) throws -> MapRenderer {
        let style = try MapStyle.load(from: root.appendingPathComponent("assets/styles/calm.json"))
        let folder = root.appendingPathComponent("assets/basemap/hauts-de-france")
        var sources: [String: BasemapSource] = [:]
        for (name, file) in [("region", "region-hauts-de-france.geojson"), ("departements", "departements-hauts-de-france.geojson"),
                             ("communes", "communes-hauts-de-france.geojson")] {
            let features = try GeoJSONReader.read(fileAt: folder.appendingPathComponent(file))
            let shaded = shadedCommunes && name == "communes"
            sources[name] = BasemapSource(features: features, shadeProperty: shaded ? "code" : nil,
                                          needs: .of(name, in: style, shadeable: shaded))
        }
        return MapRenderer(basemap: BasemapPreparer().prepare(sources: sources), style: style)
    }

    func window(size: Size) throws -> SDLWindow {
        try SDLWindow(options: WindowOptions(mode: .headless, size: size),
                      regularFont: root.appendingPathComponent("assets/fonts/DejaVuSans.ttf").path,
                      boldFont: root.appendingPathComponent("assets/fonts/DejaVuSans-Bold.ttf").path)
    }

    /// A camera over the Lille metropolis whose world origin falls on a whole pixel, so that the
    /// tiles (always on whole pixels) and the direct drawing line up exactly.
    func camera(size: Size) -> Camera {
        var camera = Camera(coordinate: GeoCoordinate(latitude: 50.55, longitude: 3.1), zoom: 10.4, viewport: size)
        let s = camera.scale
        camera.center.x = (size.width / 2 - (size.width / 2 - camera.center.x * s).rounded()) / s
        camera.center.y = (size.height / 2 - (size.height / 2 - camera.center.y * s).rounded()) / s
        return camera
    }

    /// The coverage view changes the communes' colours: the tiles of the old colours stay on
    /// screen (no frame rasterised whole) until the new ones are rendered, then the screen shows
    /// the new colours, from tiles.
    @Test func newColoursComeThroughTheTilesWithoutADirectFrame() throws {
        let size = Size(width: 900, height: 600)
        let window = try window(size: size)
        let map = try mapRenderer(shadedCommunes: true)
        window.renderer.register(basemap: map)
        let camera = camera(size: size)
        let lille = camera.screenPoint(of: WebMercator.project(GeoCoordinate(latitude: 50.6366, longitude: 3.0635)))
        func frame(_ color: RGBA) -> DisplayList {
            var list = DisplayList(background: map.style.background)
            list.append(BasemapRequest(camera: camera, map: map.identity, shading: ThematicShading(source: "communes", colors: [:], fallback: color)))
            return list
        }
        func pixel() throws -> RGBA {
            let image = try window.renderer.capture()
            let i = (Int(lille.y) * image.width + Int(lille.x)) * 4
            return RGBA(image.pixels[i], image.pixels[i + 1], image.pixels[i + 2])
        }
        let orange = RGBA(254, 153, 41), purple = RGBA(106, 81, 163)
        window.renderer.draw(frame(orange))
        window.renderer.settle()
        window.renderer.draw(frame(orange))
        #expect(window.renderer.lastFrame.basemap == .tiles)
        #expect(try pixel() == orange)

        // New colours: the first frame is the old tiles, not a direct rasterisation.
        window.renderer.draw(frame(purple))
        #expect(window.renderer.lastFrame.basemap == .tilesWithStandIns)
        #expect(try pixel() == orange)
        window.renderer.settle()
        window.renderer.draw(frame(purple))
        #expect(window.renderer.lastFrame.basemap == .tiles)
        #expect(try pixel() == purple)
    }

    @Test func tilesLookLikeTheMapDrawnDirectly() throws {
        let size = Size(width: 900, height: 600)
        let window = try window(size: size)
        let map = try mapRenderer()
        window.renderer.register(basemap: map)
        var list = DisplayList(background: map.style.background)
        list.append(BasemapRequest(camera: camera(size: size), map: map.identity))

        // The first frame has no tiles yet: drawn directly, tiles asked for.
        window.renderer.draw(list)
        #expect(window.renderer.lastFrame.basemap == .direct)
        window.renderer.settle()
        window.renderer.draw(list)
        #expect(window.renderer.lastFrame.basemap == .tiles)
        let tiled = try window.renderer.capture()
        // A basemap tile has the style's few colours: every one is kept as palette indices.
        let held = window.renderer.textures
        #expect(held.basemapTiles >= 12 && held.basemapTilesIndexed == held.basemapTiles, "\(held)")
        #expect(held.basemapTileBytes == held.basemapTiles * (256 * 256 + 256 * 4))  // a byte a pixel, and the palette

        window.renderer.draw(list, basemapFromTiles: false)
        let direct = try window.renderer.capture()

        // A pixel matches when the direct drawing has its colour at most one pixel away: SDL clips
        // a one-pixel line at a tile's edge and restarts its staircase from there, which may move
        // the rest of the line inside that tile by a pixel. Tolerance: 0.5 % of the pixels.
        func colour(_ image: RGBAImage, _ x: Int, _ y: Int) -> (Int, Int, Int) {
            let i = (y * image.width + x) * 4
            return (Int(image.pixels[i]), Int(image.pixels[i + 1]), Int(image.pixels[i + 2]))
        }
        var differing = 0
        var colours = Set<UInt32>()
        for y in 0..<tiled.height {
            for x in 0..<tiled.width {
                let c = colour(tiled, x, y)
                colours.insert(UInt32(c.0) << 16 | UInt32(c.1) << 8 | UInt32(c.2))
                var near = false
                search: for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, ny >= 0, nx < direct.width, ny < direct.height else { continue }
                        let d = colour(direct, nx, ny)
                        if max(abs(c.0 - d.0), abs(c.1 - d.1), abs(c.2 - d.2)) <= 24 { near = true; break search }
                    }
                }
                if !near { differing += 1 }
            }
        }
        let fraction = Double(differing) / Double(tiled.width * tiled.height)
        var saved = ""
        if fraction > 0.005, let folder = try? InclusionMapBinary.temporaryDirectory() {
            try? tiled.savePNG(path: folder.appendingPathComponent("tiled.png").path)
            try? direct.savePNG(path: folder.appendingPathComponent("direct.png").path)
            saved = " (both images in \(folder.path))"
        }
        #expect(fraction <= 0.005, "tiles differ from the direct drawing on \(fraction * 100) % of the pixels\(saved)")
        // Not a blank frame: land, borders (communes, departments) at the least.
        #expect(colours.count >= 3)
    }

    /// A frame of the basemap alone, seen by `camera`.
    static func basemapAlone(_ map: MapRenderer, _ camera: Camera) -> DisplayList {
        var list = DisplayList(background: map.style.background)
        list.append(BasemapRequest(camera: camera, map: map.identity))
        return list
    }

    /// The share of sampled pixels of `after` (every 7th each way) that show what the pixel
    /// `shift` columns to the right showed in `before`: how much of a pan left moved unchanged.
    /// A pixel counts as the same when `before` has its colour at most one pixel from where it
    /// was: the part of the screen drawn from tiles may have a line a pixel off the direct drawing
    /// (see `tilesLookLikeTheMapDrawnDirectly`), and how much of it is tiles depends on how fast
    /// the worker was.
    static func shareShifted(before: RGBAImage, after: RGBAImage, by shift: Int) -> Double {
        var same = 0, total = 0
        for y in stride(from: 0, to: after.height, by: 7) {
            for x in stride(from: 0, to: after.width - shift, by: 7) {
                let a = (y * after.width + x) * 4
                total += 1
                search: for dy in -1...1 {
                    for dx in -1...1 {
                        let bx = x + shift + dx, by = y + dy
                        guard bx >= 0, by >= 0, bx < before.width, by < before.height else { continue }
                        let b = (by * before.width + bx) * 4
                        if after.pixels[a..<a + 3] == before.pixels[b..<b + 3] { same += 1; break search }
                    }
                }
            }
        }
        return Double(same) / Double(total)
    }

    /// Panning by whole pixels reuses the tiles: still drawn from tiles of the exact zoom.
    @Test func aPanIsDrawnFromTheSameTiles() throws {
        let size = Size(width: 800, height: 500)
        let window = try window(size: size)
        let map = try mapRenderer()
        window.renderer.register(basemap: map)
        var camera = camera(size: size)
        window.renderer.draw(Self.basemapAlone(map, camera))
        window.renderer.settle()
        window.renderer.draw(Self.basemapAlone(map, camera))
        let before = try window.renderer.capture()

        camera.center.x += 37 / camera.scale
        window.renderer.draw(Self.basemapAlone(map, camera))
        #expect(window.renderer.lastFrame.basemap == .tiles)
        let after = try window.renderer.capture()
        // The map moved 37 pixels to the left: column x now shows what column x + 37 showed.
        #expect(Self.shareShifted(before: before, after: after, by: 37) > 0.99)
    }
}

extension TiledBasemapTests {
    /// The frames right after one drawn directly (the first, or one after a fast zoom out) take
    /// what no tile covers yet from that frame instead of rasterising the map again.
    @Test func theFramesAfterADirectOneUseItWhereNoTileIsReady() throws {
        let size = Size(width: 800, height: 500)
        let window = try window(size: size)
        let map = try mapRenderer()
        window.renderer.register(basemap: map)
        var camera = camera(size: size)
        window.renderer.draw(Self.basemapAlone(map, camera))
        #expect(window.renderer.lastFrame.basemap == .direct)
        let before = try window.renderer.capture()

        camera.center.x += 37 / camera.scale
        window.renderer.draw(Self.basemapAlone(map, camera))  // the worker has had no time for the screen's tiles
        #expect(window.renderer.lastFrame.basemap != .direct)
        let after = try window.renderer.capture()
        // Column x shows what column x + 37 showed (the right-hand strip is new: plain or tiles).
        #expect(Self.shareShifted(before: before, after: after, by: 37) > 0.97)
    }

    /// The basemap is not copied under an opaque bar drawn over it; the bar must then cover every
    /// pixel left out, or the last frame would show through there.
    @Test func nothingOfTheLastFrameShowsUnderAnOpaqueBar() throws {
        let size = Size(width: 640, height: 400)
        let window = try window(size: size)
        let map = try mapRenderer()
        window.renderer.register(basemap: map)
        let bar = RectsPrimitive(rects: [0, 331.6, 640, 68.4], color: RGBA(30, 42, 80))
        var list = DisplayList(background: map.style.background)
        list.append(BasemapRequest(camera: camera(size: size), map: map.identity))
        list.append(bar)
        window.renderer.draw(list)
        window.renderer.settle()

        let magenta = RGBA(255, 0, 255)
        window.renderer.draw(DisplayList(background: magenta))
        window.renderer.draw(list)
        #expect(window.renderer.lastFrame.basemap == .tiles)
        let image = try window.renderer.capture()
        var stale = 0
        for i in stride(from: 0, to: image.pixels.count, by: 4) where image.pixels[i] == 255 && image.pixels[i + 1] == 0 && image.pixels[i + 2] == 255 {
            stale += 1
        }
        #expect(stale == 0)
        // The bar is where it was asked to be, its edge rounded to a whole pixel: from row 332.
        let row332 = 332 * 640 * 4, row331 = 331 * 640 * 4
        #expect(Array(image.pixels[row332..<row332 + 3]) == [30, 42, 80])
        #expect(Array(image.pixels[row331..<row331 + 3]) != [30, 42, 80])
    }
}
