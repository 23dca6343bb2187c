import Foundation
import MapGeometry

/// A geographic feature projected to world units (see ``WebMercator``).
public struct MapFeature: Sendable {
    public enum Geometry: Sendable {
        case points([Point])
        case lines([[Point]])
        case polygons([Polygon])
    }

    public var geometry: Geometry
    /// String and number properties, as text (`nom`, `code`, `highway`, `name`…).
    public var properties: [String: String]

    public init(geometry: Geometry, properties: [String: String] = [:]) {
        self.geometry = geometry
        self.properties = properties
    }
}

/// Why a GeoJSON file was refused; the message names the file and, where it applies, the feature.
public struct GeoJSONError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var feature: Int?
    public var reason: String

    public var description: String {
        if let feature { return "\(file): feature \(feature): \(reason)" }
        return "\(file): \(reason)"
    }
}

/// Reads GeoJSON (FeatureCollection, Feature or bare geometry) in WGS84, or in EPSG:3857 metres when
/// a legacy `crs` member says so, and projects it to world units once, at load time.
public enum GeoJSONReader {
    enum CoordinateSystem {
        case wgs84
        case webMercatorMeters

        func project(_ a: Double, _ b: Double) -> Point {
            switch self {
            case .wgs84: WebMercator.project(GeoCoordinate(latitude: b, longitude: a))
            case .webMercatorMeters: WebMercator.fromMeters(x: a, y: b)
            }
        }
    }

    public static func read(fileAt url: URL) throws -> [MapFeature] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw GeoJSONError(file: url.path, feature: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try read(data: data, name: url.path)
    }

