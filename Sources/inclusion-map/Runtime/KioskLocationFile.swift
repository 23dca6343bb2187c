import Foundation
import MapGeometry

/// Where staff said the kiosk stands (staff screen, "Placer la borne"), kept in the state folder so
/// that it outlives restarts; it takes precedence over `places.here_*` in the configuration.
enum KioskLocationFile {
    struct Stored: Codable {
        var latitude: Double
        var longitude: Double
        var set_at: String
    }

    static func url(_ stateDirectory: URL) -> URL { stateDirectory.appendingPathComponent("kiosk-location.json") }

    static func load(_ stateDirectory: URL) -> GeoCoordinate? {
        guard let data = try? Data(contentsOf: url(stateDirectory)),
              let stored = try? JSONDecoder().decode(Stored.self, from: data),
              (-90...90).contains(stored.latitude), (-180...180).contains(stored.longitude) else { return nil }
        return GeoCoordinate(latitude: stored.latitude, longitude: stored.longitude)
    }

    static func save(_ c: GeoCoordinate, in stateDirectory: URL) throws {
        let stored = Stored(latitude: c.latitude, longitude: c.longitude, set_at: ISO8601DateFormatter().string(from: Date()))
        try JSONEncoder().encode(stored).write(to: url(stateDirectory), options: .atomic)
    }
}
