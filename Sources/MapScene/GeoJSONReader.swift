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
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw GeoJSONError(file: name, feature: nil, reason: "is not valid JSON (\(error.localizedDescription))")
        }
        guard let object = root as? [String: Any] else {
            throw GeoJSONError(file: name, feature: nil, reason: "top level is not a JSON object")
        }
        let crs = try coordinateSystem(of: object, file: name)
        switch object["type"] as? String {
        case "FeatureCollection":
            guard let features = object["features"] as? [Any] else {
                throw GeoJSONError(file: name, feature: nil, reason: "FeatureCollection without a \"features\" array")
            }
            var out: [MapFeature] = []
            out.reserveCapacity(features.count)
            for (i, f) in features.enumerated() {
                if let feature = try parseFeature(f, crs: crs, file: name, index: i) { out.append(feature) }
            }
            return out
        case "Feature":
            return try parseFeature(object, crs: crs, file: name, index: 0).map { [$0] } ?? []
        case let type?:
            return [MapFeature(geometry: try parseGeometry(object, crs: crs, file: name, index: 0, type: type))]
        case nil:
            throw GeoJSONError(file: name, feature: nil, reason: "no \"type\" member")
        }
    }

    static func coordinateSystem(of object: [String: Any], file: String) throws -> CoordinateSystem {
        guard let crs = object["crs"] as? [String: Any] else { return .wgs84 }
        let name = (crs["properties"] as? [String: Any])?["name"] as? String ?? ""
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

    static func parseFeature(_ any: Any, crs: CoordinateSystem, file: String, index: Int) throws -> MapFeature? {
        guard let f = any as? [String: Any] else {
            throw GeoJSONError(file: file, feature: index, reason: "is not a JSON object")
        }
        var properties: [String: String] = [:]
        if let props = f["properties"] as? [String: Any] {
            for (k, v) in props {
                switch v {
                case let s as String: properties[k] = s
                case let n as NSNumber: properties[k] = n.stringValue
                default: break
                }
            }
        }
        // A feature with a null geometry is valid GeoJSON ("unlocated"): nothing to draw.
        guard let g = f["geometry"] as? [String: Any] else { return nil }
        guard let type = g["type"] as? String else {
            throw GeoJSONError(file: file, feature: index, reason: "geometry without a \"type\"")
        }
        return MapFeature(geometry: try parseGeometry(g, crs: crs, file: file, index: index, type: type),
                          properties: properties)
    }

    static func parseGeometry(_ g: [String: Any], crs: CoordinateSystem, file: String, index: Int,
                              type: String) throws -> MapFeature.Geometry {
        func fail(_ reason: String) -> GeoJSONError { GeoJSONError(file: file, feature: index, reason: reason) }
        func position(_ any: Any) throws -> Point {
            guard let a = any as? [Any], a.count >= 2,
                  let x = (a[0] as? NSNumber)?.doubleValue, let y = (a[1] as? NSNumber)?.doubleValue,
                  x.isFinite, y.isFinite else {
                throw fail("\(type) has a position that is not [x, y] numbers")
            }
            if case .wgs84 = crs, !(-180...180).contains(x) || !(-90...90).contains(y) {
                throw fail("\(type) has a position [\(x), \(y)] outside WGS84 longitude/latitude")
            }
            return crs.project(x, y)
        }
        func line(_ any: Any) throws -> [Point] {
            guard let a = any as? [Any] else { throw fail("\(type) coordinates are not an array of positions") }
            return try a.map(position)
        }
        func polygon(_ any: Any) throws -> Polygon {
            guard let rings = any as? [Any], !rings.isEmpty else { throw fail("\(type) has no rings") }
            let parsed = try rings.map { Polygon.openRing(try line($0)) }
            guard parsed[0].count >= 3 else { throw fail("\(type) outer ring has fewer than 3 distinct positions") }
            return Polygon(rings: parsed.filter { $0.count >= 3 })
        }
        let coordinates = g["coordinates"] as Any
        switch type {
        case "Point": return .points([try position(coordinates)])
        case "MultiPoint": return .points(try line(coordinates))
        case "LineString": return .lines([try line(coordinates)])
        case "MultiLineString":
            guard let a = coordinates as? [Any] else { throw fail("MultiLineString coordinates are not an array") }
            return .lines(try a.map(line))
        case "Polygon": return .polygons([try polygon(coordinates)])
        case "MultiPolygon":
            guard let a = coordinates as? [Any] else { throw fail("MultiPolygon coordinates are not an array") }
            return .polygons(try a.map(polygon))
        default:
            throw fail("unsupported geometry type \"\(type)\"")
        }
    }
}
