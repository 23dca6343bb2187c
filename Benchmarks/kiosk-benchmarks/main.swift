// Geometry and preparation benchmarks on the bundled real data (release build):
//   swift run -c release kiosk-benchmarks [assets-folder]
// Prints the median of several runs for each stage. Frame times are measured by
// scripts/bench-frames.sh (replays through the real SDL renderer).
import Foundation
import MapGeometry
import MapScene
import Places

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Median wall time in milliseconds of `runs` calls.
func measure(_ name: String, runs: Int, _ work: () -> Int) {
    var times: [Double] = []
    var result = 0
    for _ in 0..<runs {
        let start = now()
        result = work()
        times.append((now() - start) * 1000)
    }
    times.sort()
    print(String(format: "%-44@ median %8.2f ms   min %8.2f ms   (%d)", name as NSString, times[times.count / 2], times[0], result))
}

let assets = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "assets")
let communesURL = assets.appendingPathComponent("basemap/hauts-de-france/communes-hauts-de-france.geojson")
let communes = try GeoJSONReader.read(fileAt: communesURL)
var polygons: [Polygon] = []
for f in communes { if case .polygons(let ps) = f.geometry { polygons += ps } }
let vertexCount = polygons.reduce(0) { $0 + $1.vertexCount }
print("communes: \(communes.count) features, \(polygons.count) polygons, \(vertexCount) vertices")

// Flatten once, so the benchmark times the triangulation alone (as earcut's own benchmarks do).
let flat: [(coords: [Double], holes: [Int])] = polygons.map { p in
    var coords: [Double] = []
    var holes: [Int] = []
    for (i, ring) in p.rings.enumerated() {
        if i > 0 { holes.append(coords.count / 2) }
        for pt in ring { coords.append(pt.x); coords.append(pt.y) }
    }
    return (coords, holes)
}
measure("earcut: all communes", runs: 15) {
    var triangles = 0
    for f in flat { triangles += Earcut.triangulate(f.coords, holeIndices: f.holes).count / 3 }
    return triangles
}
measure("read communes GeoJSON (parse + project)", runs: 5) {
    (try? GeoJSONReader.read(fileAt: communesURL).count) ?? 0
}
measure("simplify all communes at 0.5 px, zoom 9", runs: 10) {
    let tolerance = 0.5 / 512.0
    return polygons.reduce(0) { $0 + LineSimplifier.simplifyRing($1.outer, tolerance: tolerance).count }
}
measure("border network of all communes", runs: 10) {
    BorderNetwork.polylines(of: polygons).count
}
measure("prepare communes (all levels, lines)", runs: 3) {
    BasemapPreparer().prepare(sources: ["communes": BasemapSource(features: communes, needs: .init(fills: false, thinLines: true, wideLines: false))]).triangleCount
}
let towns = try TownListReader.read(fileAt: assets.appendingPathComponent("population/communes-hdf-population.csv"))
    .sorted { $0.population > $1.population }
let labels = MapStyle.Labels(color: .black, halo: .white, rules: [
    .init(minPopulation: 100_000, minzoom: 7, size: 19, bold: true),
    .init(minPopulation: 10_000, minzoom: 9, size: 14, bold: true),
    .init(minPopulation: 0, minzoom: 11, size: 12, bold: false),
])
measure("label placement, 3,777 towns at zoom 12", runs: 10) {
    LabelPlacer().placed(towns: towns, style: labels, zoom: 12, measurer: EstimatedTextMeasurer()).count
}

// Nearest places: k = 10 among synthetic places spread over France (per query, mean of 20,000).
func nearestBenchmark(_ n: Int, filtered: Bool) {
    var state: UInt64 = 42
    func random() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    let points = (0..<n).map { _ in GeoCoordinate(latitude: 42 + random() * 9, longitude: -4.5 + random() * 12.5) }
    let index = NearestIndex(coordinates: points)
    let queries = (0..<20_000).map { _ in GeoCoordinate(latitude: 42.5 + random() * 8, longitude: -4 + random() * 12) }
    var checksum = 0
    let start = now()
    for q in queries {
        let hits = filtered ? index.nearest(to: q, k: 10) { $0 % 3 == 0 } : index.nearest(to: q, k: 10)
        checksum &+= hits.first?.index ?? 0
    }
    let perQuery = (now() - start) / Double(queries.count) * 1e6
    print(String(format: "%-44@ %8.2f µs per query   (%d)", "nearest k=10 among \(n)\(filtered ? ", 1 in 3 kept" : "")" as NSString, perQuery, checksum))
}
nearestBenchmark(1_000, filtered: false)
nearestBenchmark(100_000, filtered: false)
nearestBenchmark(100_000, filtered: true)
