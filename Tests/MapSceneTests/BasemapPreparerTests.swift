import Foundation
import Testing
@testable import MapGeometry
@testable import MapScene

let assetsRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../assets").standardizedFileURL

func readAsset(_ path: String) throws -> [MapFeature] {
    try GeoJSONReader.read(fileAt: assetsRoot.appendingPathComponent(path))
}

let testUI = MapStyle.Interface(bar: .black, barText: .white, button: .white, buttonText: .black, accent: .black,
                                panel: .white, panelText: .black, shade: .black, attributionText: .black,
                                attributionBackground: .white)

@Suite struct BasemapPreparerTests {
    func region() throws -> [MapFeature] { try readAsset("basemap/hauts-de-france/region-hauts-de-france.geojson") }

    /// Coarser levels never carry more geometry than finer ones.
    @Test func levelsOfDetailNeverAddVerticesAsZoomDecreases() throws {
        var report = BasemapPreparer.Report()
        let communes = try readAsset("basemap/hauts-de-france/communes-hauts-de-france.geojson")
        _ = BasemapPreparer().prepare(sources: ["communes": BasemapSource(features: communes)], report: &report)
        let counts = report.verticesOut.sorted { $0.key < $1.key }.map(\.value)
        for i in 1..<counts.count { #expect(counts[i - 1] <= counts[i], "level \(i - 1) has more vertices than level \(i)") }
        #expect(counts.first! < counts.last!)
        #expect(counts.last! <= report.verticesIn)
    }

    @Test func drawsOnlyWhatIsVisible() throws {
        let style = MapStyle(name: "t", background: .white, layers: [
            .init(id: "f", source: "region", type: .fill, color: .black),
            .init(id: "l", source: "region", type: .line, color: .black, width: 3),
        ], labels: nil, ui: testUI)
        let renderer = MapRenderer(basemap: BasemapPreparer().prepare(sources: ["region": BasemapSource(features: try region())]),
                                   style: style)
        var onRegion = DisplayList(background: .white)
        renderer.draw(camera: Camera(coordinate: GeoCoordinate(latitude: 50, longitude: 2.8), zoom: 8,
                                     viewport: Size(width: 800, height: 600)), into: &onRegion)
        #expect(onRegion.triangleCount > 100)
        var overSpain = DisplayList(background: .white)
        renderer.draw(camera: Camera(coordinate: GeoCoordinate(latitude: 40, longitude: -3), zoom: 8,
                                     viewport: Size(width: 800, height: 600)), into: &overSpain)
        #expect(overSpain.items.isEmpty)
    }

    /// Inside a large polygon the fill is made of rectangles, and rectangles plus triangles cover
    /// exactly the polygon's area.
    @Test func tiledFillCoversThePolygonExactly() throws {
        let feature = try region()[0]
        guard case .polygons(let polygons) = feature.geometry else { Issue.record("not a polygon"); return }
        let polygon = polygons[0]
        let pieces = RectangleClipper.tile(polygon, tileSize: 64 / pow(2, 9))
        var area = 0.0
        var rectangles = 0
        for piece in pieces {
            switch piece {
            case .rectangle(let b):
                area += b.width * b.height
                rectangles += 1
            case .polygon(let p):
                let (coords, t) = Earcut.triangulate(p)
                var i = 0
                while i < t.count {
                    let a = Int(t[i]) * 2, b = Int(t[i + 1]) * 2, c = Int(t[i + 2]) * 2
                    area += abs((coords[a] - coords[c]) * (coords[b + 1] - coords[a + 1]) - (coords[a] - coords[b]) * (coords[c + 1] - coords[a + 1])) / 2
                    i += 3
                }
            }
        }
        #expect(rectangles > 50)
        #expect(abs(area - polygon.area) / polygon.area < 1e-6)
    }

    @Test func archiveRoundTripAndCorruption() throws {
        let prepared = BasemapPreparer().prepare(sources: ["region": BasemapSource(features: try region())],
                                                 towns: [TownLabel(name: "Amiens", population: 133_755, position: Point(x: 129.6, y: 84.5))])
        let data = BasemapArchive.encode(prepared, key: 42)
        let back = try BasemapArchive.decode(data, expectedKey: 42)
        #expect(back.towns == prepared.towns)
        #expect(back.bounds == prepared.bounds)
        #expect(back.triangleCount == prepared.triangleCount)
        let a = prepared.sources["region"]![3], b = back.sources["region"]![3]
        #expect(a.fills.map(\.positions) == b.fills.map(\.positions))
        #expect(a.fills.map(\.indices) == b.fills.map(\.indices))
        #expect(!a.lines.isEmpty)
        #expect(a.lines.map(\.runPoints) == b.lines.map(\.runPoints))
        #expect(a.lines.map(\.runStarts) == b.lines.map(\.runStarts))
        #expect(throws: BasemapArchive.ReadError.self) { try BasemapArchive.decode(data, expectedKey: 43) }
        #expect(throws: BasemapArchive.ReadError.self) { try BasemapArchive.decode(data.prefix(data.count / 2), expectedKey: 42) }
        #expect(throws: BasemapArchive.ReadError.self) { try BasemapArchive.decode(Data("garbage".utf8), expectedKey: 42) }
    }

    @Test func anArchiveWhoseRunsOutrunTheirPointsIsRefused() throws {
        func archive(runStarts: [Int32]) -> Data {
            let line = LineBucket(featureClass: nil, bounds: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1), origin: Point(x: 0, y: 0),
                                  runPoints: [0, 0, 1, 1, 1, 0], runStarts: runStarts)
            let basemap = PreparedBasemap(sources: ["s": [DetailLevel(zoom: 5, fills: [], lines: [line])]],
                                          bounds: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
            return BasemapArchive.encode(basemap, key: 1)
        }
        #expect(try BasemapArchive.decode(archive(runStarts: [0, 2, 3]), expectedKey: 1).sources["s"]?.first?.lines.first?.runStarts == [0, 2, 3])
        for bad: [Int32] in [[0, 5], [1, 3], [0, 2, 1, 3], []] {
            #expect(throws: BasemapArchive.ReadError.self, "\(bad)") { try BasemapArchive.decode(archive(runStarts: bad), expectedKey: 1) }
        }
    }

    @Test func anArchiveWhoseTrianglesOutrunTheirPointsIsRefused() throws {
        func archive(indices: [UInt16], positions: [Float] = [0, 0, 1, 0, 1, 1]) -> Data {
            let fill = FillBucket(featureClass: nil, bounds: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1), origin: Point(x: 0, y: 0),
                                  positions: positions, indices: indices, rects: [])
            let basemap = PreparedBasemap(sources: ["s": [DetailLevel(zoom: 5, fills: [fill], lines: [])]],
                                          bounds: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
            return BasemapArchive.encode(basemap, key: 1)
        }
        #expect(try BasemapArchive.decode(archive(indices: [0, 1, 2]), expectedKey: 1).sources["s"]?.first?.fills.first?.indices == [0, 1, 2])
        for (indices, positions): ([UInt16], [Float]) in [([0, 1, 3], [0, 0, 1, 0, 1, 1]), ([0, 1], [0, 0, 1, 0, 1, 1]),
                                                          ([0, 0, 0], []), ([0, 1, 2], [0, 0, 1, 0, 1])] {
            #expect(throws: BasemapArchive.ReadError.self, "\(indices) over \(positions)") {
                try BasemapArchive.decode(archive(indices: indices, positions: positions), expectedKey: 1)
            }
        }
    }

