import Foundation
import Testing
@testable import MapGeometry
@testable import MapScene

@Suite struct TilePlannerTests {
    let grid = TileGrid(tileSize: 256)
    /// Lille, at a fractional zoom and an offset that is not a whole pixel.
    func camera(zoom: Double = 11.37, size: Size = Size(width: 1920, height: 1080)) -> Camera {
        Camera(coordinate: GeoCoordinate(latitude: 50.6311, longitude: 3.0571), zoom: zoom, viewport: size)
    }

    /// Tiles of the camera's own zoom are copied 1:1; tiles of another zoom are stretched; either
    /// way neighbours share their edges, so nothing shows between them and nothing is drawn twice.
    @Test(arguments: [0.0, 0.37, -0.42])
    func neighbouringTilesShareTheirEdges(zoomOffset: Double) {
        let camera = camera()
        let zoom = camera.zoom + zoomOffset
        for key in grid.keys(for: camera, atZoom: zoom) {
            let r = grid.screenRect(of: key, under: camera)
            let right = grid.screenRect(of: TileKey(zoom: zoom, x: key.x + 1, y: key.y), under: camera)
            let below = grid.screenRect(of: TileKey(zoom: zoom, x: key.x, y: key.y + 1), under: camera)
            #expect(r.maxX == right.x && r.y == right.y && r.height == right.height)
            #expect(r.maxY == below.y && r.x == below.x && r.width == below.width)
            if zoomOffset == 0 { #expect(r.width == 256 && r.height == 256) }
        }
    }

    /// A block of neighbouring tiles is drawn in one canvas; each tile lands on its own square of it.
    @Test func aBlockCameraPutsEachTileOnItsSquare() {
        let zoom = 11.37
        let camera = grid.camera(forColumns: 1040...1041, rows: 700...701, atZoom: zoom)
        #expect(camera.viewport == Size(width: 512, height: 512))
        for (x, y) in [(1040, 700), (1041, 700), (1040, 701), (1041, 701)] {
            let corner = grid.bounds(of: TileKey(zoom: zoom, x: x, y: y))
            let p = camera.screenPoint(of: Point(x: corner.minX, y: corner.minY))
            #expect(abs(p.x - Double((x - 1040) * 256)) < 1e-6 && abs(p.y - Double((y - 700) * 256)) < 1e-6)
            // The same as the tile's own camera, shifted by its square.
            let own = grid.camera(for: TileKey(zoom: zoom, x: x, y: y)).screenPoint(of: Point(x: corner.maxX, y: corner.maxY))
            let inBlock = camera.screenPoint(of: Point(x: corner.maxX, y: corner.maxY))
            #expect(abs(inBlock.x - own.x - Double((x - 1040) * 256)) < 1e-6)
        }
    }

    @Test func theScreensTilesCoverItNearestTheCentreFirst() {
        let camera = camera()
        let keys = grid.keys(for: camera, atZoom: camera.zoom)
        let rects = keys.map { grid.screenRect(of: $0, under: camera) }
        #expect(rects.map(\.x).min()! <= 0 && rects.map(\.maxX).max()! >= 1920)
        #expect(rects.map(\.y).min()! <= 0 && rects.map(\.maxY).max()! >= 1080)
        let first = rects[0]
        #expect(first.x <= 960 && 960 < first.maxX && first.y <= 540 && 540 < first.maxY)
        #expect(keys.count == Set(keys).count)
    }

    @Test func withNothingRenderedTheFrameDrawsDirectlyAndAsksForTheScreenFirst() {
        let camera = camera()
        let plan = TilePlanner(grid: grid).plan(camera: camera, zoomHeld: true, cachedZooms: []) { _ in false }
        #expect(!plan.coversScreen && !plan.isExact && plan.draws.isEmpty)
        #expect(plan.uncoveredFraction == 1)
        let screen = PixelRect(x: 0, y: 0, width: 1920, height: 1080)
        let onScreen = plan.requests.prefix { grid.screenRect(of: $0, under: camera).intersects(screen) }
        #expect(onScreen.count == grid.keys(for: camera, atZoom: camera.zoom).count)
        // Then the ring around the screen, then the zoom-out prefetch one level up.
        #expect(plan.requests.count > onScreen.count)
        #expect(plan.requests.contains { $0.zoom == camera.zoom - 1 })
        #expect(plan.requests.allSatisfy { $0.zoom == camera.zoom || $0.zoom == camera.zoom - 1 })
    }

    @Test func withTheScreensTilesReadyThePanCopiesThemAndPrefetches() {
        let camera = camera()
        let ready = Set(grid.keys(for: camera, atZoom: camera.zoom))
        let plan = TilePlanner(grid: grid).plan(camera: camera, zoomHeld: true, cachedZooms: [camera.zoom]) { ready.contains($0) }
        #expect(plan.coversScreen && plan.isExact)
        #expect(Set(plan.draws.map(\.key)) == ready)
        #expect(!plan.requests.isEmpty && plan.requests.allSatisfy { !ready.contains($0) })
    }

    /// While the zoom changes, tiles are wanted at the nearest half level, only for the screen,
    /// and the zoom shown until they come stands in, stretched.
    @Test func whileZoomingTheLastZoomStandsInForTheNextLevel() {
        let before = camera(zoom: 11.37)
        let ready = Set(grid.keys(for: before, atZoom: 11.37, margin: 1))
        var during = before
        during.zoom = 11.62
        let plan = TilePlanner(grid: grid).plan(camera: during, zoomHeld: false, cachedZooms: [11.37]) { ready.contains($0) }
        #expect(plan.zoom == 11.5)
        #expect(plan.coversScreen && !plan.isExact)
        #expect(!plan.draws.isEmpty && plan.draws.allSatisfy { $0.key.zoom == 11.37 })
        #expect(plan.requests.allSatisfy { $0.zoom == 11.5 })
        #expect(plan.requests.count == grid.keys(for: during, atZoom: 11.5).count)
    }

    /// Zooming out past what was rendered: the tiles nothing stands in for (the edges the zoom
    /// uncovers) are asked first, then those a stand-in covers meanwhile.
    @Test func tilesWithNothingStandingInAreAskedFirst() {
        let before = camera(zoom: 11.5)
        let ready = Set(grid.keys(for: before, atZoom: 11.5))
        var during = before
        during.zoom = 11.05
        let plan = TilePlanner(grid: grid).plan(camera: during, zoomHeld: false, cachedZooms: [11.5]) { ready.contains($0) }
        #expect(plan.zoom == 11.0 && !plan.coversScreen && !plan.draws.isEmpty)
        let wanted = grid.keys(for: during, atZoom: 11.0)
        let standingIn = Set(wanted.filter { key in
            grid.keys(covering: grid.bounds(of: key).intersection(during.visibleBounds)!.insetByFraction(1e-9), atZoom: 11.5).allSatisfy(ready.contains)
        })
        let uncovered = plan.requests.prefix { !standingIn.contains($0) }
        #expect(!uncovered.isEmpty && !standingIn.isEmpty)
        #expect(uncovered.count == wanted.count - standingIn.count, "every uncovered tile comes before any covered one")
        #expect(Set(plan.requests) == Set(wanted))
    }

    /// Where no tile covers the screen, the last frame drawn directly does, moved with the map:
    /// tiles, that frame and what is left plain cover every pixel once; too far in zoom, it is unused.
    @Test func theLastDirectFrameFillsWhatNoTileCovers() {
        var camera = camera()
        let lastDirect = camera
        camera.center.x += 100 / camera.scale  // panned 100 pixels: a strip on the right is new
        let keys = grid.keys(for: camera, atZoom: camera.zoom)
        let middle = keys.map(\.x).sorted()[keys.count / 2]
        let plan = TilePlanner(grid: grid).plan(camera: camera, zoomHeld: true, cachedZooms: [camera.zoom],
                                                lastDirect: lastDirect) { $0.x < middle }
        #expect(plan.lastDirectRect == PixelRect(x: -100, y: 0, width: 1920, height: 1080))
        #expect(!plan.lastDirectClips.isEmpty && !plan.coversScreen && !plan.isExact)
        #expect(plan.gaps.allSatisfy { $0.x >= 1820 })
        #expect(abs(plan.uncoveredFraction - 100.0 / 1920) < 1e-9)
        let areas = plan.draws.compactMap { $0.rect.intersection($0.clip) } + plan.lastDirectClips + plan.gaps
        for y in stride(from: 0, to: 1080, by: 5) {
            for x in stride(from: 0, to: 1920, by: 5) {
                let count = areas.filter { ($0.x..<$0.maxX).contains(x) && ($0.y..<$0.maxY).contains(y) }.count
                #expect(count == 1, "pixel \(x),\(y) covered \(count) times")
            }
        }
        var zoomedOut = camera
        zoomedOut.zoom -= 1.5
        let far = TilePlanner(grid: grid).plan(camera: zoomedOut, zoomHeld: true, cachedZooms: [], lastDirect: lastDirect) { _ in false }
        #expect(far.lastDirectRect == nil && far.lastDirectClips.isEmpty && far.uncoveredFraction == 1)
    }

    /// What is drawn and what is left plain together cover every pixel of the screen once: no
    /// pixel of the last frame shows through, none is filled twice.
    @Test func copiesAndGapsCoverTheScreenOnce() {
        let camera = camera()
        let keys = grid.keys(for: camera, atZoom: camera.zoom)
        let middle = keys.map(\.x).sorted()[keys.count / 2]
        let plan = TilePlanner(grid: grid).plan(camera: camera, zoomHeld: true, cachedZooms: [camera.zoom]) { $0.x < middle }
        #expect(!plan.coversScreen && !plan.gaps.isEmpty)
        let areas = plan.draws.compactMap { $0.rect.intersection($0.clip) } + plan.gaps
        for y in stride(from: 0, to: 1080, by: 5) {
            for x in stride(from: 0, to: 1920, by: 5) {
                let count = areas.filter { ($0.x..<$0.maxX).contains(x) && ($0.y..<$0.maxY).contains(y) }.count
                #expect(count == 1, "pixel \(x),\(y) covered \(count) times")
            }
        }
        let gapPixels = plan.gaps.reduce(0) { $0 + $1.width * $1.height }
        #expect(abs(plan.uncoveredFraction - Double(gapPixels) / (1920 * 1080)) < 1e-12)
    }

    @Test func aStandInStretchedMoreThanAllowedIsNotUsed() {
        let far = camera(zoom: 8.3)
        let ready = Set(grid.keys(for: far, atZoom: 8.3, margin: 3))
        let near = camera(zoom: 11.0)
        let planner = TilePlanner(grid: grid, maximumStretch: 4)
        let plan = planner.plan(camera: near, zoomHeld: true, cachedZooms: [8.3]) { ready.contains($0) }
        #expect(!plan.coversScreen && plan.draws.isEmpty)
        var closer = near
        closer.zoom = 9.5
        let allowed = planner.plan(camera: closer, zoomHeld: true, cachedZooms: [8.3]) { ready.contains($0) }
        #expect(allowed.coversScreen && allowed.draws.allSatisfy { $0.key.zoom == 8.3 })
    }

    /// When some tiles of the wanted zoom are there, they are drawn over the stand-ins.
    @Test func wantedTilesAreDrawnOverStandIns() {
        let camera = camera()
        let wanted = grid.keys(for: camera, atZoom: camera.zoom)
        var ready = Set(wanted.prefix(wanted.count / 2))
        ready.formUnion(grid.keys(for: camera, atZoom: camera.zoom - 1, margin: 1))
        let plan = TilePlanner(grid: grid).plan(camera: camera, zoomHeld: true, cachedZooms: [camera.zoom, camera.zoom - 1]) { ready.contains($0) }
        #expect(plan.coversScreen && !plan.isExact)
        let firstWanted = plan.draws.firstIndex { $0.key.zoom == camera.zoom }!
        #expect(plan.draws[..<firstWanted].allSatisfy { $0.key.zoom == camera.zoom - 1 })
        #expect(plan.draws[firstWanted...].allSatisfy { $0.key.zoom == camera.zoom })
        // Stand-ins only fill what the wanted tiles leave: nothing is copied twice.
        for standIn in plan.draws[..<firstWanted] {
            #expect(plan.draws[firstWanted...].allSatisfy { standIn.clip.intersection($0.rect) == nil })
        }
    }
}

@Suite struct DiscTests {
    /// Circles (markers, the "you are here" dot) are horizontal bands: every point inside the
    /// circle is covered, nothing more than ¾ px outside is.
    @Test(arguments: [6.0, 17.5, 40.0, 90.0])
    func circlesCoverTheirDiscAndNothingElse(radius: Double) {
        let centre = Point(x: 200.3, y: 150.7)
        let mesh = Shapes.circle(center: centre, radius: radius, color: .black)
        func covered(_ p: Point) -> Bool {
            let x = Float(p.x), y = Float(p.y)
            var t = 0
            while t < mesh.indices.count {
                let a = Int(mesh.indices[t]) * 2, b = Int(mesh.indices[t + 1]) * 2, c = Int(mesh.indices[t + 2]) * 2
                func side(_ i: Int, _ j: Int) -> Float {
                    (mesh.vertices[j] - mesh.vertices[i]) * (y - mesh.vertices[i + 1]) - (mesh.vertices[j + 1] - mesh.vertices[i + 1]) * (x - mesh.vertices[i])
                }
                let s1 = side(a, b), s2 = side(b, c), s3 = side(c, a)
                if (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0) { return true }
                t += 3
            }
            return false
        }
        // The polygon's chord falls short of the circle by r·(1 - cos(π/n)), well under half a pixel
        // here; the bands' rectangles overlap their ends by half a pixel, outwards.
        let step = radius / 15
        for i in -20...20 {
            for j in -20...20 {
                let p = Point(x: centre.x + Double(i) * step, y: centre.y + Double(j) * step)
                let d = ((p.x - centre.x) * (p.x - centre.x) + (p.y - centre.y) * (p.y - centre.y)).squareRoot()
                if d < radius - 0.5 { #expect(covered(p), "(\(i), \(j)) inside r=\(radius) is not covered") }
                if d > radius + 0.75 { #expect(!covered(p), "(\(i), \(j)) outside r=\(radius) is covered") }
            }
        }
    }
}
