/// Joins the member ways of a multipolygon relation into closed rings: a lake's shore or a
/// forest's edge is often several ways, each sharing its end nodes with the next.
enum RingAssembler {
    /// Closed rings of node ids (the last id repeats the first); ways that close no ring (a
    /// member cut off by the extract's edge) are left out.
    static func rings(of ways: [[Int64]]) -> [[Int64]] {
        var rings: [[Int64]] = []
        var open: [[Int64]] = []
        for way in ways where way.count >= 2 {
            if way.first == way.last {
                if way.count >= 4 { rings.append(way) }
            } else {
                open.append(way)
            }
        }
        // Ways by their end nodes, to find the next piece of a ring without a quadratic search.
        var byEnd: [Int64: [Int]] = [:]
        for (index, way) in open.enumerated() {
            byEnd[way[0], default: []].append(index)
            byEnd[way[way.count - 1], default: []].append(index)
        }
        var used = Array(repeating: false, count: open.count)
        for start in open.indices where !used[start] {
            used[start] = true
            var ring = open[start]
            while ring.first != ring.last {
                guard let end = ring.last,
                      let next = byEnd[end]?.first(where: { !used[$0] }) else { break }
                used[next] = true
                let piece = open[next]
                ring += piece.first == end ? piece.dropFirst() : piece.reversed().dropFirst()
            }
            if ring.first == ring.last && ring.count >= 4 { rings.append(ring) }
        }
        return rings
    }
}
