import Foundation
import MapScene
import SDLBackend

/// Frame times and the other figures `run --stats` writes.
struct FrameStatistics {
    struct CameraFigures: Codable, Equatable {
        var lat: Double
        var lon: Double
        var zoom: Double
        var bearing: Double

        init(_ camera: Camera) {
            let c = camera.coordinate
            lat = c.latitude
            lon = c.longitude
            zoom = camera.zoom
            bearing = camera.bearing
        }
    }

    struct Percentiles: Codable, Equatable {
        var p50: Double
        var p95: Double
        var p99: Double
        var max: Double
    }

    struct Report: Codable {
        var frames: Int
        var frame_ms: Percentiles
        var first_frame_ms: Double
        var peak_rss_mb: Double
        var camera_start: CameraFigures
        var camera_end: CameraFigures
        var size: String
        var renderer: String
        /// What draws: the OpenGL renderer string (a GPU, or llvmpipe on the CPU); nil for software.
        var gpu: String?
        /// An OpenGL renderer `auto` passed over because it draws on the CPU.
        var passed_over: String?
        var triangles_max: Int
        var basemap_frames: BasemapFrames
        var rss_after_warmup_mb: Double
        var rss_end_mb: Double
        var open_fds_after_warmup: Int
        var open_fds_end: Int
        /// What the visitor sees at the end: the open panel and the places its list shows, in order.
        var panel: String
        var listed_places: [String]
        /// The long edge the interface faces, and the side the open panel faces within it.
        var interface_facing: String
        var panel_facing: String
        /// The interface's language at the end.
        var language: String
        /// Processor seconds (all threads) and wall-clock seconds the replay took: with
        /// `--real-time`, their ratio is the share of a core the kiosk used.
        var cpu_s: Double
        var wall_s: Double
        /// The places shown at the end, and each swap of new places during the replay: the
        /// kiosk taking them plus the frame that followed, in milliseconds.
        var places: Int
        var place_swaps_ms: [Double]
        /// The renderer's textures at the end (bounded caches), and the resets it recovered from.
        var textures: TextureFigures
        var render_resets: Int
    }

    /// How the frames got their basemap (see ``BasemapFrameKind``): from the wanted tiles, partly
    /// from stretched stand-ins, with a plain strip still waiting, or rasterised in the frame.
    struct BasemapFrames: Codable, Equatable {
        var tiles = 0
        var tiles_with_stand_ins = 0
        var tiles_with_gaps = 0
        var direct = 0
    }

    private(set) var basemapFrames = BasemapFrames()

    mutating func recordBasemap(_ kind: BasemapFrameKind) {
        switch kind {
        case .tiles: basemapFrames.tiles += 1
        case .tilesWithStandIns: basemapFrames.tiles_with_stand_ins += 1
        case .tilesWithGaps: basemapFrames.tiles_with_gaps += 1
        case .direct: basemapFrames.direct += 1
        }
    }

    /// Frame times in a fixed histogram (1 µs buckets up to 250 ms, allocated once), not a list:
    /// a soak of a million frames must not grow the memory it is measuring.
    private var histogram = [UInt32](repeating: 0, count: Self.bucketCount)
    private static let bucketCount = 250_001
    private(set) var frames = 0
    private(set) var maxMilliseconds = 0.0
    private(set) var maxTriangles = 0

    mutating func record(milliseconds: Double, triangles: Int) {
        histogram[min(Self.bucketCount - 1, max(0, Int((milliseconds * 1000).rounded())))] += 1
        frames += 1
        maxMilliseconds = max(maxMilliseconds, milliseconds)
        maxTriangles = max(maxTriangles, triangles)
    }

    /// Nearest-rank percentile, to the microsecond.
    func percentile(_ p: Double) -> Double {
        guard frames > 0 else { return 0 }
        let rank = max(1, Int((p / 100 * Double(frames)).rounded(.up)))
        var seen = 0
        for (bucket, count) in histogram.enumerated() where count > 0 {
            seen += Int(count)
            if seen >= rank { return bucket == Self.bucketCount - 1 ? maxMilliseconds : Double(bucket) / 1000 }
        }
        return maxMilliseconds
    }

    var percentiles: Percentiles {
        func r(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
        return Percentiles(p50: r(percentile(50)), p95: r(percentile(95)), p99: r(percentile(99)), max: r(maxMilliseconds))
    }
}
