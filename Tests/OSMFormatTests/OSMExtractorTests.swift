import Foundation
import MapGeometry
import MapScene
import Testing
@testable import OSMFormat

/// What the style's selection keeps of an extract, and the shapes it makes.
@Suite struct OSMExtractorTests {
    func classes(_ extract: OSMExtract) -> [String: Int] {
        var counts: [String: Int] = [:]
        for feature in extract.features { counts[feature.properties[OSMExtractor.classProperty]!, default: 0] += 1 }
        return counts
    }

    @Test func theLilleSampleKeepsWhatTheStyleSelects() throws {
        let extract = try OSMExtractor(selection: try OSMFixtures.calmSelection()).extract(fileAt: try OSMFixtures.lille())
        let kept = classes(extract)
        let streets = try OSMFixtures.geoJSONCounts("highway_line.json", key: "highway")
        for street in ["residential", "primary", "secondary", "tertiary", "service", "footway", "pedestrian"] {
            #expect(kept[street] == streets[street], "\(street): every street of the sample, once")
        }
        // Not selected by the style: kept nowhere.
        #expect(kept["construction"] == nil && kept["proposed"] == nil)
        let rails = try OSMFixtures.geoJSONCounts("railway_line.json", key: "railway")
        #expect(kept["rail"] == rails["rail"] && kept["tram"] == rails["tram"] && kept["subway"] == rails["subway"])
        #expect(kept["disused"] == nil && kept["abandoned"] == nil, "a railway that is gone is not drawn")
        let parks = try OSMFixtures.geoJSONCounts("leisure_polygon.json", key: "leisure")
        #expect(kept["park"] == ["park", "garden", "common", "playground", "pitch"].reduce(0) { $0 + (parks[$1] ?? 0) })
        #expect(kept["water"] == (try OSMFixtures.geoJSONCounts("waterway_polygon.json", key: "waterway"))["riverbank"])
        #expect(extract.counts.nodesMissing == 0)
        #expect(extract.counts.waysRead == 1658 && extract.counts.relationsRead == 3)
        #expect(extract.stages.map(\.name) == ["osm ways and relations", "osm multipolygon members", "osm node locations", "osm geometry"])
    }

    @Test func multipolygonsKeepTheirHoles() throws {
        let extract = try OSMExtractor(selection: try OSMFixtures.calmSelection()).extract(fileAt: try OSMFixtures.region())
        let lakes = extract.features.compactMap { feature -> [Polygon]? in
            guard feature.properties[OSMExtractor.classProperty] == "water", case .polygons(let polygons) = feature.geometry else { return nil }
            return polygons
        }
        #expect(!lakes.isEmpty)
        for polygons in lakes {
            // Each lake: one outer ring joined from two ways, with its island as a hole.
            #expect(polygons.count == 1)
            #expect(polygons[0].rings.count == 2)
            #expect(polygons[0].outer.count == 4 && polygons[0].holes.first?.count == 4)
            #expect(polygons[0].area < Polygon(rings: [polygons[0].outer]).area)
        }
    }

    @Test func buildingsAreReadAndLetGoWhilePlacesAreNamed() throws {
        let extract = try OSMExtractor(selection: try OSMFixtures.calmSelection()).extract(fileAt: try OSMFixtures.region())
        let kept = classes(extract)
        #expect(kept["building"] == nil && kept["yes"] == nil)
        #expect(extract.counts.waysRead > extract.counts.waysKept, "buildings were read")
        #expect(extract.counts.nodesRead > extract.counts.nodesKept, "their nodes were not kept")
        #expect(kept["residential", default: 0] > 1000 && kept["primary", default: 0] > 0 && kept["forest", default: 0] > 0)
        let towns = extract.places.filter { $0.name.hasPrefix("Ville") }
        let villages = extract.places.filter { $0.name.hasPrefix("Village") }
        #expect(!towns.isEmpty && !villages.isEmpty)
        #expect(towns.allSatisfy { $0.population >= 10000 }, "a tagged population is used")
        #expect(villages.allSatisfy { $0.population == 500 }, "a village without one gets the style's figure")
        // Every place lies in the region's bounds.
        let west = WebMercator.project(GeoCoordinate(latitude: 48.83, longitude: 1.38))
        let east = WebMercator.project(GeoCoordinate(latitude: 51.09, longitude: 4.26))
        #expect(extract.places.allSatisfy { $0.position.x >= west.x && $0.position.x <= east.x && $0.position.y <= west.y && $0.position.y >= east.y })
    }

    @Test func ringsJoinAcrossWaysInEitherDirection() {
        // A square cut into three ways, one of them drawn backwards; and a way that closes nothing.
        let rings = RingAssembler.rings(of: [[1, 2], [3, 2], [3, 4, 1], [7, 8, 9]])
        #expect(rings.count == 1)
        #expect(Set(rings[0]) == [1, 2, 3, 4])
        #expect(rings[0].first == rings[0].last && rings[0].count == 5)
        #expect(RingAssembler.rings(of: [[5, 6, 7, 5]]) == [[5, 6, 7, 5]])
    }

    @Test func aWayIsCutWhereItsNodesAreMissing() {
        var index = NodeLocationIndex(wanted: [1, 2, 3, 4, 5])
        for id: Int64 in [1, 2, 4, 5] { index.record(id: id, latitude: 506_000_000 + Int32(id), longitude: 30_000_000) }
        #expect(index.found == 4)
        let parts = OSMExtractor.lines([1, 2, 3, 4, 5], index)
        #expect(parts.map(\.count) == [2, 2])
        #expect(OSMExtractor.ring([1, 2, 3, 1], index) == nil, "a ring with a hole in its nodes is not drawn")
    }

    @Test func nodesOutOfOrderAreStillFound() {
        var index = NodeLocationIndex(wanted: [50, 10, 30, 10])
        #expect(index.count == 3)
        index.record(id: 50, latitude: 5, longitude: 5)
        index.record(id: 10, latitude: 1, longitude: 1)
        index.record(id: 20, latitude: 2, longitude: 2)
        index.record(id: 30, latitude: 3, longitude: 3)
        #expect(index.found == 3)
        #expect(index.location(of: 10)?.latitude == 1e-7)
        #expect(index.location(of: 20) == nil)
    }

    @Test func theFirstRuleDecidesAndAreasNeedClosedWays() {
        let selection = OSMSelection(features: [
            .init(key: "natural", values: ["water"], area: true, class: "water"),
            .init(key: "highway", values: ["primary"]),
        ])
        #expect(selection.match(key: "natural", value: "water", closed: false) == nil)
        #expect(selection.match(key: "natural", value: "water", closed: true)?.featureClass == "water")
        #expect(selection.match(key: "highway", value: "primary", closed: true)?.featureClass == "primary")
        #expect(selection.match(key: "highway", value: "footway", closed: false) == nil)
        #expect(OSMSelection(features: [], places: ["town": 10000]).population(place: "town", tagged: "12 345") == 12345)
        #expect(OSMSelection(features: [], places: ["town": 10000]).population(place: "hamlet", tagged: nil) == nil)
    }
}
