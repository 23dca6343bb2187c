import Foundation

/// Places by identifier, made the first time one is looked up: traces and `render --place` look
/// places up by identifier, a start does not, and hashing every identifier would delay it.
final class PlaceIDIndex: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`:
    private var places: [Place]?
    private var indices: [String: Int] = [:]

    init(places: [Place]) {
        self.places = places
    }

    func index(of id: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if let places {
            // The first place of an identifier, as imports keep identifiers unique.
            indices = Dictionary(places.indices.map { (places[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
            self.places = nil
        }
        return indices[id]
    }
}
