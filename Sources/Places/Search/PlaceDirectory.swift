import Foundation
import MapGeometry
import TextFolding

/// The places the kiosk shows, in memory, with what the screen and the CLI ask of them: the
/// nearest ones (with filters), whether each is open at a time, and filtering by need or service.
/// Built once per data load (start, SIGHUP) from the ``PlaceStore``.
///
/// ```swift
/// let directory = PlaceDirectory(places: try store.allPlaces())
/// let hits = directory.nearest(to: here, k: 10, filter: .init(needs: [.procedures], openAt: Date()))
/// ```
public struct PlaceDirectory: Sendable {
    /// What a list or the nearest search keeps.
    public struct Filter: Sendable, Equatable {
        public var needs: Set<PlaceNeed>
        /// Text a service (or label, or typology) must contain, ignoring case and accents.
        public var service: String?
        /// Only places known to be open at this instant.
        public var openAt: Date?
        /// Free, one to one, without appointment: every one asked must hold.
        public var offers: Set<PlaceOffer>
        /// Publics the place must name (`publics_specifiquement_adresses`: "Seniors", "Jeunes"…)
        /// and support it must give (`prise_en_charge_specifique`: "Surdité"…), each as text found
        /// in one of its values, case and accents ignored.
        public var publics: [String]
        public var support: [String]

        public init(needs: Set<PlaceNeed> = [], service: String? = nil, openAt: Date? = nil, offers: Set<PlaceOffer> = [],
                    publics: [String] = [], support: [String] = []) {
            self.needs = needs
            self.service = service
            self.openAt = openAt
            self.offers = offers
            self.publics = publics
            self.support = support
        }

        public var isEmpty: Bool { needs.isEmpty && service == nil && openAt == nil && offers.isEmpty && publics.isEmpty && support.isEmpty }
    }

    public struct Hit: Sendable, Equatable {
        public var index: Int
        public var distance: Double

        public init(index: Int, distance: Double) {
            self.index = index
            self.distance = distance
        }
    }

    public let places: [Place]
    /// What was worked out of each place once (folded, parsed), as a snapshot keeps it.
    let facts: [PlaceFacts]
    /// Places with a position, by index into ``places``.
    let located: [Int]
    /// The nearest-place tree and the filters worth offering.
    let overview: DirectoryOverview
    var index: NearestIndex { overview.index }
    private let idIndex: PlaceIDIndex
    private let searchWordIndex: SearchWordIndex
    /// How some place receives people (free, one to one, without appointment): the filters
    /// worth offering on this data.
    public var offersPresent: Set<PlaceOffer> { overview.offersPresent }
    /// The standard's publics and specific supports some place names, in the standard's order:
    /// the kiosk's "Plus de filtres" offers these.
    public var publicsPresent: [String] { overview.publicsPresent }
    public var supportPresent: [String] { overview.supportPresent }
    /// Open or not at the last instants asked about (the kiosk asks once a minute, the CLI once).
    private let openStates = OpenStateCache()

    public init(places: [Place]) {
        self.init(places: places, facts: ChunkedMap.map(places, PlaceFacts.init))
    }

    /// The directory of `places`, whose facts (and search words, and overview) were worked out
    /// before (read from a snapshot, which checks that the overview's tree holds `located`).
    init(places: [Place], facts: [PlaceFacts], overview: DirectoryOverview? = nil, searchWords: SearchWordIndex.Encoded? = nil) {
        precondition(places.count == facts.count, "one set of facts a place")
        self.places = places
        self.facts = facts
        let located = Self.located(places)
        self.located = located
        let overview = overview ?? DirectoryOverview(places: places, located: located)
        precondition(overview.index.count == located.count, "one point of the tree a place with a position")
        self.overview = overview
        idIndex = PlaceIDIndex(places: places)
        searchWordIndex = SearchWordIndex(places: places, encoded: searchWords)
    }

    /// The places with a position, by index into `places`, in their order.
    static func located(_ places: [Place]) -> [Int] { places.indices.filter { places[$0].coordinate != nil } }

    public var count: Int { places.count }

    public func index(ofID id: String) -> Int? { idIndex.index(of: id) }

    /// The network place `i` belongs to (France Services, conseillers numériques…).
    public func network(_ i: Int) -> PlaceNetwork { facts[i].network }

    /// Parsed opening hours of place `i` (nil when missing or not parsable: "horaires à vérifier").
    public func hours(_ i: Int) -> OpeningHours? { facts[i].hours }

    /// The words of each place's name, commune, address and postcode, folded, by index: what a
    /// search compares as the visitor types (see ``PlaceSearch``). Made on first use.
    public var searchWords: [[String]] { searchWordIndex.all() }

