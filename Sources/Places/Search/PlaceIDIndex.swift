import Foundation

/// Places by identifier, made the first time one is looked up: traces and `render --place` look
/// places up by identifier, a start does not, and hashing every identifier would delay it.
final class PlaceIDIndex: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`:
    private var ids: [String]?
    private var indices: [String: Int] = [:]

    init(ids: [String]) {
        self.ids = ids
    }

    func index(of id: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if let ids {
            // The first place of an identifier, as imports keep identifiers unique.
            indices = Dictionary(ids.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
            self.ids = nil
        }
        return indices[id]
    }
}