    /// The triangles of some buckets, in world coordinates, each as its three corners in order.
    func worldTriangles(_ buckets: [FillBucket]) -> [[Double]] {
        buckets.flatMap { bucket in
            stride(from: 0, to: bucket.indices.count, by: 3).map { t in
                (0..<3).flatMap { k -> [Double] in
                    let i = Int(bucket.indices[t + k]) * 2
                    return [bucket.origin.x + Double(bucket.positions[i]), bucket.origin.y + Double(bucket.positions[i + 1])]
                }
            }
        }
    }

    /// Sixteen-bit indices reach 65,536 points: a bucket with more, from many pieces or from one
    /// polygon, becomes several that draw the same triangles in the same order.
    @Test func aFillWithMorePointsThanItsIndicesReachIsSplit() throws {
        var squares = FillBuilder()
        for k in 0..<20_000 {
            let x = Double(k % 200), y = Double(k / 200)
            squares.add(Polygon(rings: [[Point(x: x, y: y), Point(x: x + 0.5, y: y), Point(x: x + 0.5, y: y + 0.5), Point(x: x, y: y + 0.5)]]))
        }
        squares.add(BoundingBox(minX: 300, minY: 0, maxX: 301, maxY: 1))
        // One long zigzag band: earcut cuts its ears where they stay small (a round polygon's ears grow across it, far slower).
        var band = FillBuilder()
        let side = 35_000
        let bottom = (0..<side).map { k in Point(x: Double(k), y: k % 2 == 0 ? 0 : 0.3) }
        let top = (0..<side).reversed().map { k in Point(x: Double(k), y: k % 2 == 0 ? 2 : 1.7) }
        band.add(Polygon(rings: [bottom + top]))
        for (builder, pieces) in [(squares, 20_000 * 2), (band, 2 * side - 2)] {
            let buckets = builder.buckets(featureClass: "c")
            #expect(buckets.count == 2)
            #expect(buckets.allSatisfy { $0.pointCount <= FillBucket.maxPoints && $0.featureClass == "c" })
            #expect(buckets.reduce(0) { $0 + $1.triangleCount } == pieces)
            let expected = stride(from: 0, to: builder.indices.count, by: 3).map { t in
                (0..<3).flatMap { k -> [Double] in
                    let p = builder.points[Int(builder.indices[t + k])]
                    return [p.x, p.y]
                }
            }
            let drawn = worldTriangles(buckets)
            #expect(drawn.count == expected.count)
            // Float positions relative to each bucket's origin: equal within a Float's step at these sizes.
            #expect(zip(drawn, expected).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) < 1e-3 } })
            for bucket in buckets {
                let outside = (0..<bucket.pointCount).filter { i in
                    !bucket.bounds.expanded(by: 1e-3).contains(Point(x: bucket.origin.x + Double(bucket.positions[2 * i]),
                                                                       y: bucket.origin.y + Double(bucket.positions[2 * i + 1])))
                }
                #expect(outside.isEmpty, "points outside their bucket's bounds")
            }
            #expect(buckets.map(\.rects.count) == [builder.rects.count * 4, 0])
        }
        // Under the limit, one bucket whose points are the builder's, in order.
        var small = FillBuilder()
        small.add(Polygon(rings: [[Point(x: 0, y: 0), Point(x: 2, y: 0), Point(x: 2, y: 2), Point(x: 0, y: 2)]]))
        let one = small.buckets(featureClass: nil)
        #expect(one.count == 1)
        #expect(one.first?.indices == small.indices.map { UInt16($0) })
        #expect(one.first?.positions == [0, 0, 2, 0, 2, 2, 0, 2])
    }

