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
            // Until the worker holds back (or has nothing left): however slow the machine, the
            // limit is then what stops it, not the time the test gave it.
            let deadline = Date().addingTimeInterval(120)
            while !worker.isIdle && !worker.isHeldBack && Date() < deadline { usleep(1000) }
            let heldBack = worker.isHeldBack
            let batch = worker.takeFinished()
            if heldBack { #expect(batch.count >= limit) }
            // A block of up to 2×2 tiles may start just below the limit.
            #expect(batch.count <= limit + 3)
            #expect(batch.allSatisfy { $0.generation == 1 && $0.pixels.width == 64 })
            received += batch.map { $0.key }
            batches += 1
        }
        #expect(batches >= 3)
        #expect(received.count == keys.count)
        #expect(Set(received) == Set(keys))
    }
}

/// The worker renders ahead with the CPU time frames leave: its thread, named for `top -H`, runs
/// at a lower priority than the render loop (whose frame copy helper must get a core at once).
struct TileWorkerPriorityTests {
    /// The nice value of this process's threads called `name`, from /proc (field 19 of `stat`).
    static func niceValues(ofThreadsNamed name: String) throws -> [Int] {
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        return tasks.compactMap { tid in
            guard let comm = try? String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8),
                  comm.trimmingCharacters(in: .newlines) == name,
                  let stat = try? String(contentsOfFile: "/proc/self/task/\(tid)/stat", encoding: .utf8) else { return nil }
            // After the command in parentheses: state is field 3, nice field 19.
            let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
            return Int(fields[16])
        }
    }

    @Test func theWorkerThreadRunsAtALowerPriorityThanTheRenderLoop() throws {
        let worker = TileRenderWorker(grid: TileGrid(tileSize: 64), pixelFormat: CSDL_PIXELFORMAT_ARGB8888, onFinished: {})
        var found: [Int] = []
        for _ in 0..<200 where found.isEmpty {
            found = try Self.niceValues(ofThreadsNamed: "basemap-tiles")
            if found.isEmpty { usleep(5000) }  // the thread names itself when it starts
        }
        worker.stop()
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0 == Int(TileRenderWorker.niceness) }, "\(found)")
        let ownNice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)  // this thread's
        #expect(TileRenderWorker.niceness > ownNice)
        let copier = SplitCopier(cores: 2)
        defer { copier.stop() }
        var copyThreads: [Int] = []
        for _ in 0..<200 where copyThreads.isEmpty {
            copyThreads = try Self.niceValues(ofThreadsNamed: "surface-copy")
            if copyThreads.isEmpty { usleep(5000) }
        }
        #expect(copyThreads.contains(Int(ownNice)), "\(copyThreads)")
    }
}
