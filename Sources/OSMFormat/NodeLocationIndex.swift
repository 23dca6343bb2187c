/// The locations of the nodes the kept ways use, and only those: a sorted array of ids beside two
/// packed arrays of coordinates (in 10⁻⁷ degrees), a few bytes a node where a dictionary of
/// objects would take ten times more. A region's extract has tens of millions of nodes, mostly of
/// buildings, which are never stored.
struct NodeLocationIndex {
    private(set) var ids: [Int64]
    private(set) var latitudes: [Int32]
    private(set) var longitudes: [Int32]
    private(set) var found = 0
    /// Where the last lookup ended: files list nodes by increasing id, so the next one is near.
    private var cursor = 0

    static let missing = Int32.min

    /// `wanted` in any order, with repeats; sorted and made unique in place (the array is the
    /// index's own, not a copy).
    init(wanted: consuming [Int64]) {
        var sorted = wanted
        sorted.sort()
        var kept = 0
        for index in sorted.indices where kept == 0 || sorted[kept - 1] != sorted[index] {
            sorted[kept] = sorted[index]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        ids = sorted
        latitudes = Array(repeating: Self.missing, count: kept)
        longitudes = Array(repeating: Self.missing, count: kept)
    }

    var count: Int { ids.count }

    /// Records a node's location if a kept way uses it.
    mutating func record(id: Int64, latitude: Int32, longitude: Int32) {
        guard let slot = slot(of: id) else { return }
        if latitudes[slot] == Self.missing { found += 1 }
        latitudes[slot] = latitude
        longitudes[slot] = longitude
    }

    /// The slot of `id`: a walk forward from the last one when ids come in order, else a search.
    mutating func slot(of id: Int64) -> Int? {
        if cursor < ids.count, ids[cursor] <= id {
            var probe = cursor
            let limit = min(ids.count, cursor + 64)
            while probe < limit && ids[probe] < id { probe += 1 }
            if probe < limit {
                cursor = probe
                return ids[probe] == id ? probe : nil
            }
        }
        guard let found = search(id) else { return nil }
        cursor = found
        return ids[found] == id ? found : nil
    }

    /// The first slot whose id is not below `id` (nil past the end).
    private func search(_ id: Int64) -> Int? {
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < ids.count ? low : nil
    }

    /// A node's location in degrees, if it was in the file.
    func location(of id: Int64) -> (latitude: Double, longitude: Double)? {
        guard let slot = search(id), ids[slot] == id, latitudes[slot] != Self.missing else { return nil }
        return (Double(latitudes[slot]) * 1e-7, Double(longitudes[slot]) * 1e-7)
    }
}