    @Test func styleLayersPickFeatureClasses() throws {
        let streets = try readAsset("basemap/lille-centre-osm-2017/highway_line.json")
        let prepared = BasemapPreparer().prepare(sources: ["streets": BasemapSource(features: streets, classProperty: "highway")])
        let primary = MapStyle.Layer(id: "p", source: "streets", type: .line, color: .black, width: 4, classes: ["primary"])
        let all = MapStyle.Layer(id: "a", source: "streets", type: .line, color: .black, width: 4)
        let camera = Camera(coordinate: GeoCoordinate(latitude: 50.634, longitude: 3.063), zoom: 14, viewport: Size(width: 1600, height: 1000))
        func triangles(_ layer: MapStyle.Layer) -> Int {
            var list = DisplayList(background: .white)
            MapRenderer(basemap: prepared, style: MapStyle(name: "t", background: .white, layers: [layer], labels: nil, ui: testUI))
                .draw(camera: camera, into: &list)
            return list.triangleCount
        }
        #expect(triangles(primary) > 0)
        #expect(triangles(primary) < triangles(all) / 3)
    }
}

@Suite struct BorderNetworkTests {
    @Test func sharedBorderIsKeptOnce() {
        let left = Polygon(rings: [[Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 1)]])
        let right = Polygon(rings: [[Point(x: 1, y: 0), Point(x: 2, y: 0), Point(x: 2, y: 1), Point(x: 1, y: 1)]])
        let lines = BorderNetwork.polylines(of: [left, right])
        let segments = lines.reduce(0) { $0 + $1.count - 1 }
        #expect(segments == 7, "8 ring edges, one shared: 7 distinct")
    }

    @Test func communesShareTheirBorders() throws {
        let communes = try readAsset("basemap/hauts-de-france/communes-hauts-de-france.geojson")
        var polygons: [Polygon] = []
        for f in communes { if case .polygons(let ps) = f.geometry { polygons += ps } }
        let ringEdges = polygons.reduce(0) { $0 + $1.vertexCount }
        let distinct = BorderNetwork.polylines(of: polygons).reduce(0) { $0 + $1.count - 1 }
        // Most commune borders are shared by two communes: far fewer distinct segments than ring edges.
        #expect(Double(distinct) < Double(ringEdges) * 0.6)
    }
}