    public static func read(data: Data, name: String) throws -> [MapFeature] {
        // Decoded straight into the few shapes GeoJSON has (positions as [Double]): a fraction of the
        // memory of a JSONSerialization tree of NSNumbers, which was the peak of a cold start.
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw Self.describe(error, file: name)
        } catch {
            throw GeoJSONError(file: name, feature: nil, reason: "is not valid JSON (\(error.localizedDescription))")
        }
        let crs = try coordinateSystem(of: document.crs, file: name)
        switch document.type {
        case "FeatureCollection":
            guard let features = document.features else {
                throw GeoJSONError(file: name, feature: nil, reason: "FeatureCollection without a \"features\" array")
            }
            var out: [MapFeature] = []
            out.reserveCapacity(features.count)
            for (i, f) in features.enumerated() {
                if let feature = try convert(f, crs: crs, file: name, index: i) { out.append(feature) }
            }
            return out
        case "Feature":
            return try convert(Feature(geometry: document.geometry ?? nil, properties: document.properties), crs: crs,
                               file: name, index: 0).map { [$0] } ?? []
        case let type?:
            return [MapFeature(geometry: try convert(Geometry(type: type, coordinates: document.coordinates), crs: crs,
                                                     file: name, index: 0))]
        case nil:
            throw GeoJSONError(file: name, feature: nil, reason: "no \"type\" member")
        }
    }

    // MARK: the decoded shapes

    struct Document: Decodable {
        var type: String?
        var features: [Feature]?
        var crs: CRS?
        var geometry: Geometry??
        var properties: [String: PropertyValue]?
        var coordinates: Coordinates?
    }

    struct CRS: Decodable {
        struct Properties: Decodable { var name: String? }
        var properties: Properties?
    }

    struct Feature: Decodable {
        /// nil: a feature with a null geometry (valid GeoJSON, "unlocated"): nothing to draw.
        var geometry: Geometry?
        var properties: [String: PropertyValue]?
    }

    struct Geometry: Decodable {
        var type: String?
        var coordinates: Coordinates?
    }

    /// Positions, or arrays of them at any depth; what the type expects is checked afterwards.
    indirect enum Coordinates: Decodable {
        case position([Double])
        case nested([Coordinates])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let position = try? container.decode([Double].self) {
                self = .position(position)
            } else if let nested = try? container.decode([Coordinates].self) {
                self = .nested(nested)
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a position that is not [x, y] numbers")
            }
        }
    }

    /// Properties are kept as text: strings, and numbers written as they were.
    struct PropertyValue: Decodable {
        var text: String?

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let s = try? container.decode(String.self) {
                text = s
            } else if let i = try? container.decode(Int.self) {
                text = String(i)
            } else if let d = try? container.decode(Double.self) {
                text = String(d)
            } else {
                text = nil   // booleans, nulls, nested objects: not used by the map
            }
        }
    }

    /// A decoding error as a message naming the file and, when it is inside one, the feature.
    static func describe(_ error: DecodingError, file: String) -> GeoJSONError {
        let (context, reason): (DecodingError.Context?, String)
        switch error {
        case .dataCorrupted(let c): (context, reason) = (c, c.debugDescription)
        case .typeMismatch(let type, let c): (context, reason) = (c, "\(c.codingPath.last?.stringValue ?? "value") is not \(type)")
        case .valueNotFound(_, let c): (context, reason) = (c, "\(c.codingPath.last?.stringValue ?? "value") is missing")
        case .keyNotFound(let key, let c): (context, reason) = (c, "no \"\(key.stringValue)\" member")
        @unknown default: (context, reason) = (nil, "\(error)")
        }
        let path = context?.codingPath ?? []
        if let at = path.firstIndex(where: { $0.stringValue == "features" }), at + 1 < path.count, let index = path[at + 1].intValue {
            return GeoJSONError(file: file, feature: index, reason: reason)
        }
        if path.isEmpty, case .dataCorrupted = error {
            return GeoJSONError(file: file, feature: nil, reason: "is not valid JSON (\(reason))")
        }
        return GeoJSONError(file: file, feature: nil, reason: reason)
    }

    static func coordinateSystem(of crs: CRS?, file: String) throws -> CoordinateSystem {
        guard let crs else { return .wgs84 }
        let name = crs.properties?.name ?? ""
        let normalized = name.uppercased()
        if normalized.hasSuffix("CRS84") || normalized.hasSuffix("EPSG:4326") || normalized.hasSuffix("EPSG::4326") {
            return .wgs84
        }
        if ["3857", "900913", "3785", "102100"].contains(where: {
            normalized.hasSuffix("EPSG:\($0)") || normalized.hasSuffix("EPSG::\($0)")
        }) {
            return .webMercatorMeters
        }
        throw GeoJSONError(file: file, feature: nil,
                           reason: "unsupported coordinate reference system \"\(name)\" (expected WGS84/CRS84 or EPSG:3857)")
    }

    static func convert(_ f: Feature, crs: CoordinateSystem, file: String, index: Int) throws -> MapFeature? {
        var properties: [String: String] = [:]
        for (k, v) in f.properties ?? [:] { if let text = v.text { properties[k] = text } }
        guard let g = f.geometry else { return nil }
        return MapFeature(geometry: try convert(g, crs: crs, file: file, index: index), properties: properties)
    }

    static func convert(_ g: Geometry, crs: CoordinateSystem, file: String, index: Int) throws -> MapFeature.Geometry {
        func fail(_ reason: String) -> GeoJSONError { GeoJSONError(file: file, feature: index, reason: reason) }
        guard let type = g.type else { throw fail("geometry without a \"type\"") }
        func position(_ c: Coordinates?) throws -> Point {
            guard case .position(let a)? = c, a.count >= 2, a[0].isFinite, a[1].isFinite else {
                throw fail("\(type) has a position that is not [x, y] numbers")
            }
            let (x, y) = (a[0], a[1])
            if case .wgs84 = crs, !(-180...180).contains(x) || !(-90...90).contains(y) {
                throw fail("\(type) has a position [\(x), \(y)] outside WGS84 longitude/latitude")
            }
            return crs.project(x, y)
        }
        func list(_ c: Coordinates?) -> [Coordinates]? {
            switch c {
            case .nested(let items)?: return items
            case .position(let p)? where p.isEmpty: return []
            default: return nil
            }
        }
        func line(_ c: Coordinates?) throws -> [Point] {
            guard let items = list(c) else { throw fail("\(type) coordinates are not an array of positions") }
            return try items.map { try position($0) }
        }
        func polygon(_ c: Coordinates?) throws -> Polygon {
            guard let rings = list(c), !rings.isEmpty else { throw fail("\(type) has no rings") }
            let parsed = try rings.map { Polygon.openRing(try line($0)) }
            guard parsed[0].count >= 3 else { throw fail("\(type) outer ring has fewer than 3 distinct positions") }
            return Polygon(rings: parsed.filter { $0.count >= 3 })
        }
        switch type {
        case "Point": return .points([try position(g.coordinates)])
        case "MultiPoint": return .points(try line(g.coordinates))
        case "LineString": return .lines([try line(g.coordinates)])
        case "MultiLineString":
            guard let items = list(g.coordinates) else { throw fail("MultiLineString coordinates are not an array") }
            return .lines(try items.map { try line($0) })
        case "Polygon": return .polygons([try polygon(g.coordinates)])
        case "MultiPolygon":
            guard let items = list(g.coordinates) else { throw fail("MultiPolygon coordinates are not an array") }
            return .polygons(try items.map { try polygon($0) })
        default:
            throw fail("unsupported geometry type \"\(type)\"")
        }
    }
}
