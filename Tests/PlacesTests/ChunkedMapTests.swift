import Synchronization
import Testing
@testable import Places

/// Start-up's chunked map gives what a plain map gives, in order, and fails as it would.
@Suite struct ChunkedMapTests {
    struct Refused: Error, Equatable { var item: Int }

    @Test(arguments: [1, 2, 3, 8]) func keepsTheOrder(cores: Int) {
        let items = Array(0..<5_000)
        #expect(ChunkedMap.map(items, cores: cores) { $0 * 3 } == items.map { $0 * 3 })
        #expect(ChunkedMap.map([Int](), cores: cores) { $0 }.isEmpty)
    }

    @Test(arguments: [0, 1, 2, 13]) func eachItemOnItsOwnKeepsTheOrder(count: Int) {
        let items = Array(0..<count)
        // Unequal work: the later items take longer, as the closer zoom levels do.
        #expect(ChunkedMap.mapEach(items) { item in (0..<(item * 10_000)).reduce(item) { $0 &+ $1 } }
                == items.map { item in (0..<(item * 10_000)).reduce(item) { $0 &+ $1 } })
    }

    @Test func bothGivesEachItsOwnResult() {
        let (sum, words) = ChunkedMap.both({ (0..<100_000).reduce(0, +) }, { ["tree", "offers"].joined(separator: " ") })
        #expect(sum == 4_999_950_000)
        #expect(words == "tree offers")
    }

    @Test func throwsTheEarliestChunksError() {
        let items = Array(0..<4_000)
        #expect(throws: Refused(item: 100)) {
            try ChunkedMap.map(items, cores: 4) { item -> Int in
                if item == 100 || item == 3_900 { throw Refused(item: item) }
                return item
            }
        }
    }
}

/// Results already made when a chunk throws are released, not leaked.
@Suite struct ChunkedMapReleaseTests {
    final class Counted: Sendable {
        static let alive = Mutex(0)
        init() { Counted.alive.withLock { $0 += 1 } }
        deinit { Counted.alive.withLock { $0 -= 1 } }
    }

    @Test func madeResultsAreReleasedWhenAChunkThrows() {
        var made: [Counted] = []
        #expect(throws: ChunkedMapTests.Refused(item: 2_500)) {
            made = try ChunkedMap.map(Array(0..<4_000), cores: 4) { item -> Counted in
                if item == 2_500 { throw ChunkedMapTests.Refused(item: item) }
                return Counted()
            }
        }
        #expect(made.isEmpty && Counted.alive.withLock { $0 } == 0)
        made = ChunkedMap.map(Array(0..<4_000), cores: 4) { _ in Counted() }
        #expect(Counted.alive.withLock { $0 } == 4_000)
        made = []
        #expect(Counted.alive.withLock { $0 } == 0)
    }
}