@Suite struct LabelPlacerTests {
    let style = MapStyle.Labels(color: .black, halo: .white, rules: [
        .init(minPopulation: 100_000, minzoom: 7, size: 19, bold: true),
        .init(minPopulation: 10_000, minzoom: 9, size: 14, bold: true),
        .init(minPopulation: 0, minzoom: 11, size: 12, bold: false),
    ])

    func towns() throws -> [TownLabel] {
        try TownListReader.read(fileAt: assetsRoot.appendingPathComponent("population/communes-hdf-population.csv"))
            .sorted { $0.population > $1.population }
    }

    /// No two placed labels overlap on screen, at any zoom, whatever the camera's position.
    @Test func placedLabelsNeverOverlap() throws {
        let towns = try towns()
        #expect(towns.count > 3700)
        let placer = LabelPlacer()
        let measurer = EstimatedTextMeasurer()
        for zoom in stride(from: 7.0, through: 13.0, by: 0.75) {
            let placed = placer.placed(towns: towns, style: style, zoom: zoom, measurer: measurer)
            let scale = pow(2, zoom)
            let boxes = placed.map { l in
                (l.town.position.x * scale - l.halfWidth, l.town.position.y * scale - l.halfHeight,
                 l.town.position.x * scale + l.halfWidth, l.town.position.y * scale + l.halfHeight)
            }
            var overlaps = 0
            for i in boxes.indices {
                for j in boxes.indices where j > i {
                    let a = boxes[i], b = boxes[j]
                    if !(a.0 >= b.2 || a.2 <= b.0 || a.1 >= b.3 || a.3 <= b.1) { overlaps += 1 }
                }
            }
            #expect(overlaps == 0, "\(overlaps) overlapping labels at zoom \(zoom)")
            #expect(!placed.isEmpty)
        }
    }

    @Test func biggestTownsWinAndPlacementIgnoresPanning() throws {
        let towns = try towns()
        let placer = LabelPlacer()
        let placed = placer.placed(towns: towns, style: style, zoom: 8.2, measurer: EstimatedTextMeasurer())
        #expect(placed.first?.town.name == "Lille")
        #expect(placed.contains { $0.town.name == "Amiens" })
        #expect(!placed.contains { $0.town.population < 100_000 }, "only big towns at zoom 8")
        // The same zoom step gives the very same set: nothing to flicker while a finger pans.
        #expect(placer.placed(towns: towns, style: style, zoom: 8.4, measurer: EstimatedTextMeasurer()) == placed)
    }

    @Test func townFileWithoutColumnsIsRefused() {
        #expect { try TownListReader.read(csv: "code,name\n1,x\n", name: "towns.csv") } throws: {
            "\($0)".contains("towns.csv") && "\($0)".contains("mairie_lon")
        }
    }
}

/// Town names keep clear of the markers drawn over them.
@Suite struct LabelAvoidanceTests {
    let label = PlacedLabel(town: TownLabel(name: "Lille", population: 236_000, position: Point(x: 0, y: 0)),
                            size: 19, bold: true, halfWidth: 30, halfHeight: 11)

    @Test func aNameNoMarkerCoversStaysAtItsTownHall() {
        let p = MapRenderer.position(for: label, at: Point(x: 500, y: 300), avoiding: [(Point(x: 600, y: 300), 20)], taken: [])
        #expect(p == Point(x: 500, y: 300))
    }

    @Test func aNameUnderAMarkerMovesJustAboveIt() throws {
        let disc = (center: Point(x: 505, y: 302), radius: 20.0)
        let p = try #require(MapRenderer.position(for: label, at: Point(x: 500, y: 300), avoiding: [disc], taken: []))
        #expect(p.x == 500 && p.y < 300)
        let box = MapRenderer.box(of: label, at: p)
        #expect(!box.intersects(circle: disc.center, radius: disc.radius))
        #expect(box.maxY > disc.center.y - disc.radius - 5, "it stays next to its marker")
    }

