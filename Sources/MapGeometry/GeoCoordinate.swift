/// A WGS84 position in degrees.
public struct GeoCoordinate: Hashable, Sendable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Parses "LAT,LON" as typed on a command line.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]),
              (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
        self.init(latitude: lat, longitude: lon)
    }

    /// Great-circle distance in metres (haversine, mean Earth radius).
    public func distance(to other: GeoCoordinate) -> Double {
        let r = 6_371_008.8
        let toRad = Double.pi / 180
        let dLat = (other.latitude - latitude) * toRad
        let dLon = (other.longitude - longitude) * toRad
        let a = sin(dLat / 2) * sin(dLat / 2)
            + cos(latitude * toRad) * cos(other.latitude * toRad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, a.squareRoot()))
    }
}

import Foundation