    /// Makes ``searchWords`` on a spare core, so that the first search need not wait for them.
    public func prepareSearchWordsInBackground() { searchWordIndex.prepareInBackground() }

    /// Open (true), closed (false) or unknown (nil: no hours, or hours that do not parse).
    public func isOpen(_ i: Int, at date: Date) -> Bool? {
        facts[i].hours?.isOpen(at: date)
    }

    /// Open states of every place at `date`, computed once per instant and kept for the next queries.
    func openStates(at date: Date) -> [Bool?] {
        openStates.states(at: date) { places.indices.map { isOpen($0, at: date) } }
    }

    public func nextChange(_ i: Int, after date: Date) -> Date? {
        facts[i].hours?.nextChange(after: date)
    }

    /// Whether place `i` passes `filter` (which is made ready at each call: to test many places,
    /// take ``matcher(for:)`` once).
    public func matches(_ i: Int, _ filter: Filter) -> Bool {
        matcher(for: filter)(i)
    }

    /// The filter as a test on a place's index: needs as a bit mask, the text folded once, open
    /// states looked up.
    public func matcher(for filter: Filter) -> @Sendable (Int) -> Bool {
        let mask = PlaceNeed.allCases.enumerated().reduce(UInt8(0)) { filter.needs.contains($1.element) ? $0 | (1 << $1.offset) : $0 }
        let wanted = filter.service.map { Array(PlaceNeed.fold($0).utf8) }
        let open = filter.openAt.map(openStates(at:))
        let facts = self.facts, places = self.places
        let offers = PlaceOffer.allCases.filter(filter.offers.contains)
        let publics = filter.publics.map(TextFolding.fold), support = filter.support.map(TextFolding.fold)
        // "seniors" finds "Seniors", "langues" finds "Langues étrangères (anglais)".
        @Sendable func lists(_ values: [String], _ wanted: String) -> Bool { values.contains { TextFolding.contains($0, wanted) } }
        return { i in
            if facts[i].needMask & mask != mask { return false }
            if !offers.allSatisfy({ $0.isMet(by: places[i]) }) { return false }
            if !publics.allSatisfy({ lists(facts[i].foldedPublics, $0) }) { return false }
            if !support.allSatisfy({ lists(facts[i].foldedSupport, $0) }) { return false }
            if let wanted, !TextFolding.bytes(facts[i].foldedServices, contain: wanted) { return false }
            if let open, open[i] != true { return false }
            return true
        }
    }

    /// The `k` nearest places that pass `filter`, nearest first, by great-circle distance in metres;
    /// a place known only by its commune is not ranked as if it stood at the town hall (see
    /// ``rank(_:)``), though its hit keeps the town hall's distance.
    public func nearest(to point: GeoCoordinate, k: Int, filter: Filter = Filter()) -> [Hit] {
        let located = self.located, places = self.places
        let test = filter.isEmpty ? nil : matcher(for: filter)
        // The best k by rank are among the k nearest placed at their address and the k nearest
        // placed at their town hall.
        func nearest(approximate: Bool) -> [Hit] {
            index.nearest(to: point, k: k) { places[located[$0]].isApproximate == approximate && test?(located[$0]) != false }
                .map { Hit(index: located[$0.index], distance: $0.distance) }
        }
        let merged = nearest(approximate: false) + nearest(approximate: true)
        return Array(merged.sorted { rank($0) != rank($1) ? rank($0) < rank($1) : $0.index < $1.index }.prefix(k))
    }

    /// Metres added to a place placed at its town hall when ranking: about a commune's reach.
    public static let approximatePenalty = 3_000.0

    /// How far a hit ranks: its distance, a commune's reach further when its position is the
    /// town hall's.
    public func rank(_ hit: Hit) -> Double {
        places[hit.index].isApproximate ? hit.distance + Self.approximatePenalty : hit.distance
    }

    /// All places passing `filter`, in the directory's order.
    public func filtered(_ filter: Filter) -> [Int] {
        let test = matcher(for: filter)
        return places.indices.filter(test)
    }
}

/// The last few instants' open states, shared by copies of a directory (a value type that the
/// kiosk copies freely).
final class OpenStateCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(date: Date, states: [Bool?])] = []

    func states(at date: Date, compute: () -> [Bool?]) -> [Bool?] {
        lock.lock()
        if let hit = entries.first(where: { $0.date == date }) {
            lock.unlock()
            return hit.states
        }
        lock.unlock()
        let states = compute()
        lock.lock()
        entries.append((date, states))
        if entries.count > 4 { entries.removeFirst() }
        lock.unlock()
        return states
    }
}
