import Foundation

/// Web Mercator (EPSG:3857) with the web-map convention: at zoom z the world is 256·2^z pixels wide.
///
/// World coordinates here are zoom-0 pixels: x and y run from 0 to 256, y growing southwards,
/// so a point at zoom z is `world * 2^z` pixels from the world's top-left corner.
public enum WebMercator {
    public static let worldSize = 256.0
    /// Latitude where the square world ends.
    public static let maxLatitude = 85.051_128_779_806_59
    /// Half the equator's length in EPSG:3857 metres.
    public static let originShift = 20_037_508.342_789_244

    public static func project(_ c: GeoCoordinate) -> Point {
        let lat = min(max(c.latitude, -maxLatitude), maxLatitude)
        let x = (c.longitude + 180) / 360 * worldSize
        let sinLat = sin(lat * .pi / 180)
        let y = (0.5 - log((1 + sinLat) / (1 - sinLat)) / (4 * .pi)) * worldSize
        return Point(x: x, y: y)
    }

    public static func unproject(_ p: Point) -> GeoCoordinate {
        let lon = p.x / worldSize * 360 - 180
        let n = .pi - 2 * .pi * p.y / worldSize
        let lat = 180 / .pi * atan(0.5 * (exp(n) - exp(-n)))
        return GeoCoordinate(latitude: lat, longitude: lon)
    }

    /// Converts EPSG:3857 metres (as OpenStreetMap extracts are often written) to world units.
    public static func fromMeters(x: Double, y: Double) -> Point {
        Point(x: (x + originShift) / (2 * originShift) * worldSize,
              y: (originShift - y) / (2 * originShift) * worldSize)
    }

    /// Screen pixels per world unit at a zoom.
    public static func scale(atZoom zoom: Double) -> Double { pow(2, zoom) }

    /// Metres on the ground per screen pixel at a latitude and zoom.
    public static func metersPerPixel(latitude: Double, zoom: Double) -> Double {
        cos(latitude * .pi / 180) * 2 * .pi * 6_378_137 / (worldSize * pow(2, zoom))
    }
}
