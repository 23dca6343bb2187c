import CSDL2
import Foundation
import MapGeometry
import MapScene
@testable import SDLBackend
import Testing

/// The tile worker renders what it is asked, but no further ahead of the render loop than
/// `finishedLimit` tiles: a stalled loop must not see memory fill with tiles it has not taken.
struct TileRenderWorkerTests {
    let root = InclusionMapBinary.packageRoot

    @Test func theWorkerWaitsForTheRenderLoopBeyondItsLimitThenGoesOn() throws {
        let style = try MapStyle.load(from: root.appendingPathComponent("assets/styles/calm.json"))
        let file = root.appendingPathComponent("assets/basemap/hauts-de-france/region-hauts-de-france.geojson")
        let region = BasemapSource(features: try GeoJSONReader.read(fileAt: file), needs: .of("region", in: style))
        let map = MapRenderer(basemap: BasemapPreparer().prepare(sources: ["region": region]), style: style)

        let grid = TileGrid(tileSize: 64)
        let worker = TileRenderWorker(grid: grid, pixelFormat: CSDL_PIXELFORMAT_ARGB8888, onFinished: {})
        defer { worker.stop() }
        let camera = Camera(coordinate: GeoCoordinate(latitude: 49.9, longitude: 2.8), zoom: 9, viewport: Size(width: 640, height: 640))
        let keys = grid.keys(for: camera, atZoom: 9)
        let limit = TileRenderWorker.finishedLimit
        #expect(keys.count > 2 * limit)

        worker.request(keys, from: map, generation: 1)
        var received: [TileKey] = []
        var batches = 0
        while received.count < keys.count && batches < 20 {
            let deadline = Date().addingTimeInterval(60)
            while !worker.isIdle && worker.finishedCount < limit && Date() < deadline { usleep(1000) }
            usleep(300_000)  // time enough to overrun the limit, were it not kept
            let batch = worker.takeFinished()
            // A block of up to 2×2 tiles may start just below the limit.
            #expect(batch.count <= limit + 3)
            #expect(batch.allSatisfy { $0.generation == 1 && $0.pixels.buffer.width == 64 })
            received += batch.map { $0.key }
            batches += 1
        }
        #expect(batches >= 3)
        #expect(received.count == keys.count)
        #expect(Set(received) == Set(keys))
    }
}