    @Test func withNoRoomAroundItsMarkerANameIsLeftOutUnlessItIsABigTowns() throws {
        let disc = (center: Point(x: 500, y: 300), radius: 20.0)
        let around = [Rect(x: 450, y: 240, width: 100, height: 30), Rect(x: 450, y: 330, width: 100, height: 30),
                      Rect(x: 520, y: 285, width: 80, height: 30), Rect(x: 400, y: 285, width: 80, height: 30)]
        var small = label
        small.bold = false
        #expect(MapRenderer.position(for: small, at: Point(x: 500, y: 300), avoiding: [disc], taken: around) == nil)
        // Right of the marker when above and below are taken.
        let right = MapRenderer.position(for: small, at: Point(x: 500, y: 300), avoiding: [disc], taken: Array(around.prefix(2)))
        #expect(right == Point(x: 552, y: 300))
        // A big town's name looks further up and down its column when markers crowd it...
        let crowd: [(center: Point, radius: Double)] = [disc, (Point(x: 500, y: 255), 12.0), (Point(x: 500, y: 345), 12.0),
                                                        (Point(x: 560, y: 300), 12.0), (Point(x: 440, y: 300), 12.0)]
        let up = try #require(MapRenderer.position(for: label, at: Point(x: 500, y: 300), avoiding: crowd, taken: []))
        #expect(up.x == 500 && up == Point(x: 500, y: 228))
        #expect(!crowd.contains { MapRenderer.box(of: label, at: up).intersects(circle: $0.center, radius: $0.radius) })
        // ...and where markers fill its whole column, it has no free spot (it is drawn over them).
        let column = (-6...6).map { (center: Point(x: 500, y: 300 + Double($0) * 20), radius: 12.0) }
        #expect(MapRenderer.position(for: label, at: Point(x: 500, y: 300), avoiding: column + crowd, taken: []) == nil)
        // A label already there keeps its place too: no overlap, even without a marker.
        #expect(MapRenderer.position(for: label, at: Point(x: 500, y: 300), avoiding: [], taken: [Rect(x: 480, y: 295, width: 10, height: 10)]) == nil)
    }

    /// Over the real region with a marker on every tenth town hall: no name drawn under a marker
    /// (the biggest towns' that markers crowd are drawn over them), none over another.
    @Test func overTheRegionNoNameIsHiddenByAMarker() throws {
        let towns = try TownListReader.read(fileAt: assetsRoot.appendingPathComponent("population/communes-hdf-population.csv"))
            .sorted { $0.population > $1.population }
        let style = MapStyle(name: "t", background: .white, layers: [], labels: LabelPlacerTests().style, ui: testUI)
        let renderer = MapRenderer(basemap: PreparedBasemap(sources: [:], bounds: BoundingBox(minX: 0, minY: 0, maxX: 256, maxY: 256), towns: towns),
                                   style: style)
        let camera = Camera(coordinate: GeoCoordinate(latitude: 50.45, longitude: 2.9), zoom: 11.2, viewport: Size(width: 1920, height: 1080))
        let discs = towns.enumerated().filter { $0.offset % 10 == 0 }.map { (center: camera.screenPoint(of: $0.element.position), radius: 16.0) }
        var list = DisplayList(background: .white)
        var over: [TextPrimitive] = []
        renderer.drawLabels(camera: camera, avoiding: discs, into: &list, landmarksOver: &over)
        let measurer = EstimatedTextMeasurer()
        // The big towns' names markers crowd are drawn over them, never under.
        for t in list.texts where t.bold {
            let size = measurer.measure(t.text, size: t.size, bold: t.bold)
            let box = Rect(x: t.anchor.x - size.width / 2, y: t.anchor.y - size.height / 2, width: size.width, height: size.height)
            #expect(!discs.contains { box.intersects(circle: $0.center, radius: $0.radius) }, "\(t.text) under a marker")
        }
        let boxes = list.texts.filter { !$0.bold }.map { t -> Rect in
            let size = measurer.measure(t.text, size: t.size, bold: t.bold)
            return Rect(x: t.anchor.x - size.width / 2, y: t.anchor.y - size.height / 2, width: size.width, height: size.height)
        }
        #expect(boxes.count > 20)
        for box in boxes {
            #expect(!discs.contains { box.intersects(circle: $0.center, radius: $0.radius) })
        }
        let all = (list.texts + over).map { t -> Rect in
            let size = measurer.measure(t.text, size: t.size, bold: t.bold)
            return Rect(x: t.anchor.x - size.width / 2, y: t.anchor.y - size.height / 2, width: size.width, height: size.height)
        }
        for i in all.indices { for j in all.indices where j > i { #expect(!all[i].intersects(all[j])) } }
    }
}
