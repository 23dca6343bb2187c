// Geometry, preparation, places and feedback benchmarks on the bundled real data (release build):
//   swift run -c release kiosk-benchmarks [assets-folder]
//   INCLUSION_MAP_BENCH_LAB_URL=postgres://… swift run -c release kiosk-benchmarks   (adds delivery)
// Prints the median of several runs for each stage. Frame times are measured by
// scripts/bench-frames.sh (replays through the real SDL renderer).
import Coverage
import Feedback
import Foundation
import Kiosk
import Speech
import Logging
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
// Upstream earcut's largest fixtures, as earcut.hpp is timed on them by scripts/bench-earcut-reference.py.
let earcutFixtures = assets.deletingLastPathComponent().appendingPathComponent("Tests/MapGeometryTests/Fixtures/earcut")
for name in ["water", "water-huge", "water-huge3"] {
    guard let data = try? Data(contentsOf: earcutFixtures.appendingPathComponent("\(name).json")),
          let rings = try? JSONDecoder().decode([[[Double]]].self, from: data) else { continue }
    var coords: [Double] = [], holes: [Int] = []
    for (i, ring) in rings.enumerated() {
        if i > 0 { holes.append(coords.count / 2) }
        for point in ring { coords += [point[0], point[1]] }
    }
    measure("earcut: upstream fixture \(name)", runs: 30) { Earcut.triangulate(coords, holeIndices: holes).count / 3 }
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
// Wide lines are widened from their points at draw time: every commune border at zoom 9 on a 4K
// screen (the region's middle), drawn 3 pixels wide with bevels, as a tile worker draws lines.
var wideStyle = try MapStyle.load(from: assets.appendingPathComponent("styles/calm.json"))
wideStyle.layers = [.init(id: "borders", source: "communes", type: .line, color: .black, width: 3)]
wideStyle.labels = nil
let wideBorders = MapRenderer(
    basemap: BasemapPreparer().prepare(sources: ["communes": BasemapSource(features: communes, needs: .init(fills: false, thinLines: false, wideLines: true))]),
    style: wideStyle)
measure("wide lines: commune borders, zoom 9, 4K", runs: 30) {
    var list = DisplayList(background: .white)
    wideBorders.drawGeometry(camera: Camera(coordinate: GeoCoordinate(latitude: 49.9, longitude: 2.8), zoom: 9,
                                            viewport: Size(width: 3840, height: 2160)), into: &list)
    return list.triangleCount
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

// Places: the bundled regional files, as the kiosk holds them.
let placesFolder = assets.appendingPathComponent("places")
let importer = PlaceImporter(townHalls: try AidantsConnectReader.townHalls(
    populationCSV: try Data(contentsOf: assets.appendingPathComponent("population/communes-hdf-population.csv"))))
let regional = try ["conseillers-numeriques-hdf-2022-12.json", "france-services-hdf-2022-12-01.csv", "aidants-connect-hdf-2024-02-12.csv"]
    .map { name in (file: name, places: try importer.read(fileAt: placesFolder.appendingPathComponent(name)).places) }
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-benchmarks-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
let store = try PlaceStore(path: scratch.appendingPathComponent("places.sqlite").path)
try store.importPlaces(regional, mode: .replace)
let directory = PlaceDirectory(places: try store.allPlaces())
// What the kiosk does with them before its first frame (`load places`).
measure("places: all read from SQLite and decoded", runs: 9) { (try? store.allPlaces().count) ?? 0 }
let storedPlaces = try store.allPlaces()
measure("places: directory built (needs, folds, hours, index)", runs: 9) { PlaceDirectory(places: storedPlaces).count }

// Coverage: the figures of every commune, intercommunality and department, and the communes'
// colours, after a visitor changes a filter. Six filters in turn, each with its own "open at"
// instant, so that no run finds the last one's open states cached.
let territories = try TerritoryTable.load(
    population: assets.appendingPathComponent("population/communes-hdf-population.csv"),
    fragility: assets.appendingPathComponent("population/indice-fragilite-numerique-hdf.csv"),
    intercommunalities: assets.appendingPathComponent("population/epci-hdf.csv"),
    departments: assets.appendingPathComponent("population/departements-hdf.csv"))
measure("coverage: calculator built (places in communes)", runs: 9) {
    CoverageCalculator(territories: territories, directory: directory).communeOfPlace.count
}
let coverageModel = CoverageModel(territories: territories, directory: directory, source: "communes")
let coverageStyle = try MapStyle.load(from: assets.appendingPathComponent("styles/calm.json"))
let coverageFilters: [PlaceDirectory.Filter] = (0..<6).map { n in
    PlaceDirectory.Filter(needs: n % 2 == 0 ? [] : [.procedures],
                          openAt: ISO8601DateFormatter().date(from: "2026-12-0\(1 + n)T09:30:00Z")!.addingTimeInterval(Double(n) * 3_600))
}
var coverageRun = 0
measure("coverage: figures + shading after a filter change", runs: 30) {
    coverageRun += 1
    let figures = coverageModel.calculator.figures(for: coverageFilters[coverageRun % coverageFilters.count])
    return CoverageShading.make(figures, layer: .priority, model: coverageModel, style: coverageStyle).colors.count + figures.matchingPlaces
}
// Reading aloud: from the request to the first samples eSpeak NG hands over (what is then
// queued to the sound device), for a place card's first sentences, in each language.
if let synthesizer = try? SpeechSynthesizer.shared() {
    let cards = ["fr": "France services Interfaces Lille Faubourg de Béthune. 106 Boulevard de Metz, 59000 Lille. Ouvert maintenant, ferme à 12 heures.",
                 "en": "France services Interfaces Lille Faubourg de Béthune. 106 Boulevard de Metz, 59000 Lille. Open now, closes at noon.",
                 "ar": "فرانس سيرفيس إنترفاس ليل. مفتوح الآن، يغلق عند الظهر.",
                 "nl": "France services Interfaces Lille Faubourg de Béthune. Nu open, sluit om twaalf uur."]
    for language in ["fr", "en", "ar", "nl"] {
        var firsts: [Double] = []
        for _ in 0..<15 {
            let start = now()
            var first: Double?
            try? synthesizer.speak(cards[language]!, language: language) { _ in
                if first == nil { first = now() - start; synthesizer.cancel() }
            }
            firsts.append((first ?? .nan) * 1000)
        }
        firsts.sort()
        print(String(format: "%-44@ median %8.2f ms   max %8.2f ms", "speech: first samples, \(language) card" as NSString, firsts[7], firsts[14]))
    }
}
measure("coverage: figures, no filter (open states cached)", runs: 30) {
    coverageModel.calculator.figures(for: .init()).region.populationBeyond10km
}

func perQuery(_ name: String, queries: Int, _ body: (Int) -> Int) {
    var checksum = 0
    let start = now()
    for q in 0..<queries { checksum &+= body(q) }
    print(String(format: "%-44@ %8.2f µs per query   (%d)", name as NSString, (now() - start) / Double(queries) * 1e6, checksum))
}
struct LCG {
    var state: UInt64
    mutating func unit() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}
var lcg = LCG(state: 7)
var regionQueries: [GeoCoordinate] = []
for _ in 0..<5_000 { regionQueries.append(GeoCoordinate(latitude: 49 + lcg.unit() * 2, longitude: 1.6 + lcg.unit() * 2.5)) }
perQuery("nearest k=10 among the \(directory.count) bundled", queries: regionQueries.count) {
    directory.nearest(to: regionQueries[$0], k: 10).first?.index ?? 0
}
let tuesday = ISO8601DateFormatter().date(from: "2026-12-01T09:30:00Z")!
perQuery("nearest k=10, procedures + open now", queries: regionQueries.count) {
    directory.nearest(to: regionQueries[$0], k: 10, filter: .init(needs: [.procedures], openAt: tuesday)).first?.index ?? 0
}
perQuery("nearest k=10, service text filter", queries: regionQueries.count) {
    directory.nearest(to: regionQueries[$0], k: 10, filter: .init(service: "smartphone")).first?.index ?? 0
}
let searches = ["mediat", "france services", "lille", "centre social", "mairie amiens", "numérique", "a", "espace numerique roubaix"]
perQuery("text search (FTS5), 8 queries round robin", queries: 4_000) {
    (try? store.search(searches[$0 % searches.count], limit: 50).count) ?? 0
}

// Import: 10,000 rows of the national standard (scripts/make-synthetic-places.py), read + merge + store.
let synthetic = scratch.appendingPathComponent("synthetic-10000.csv")
let generator = Process()
generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
generator.arguments = ["python3", "scripts/make-synthetic-places.py", "10000", synthetic.path]
try generator.run()
generator.waitUntilExit()
measure("read 10,000 rows of national-standard CSV", runs: 3) {
    (try? PlaceImporter().read(fileAt: synthetic).places.count) ?? 0
}
let syntheticRows = try PlaceImporter().read(fileAt: synthetic).places
measure("store 10,000 rows (merge, one transaction)", runs: 3) {
    let importStore = try! PlaceStore(path: scratch.appendingPathComponent("import-\(UUID().uuidString).sqlite").path)
    return (try? importStore.importPlaces([(synthetic.lastPathComponent, syntheticRows)], mode: .replace).places) ?? 0
}
measure("import 10,000 rows (read, merge, one transaction)", runs: 3) {
    let importStore = try! PlaceStore(path: scratch.appendingPathComponent("import-\(UUID().uuidString).sqlite").path)
    let read = try! PlaceImporter().read(fileAt: synthetic)
    return (try? importStore.importPlaces([(synthetic.lastPathComponent, read.places)], mode: .replace).places) ?? 0
}

// Loading 10,000 places for search, as a start does: from the snapshot, and from the store's
// records when there is none (the first start after an import or an upgrade).
let loadStore = try PlaceStore(path: scratch.appendingPathComponent("load-\(UUID().uuidString).sqlite").path)
try loadStore.importPlaces([(synthetic.lastPathComponent, syntheticRows)], mode: .replace)
_ = try loadStore.directory()
measure("10,000 places loaded from their snapshot", runs: 5) {
    (try? loadStore.directory()).map { $0.source == .snapshot ? $0.directory.count : -1 } ?? 0
}
measure("10,000 places loaded from the store's JSON", runs: 3) {
    PlaceDirectory(places: (try? loadStore.allPlaces()) ?? []).count
}

// Clustering 5,000 markers: a zoom level's clusters (computed once per level) and a frame's cull.
let synthetic5k = try PlaceImporter().read(fileAt: synthetic).places.prefix(5_000)
let clusterer = MarkerClusterer(points: synthetic5k.map { WebMercator.project($0.coordinate!) })
measure("cluster 5,000 markers at zoom 9", runs: 20) { clusterer.clusters(atZoom: 9).count }
measure("cluster 5,000 markers at zoom 12", runs: 20) { clusterer.clusters(atZoom: 12).count }

// Feedback: queueing one answer is one fsynced commit.
let outbox = try Outbox(path: scratch.appendingPathComponent("outbox.sqlite").path)
var enqueueTimes: [Double] = []
for n in 0..<500 {
    let item = try FeedbackItem.review(of: "place-\(n % 40)", answers: FeedbackAnswers(pairs: ["entree_plain_pied=oui", "satisfaction=4"],
                                       comment: "Accueil très patient"), kioskID: "bench", appVersion: "bench", at: Date())
    let start = now()
    try outbox.enqueue(item)
    enqueueTimes.append((now() - start) * 1000)
}
enqueueTimes.sort()
print(String(format: "%-44@ p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms", "queue one answer (commit + fsync), 500 runs" as NSString,
             enqueueTimes[250], enqueueTimes[495], enqueueTimes[499]))

tileStretchBenchmark()

// Delivery to a local PostgreSQL, when one is given (migrated lab database, kiosk role or owner).
if let url = ProcessInfo.processInfo.environment["INCLUSION_MAP_BENCH_LAB_URL"] {
    var settings = try LabSettings(url: url)
    settings.batchSize = 500
    let deliveryOutbox = try Outbox(path: scratch.appendingPathComponent("delivery.sqlite").path, limits: OutboxLimits(maxRows: 100_000))
    for n in 0..<10_000 {
        try deliveryOutbox.enqueue(try FeedbackItem.review(of: "place-\(n % 40)", answers: FeedbackAnswers(pairs: ["satisfaction=\(n % 5 + 1)"]),
                                                           kioskID: "bench", appVersion: "bench", at: Date()))
    }
    let delivery = FeedbackDelivery(outbox: deliveryOutbox, connector: LabConnector(settings: settings, logger: Logger(label: "bench")))
    let start = now()
    let outcome = await delivery.syncOnce()
    let seconds = now() - start
    print(String(format: "%-44@ %8.0f answers/s   (%d delivered in %.2f s%@)", "deliver 10,000 answers, batches of 500" as NSString,
                 Double(outcome.delivered) / seconds, outcome.delivered, seconds, (outcome.error.map { ", error: \($0)" } ?? "") as NSString))
}
