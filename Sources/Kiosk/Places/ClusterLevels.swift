import Foundation
import MapScene
import Places
import Synchronization

/// Clusters per whole zoom level for one filter, read by drawing and hit-testing. A level is made
/// when first read, so that a start (or a new filter) waits only for the level on screen; the
/// others are made on a spare core once the first frame is shown (``Kiosk/prepareAhead()``),
/// so that a pinch does not wait for them either.
struct ClusterLevels: Sendable {
    var filter: PlaceDirectory.Filter?
    var placesIdentity: PlaceLayer.Identity?
    var zooms = 0...0
    private let store: Store?

    static let empty = ClusterLevels()

    private init() { store = nil }

    /// `make` gives the clusters of one zoom level of `zooms`; it may run on any thread.
    init(filter: PlaceDirectory.Filter, placesIdentity: PlaceLayer.Identity, zooms: ClosedRange<Int>,
         make: @escaping @Sendable (Int) -> [MarkerClusterer.Cluster]) {
        self.filter = filter
        self.placesIdentity = placesIdentity
        self.zooms = zooms
        store = Store(zooms: zooms, make: make)
    }

    /// The clusters of the zoom level `zoom` falls in (the nearest level there is, beyond the range).
    func clusters(atZoom zoom: Double) -> [MarkerClusterer.Cluster] {
        guard let store else { return [] }
        return store.level(min(max(Int(zoom.rounded(.down)), zooms.lowerBound), zooms.upperBound))
    }

    /// Makes every level not made yet, on every core; returns when they are all made.
    func makeRemainingLevels() {
        store?.makeRemaining()
    }

    /// Makes every level not made yet on another thread, and returns at once.
    func makeRemainingLevelsInBackground() {
        guard let store else { return }
        DispatchQueue.global(qos: .utility).async { store.makeRemaining() }
    }

    /// Whether the level of `zoom` is made already (tests: what a start leaves for later).
    func isMade(atZoom zoom: Int) -> Bool {
        store?.isMade(zoom) ?? false
    }

    /// The levels, shared by the copies of one ``ClusterLevels`` and by the thread that makes
    /// the remaining ones.
    private final class Store: Sendable {
        let zooms: ClosedRange<Int>
        let make: @Sendable (Int) -> [MarkerClusterer.Cluster]
        let levels: Mutex<[[MarkerClusterer.Cluster]?]>

        init(zooms: ClosedRange<Int>, make: @escaping @Sendable (Int) -> [MarkerClusterer.Cluster]) {
            self.zooms = zooms
            self.make = make
            levels = Mutex(Array(repeating: nil, count: zooms.count))
        }

        func isMade(_ zoom: Int) -> Bool {
            levels.withLock { $0[zoom - zooms.lowerBound] != nil }
        }

        /// Made outside the lock: two threads wanting one level at once may both make it (the
        /// same clusters), and the first kept is the one every reader gets.
        func level(_ zoom: Int) -> [MarkerClusterer.Cluster] {
            let slot = zoom - zooms.lowerBound
            if let made = levels.withLock({ $0[slot] }) { return made }
            let made = make(zoom)
            return levels.withLock { levels in
                if levels[slot] == nil { levels[slot] = made }
                return levels[slot]!
            }
        }

        func makeRemaining() {
            let missing = zooms.filter { !isMade($0) }
            _ = ChunkedMap.mapEach(missing) { level($0) }
        }
    }
}
