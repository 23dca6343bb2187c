import Foundation
import MapGeometry

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

        public init(needs: Set<PlaceNeed> = [], service: String? = nil, openAt: Date? = nil) {
            self.needs = needs
            self.service = service
            self.openAt = openAt
        }

        public var isEmpty: Bool { needs.isEmpty && service == nil && openAt == nil }
    }

    public struct Hit: Sendable, Equatable {
        public var index: Int
        public var distance: Double
    }

    public let places: [Place]
    /// Parsed opening hours by place (nil when missing or not parsable: "horaires à vérifier").
    public let hours: [OpeningHours?]
    /// Places with a position, by index into ``places``.
    let located: [Int]
    let index: NearestIndex
    private let indexByID: [String: Int]

    public init(places: [Place]) {
        self.places = places
        hours = places.map { p in p.hours.flatMap { try? OpeningHours($0) } }
        located = places.indices.filter { places[$0].coordinate != nil }
        index = NearestIndex(coordinates: located.map { places[$0].coordinate! })
        indexByID = Dictionary(places.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    public var count: Int { places.count }

    public func index(ofID id: String) -> Int? { indexByID[id] }

    /// Open (true), closed (false) or unknown (nil: no hours, or hours that do not parse).
    public func isOpen(_ i: Int, at date: Date) -> Bool? {
        hours[i]?.isOpen(at: date)
    }

    public func nextChange(_ i: Int, after date: Date) -> Date? {
        hours[i]?.nextChange(after: date)
    }

    public func matches(_ i: Int, _ filter: Filter) -> Bool {
        let place = places[i]
        for need in filter.needs where !need.isMet(by: place) { return false }
        if let service = filter.service {
            let wanted = PlaceNeed.fold(service)
            let said = place.services + place.labels + place.typology
            if !said.contains(where: { PlaceNeed.fold($0).contains(wanted) }) { return false }
        }
        if let date = filter.openAt, isOpen(i, at: date) != true { return false }
        return true
    }

    /// The `k` nearest places that pass `filter`, nearest first, by great-circle distance in metres.
    public func nearest(to point: GeoCoordinate, k: Int, filter: Filter = Filter()) -> [Hit] {
        let hits = filter.isEmpty
            ? index.nearest(to: point, k: k)
            : index.nearest(to: point, k: k) { matches(located[$0], filter) }
        return hits.map { Hit(index: located[$0.index], distance: $0.distance) }
    }

    /// All places passing `filter`, in the directory's order.
    public func filtered(_ filter: Filter) -> [Int] {
        places.indices.filter { matches($0, filter) }
    }
}
