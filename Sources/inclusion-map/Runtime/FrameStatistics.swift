import Foundation
import MapScene

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
        var triangles_max: Int
        var rss_after_warmup_mb: Double
        var rss_end_mb: Double
        var open_fds_after_warmup: Int
        var open_fds_end: Int
        /// What the visitor sees at the end: the open panel and the places its list shows, in order.
        var panel: String
        var listed_places: [String]
    }

    private(set) var frameMilliseconds: [Double] = []
    private(set) var maxTriangles = 0

    mutating func record(milliseconds: Double, triangles: Int) {
        frameMilliseconds.append(milliseconds)
        maxTriangles = max(maxTriangles, triangles)
    }

    /// Nearest-rank percentile.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var percentiles: Percentiles {
        let s = frameMilliseconds.sorted()
        func r(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
        return Percentiles(p50: r(Self.percentile(s, 50)), p95: r(Self.percentile(s, 95)),
                           p99: r(Self.percentile(s, 99)), max: r(s.last ?? 0))
    }
}
