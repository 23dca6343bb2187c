import Foundation
import MapGeometry
import Places

/// Computes the coverage figures of a region for a filter: for each commune the nearest place
/// passing it and the places within 10 km of the town hall, then sums by intercommunality,
/// department and region. Built once per data load (it places every place in its commune);
/// ``figures(for:)`` is cheap enough to run at each change of the visitor's filters.
///
/// ```swift
/// let calculator = CoverageCalculator(territories: table, directory: directory)
/// let figures = calculator.figures(for: .init(needs: [.procedures]))
/// figures.region.populationBeyond10km   // the headline
/// ```
public struct CoverageCalculator: Sendable {
    public let territories: TerritoryTable
    public let directory: PlaceDirectory
    /// Per place, the commune it stands in (index into the table), if any of the region's.
    public let communeOfPlace: [Int?]

    public static let nearbyRadius = 10_000.0
    public static let farRadius = 20_000.0

    public init(territories: TerritoryTable, directory: PlaceDirectory) {
        self.territories = territories
        self.directory = directory
        let halls = territories.communes.indices.filter { territories.communes[$0].townHall != nil }
        let hallIndex = NearestIndex(coordinates: halls.map { territories.communes[$0].townHall! })
        // By index: each place is read where it is, not copied for the call.
        let places = directory.places
        communeOfPlace = ChunkedMap.map(Array(places.indices)) { i in
            let place = places[i]
            if let known = territories.communeIndex(inseeCode: place.inseeCode, postalCode: place.postalCode,
                                                    communeName: place.commune, position: nil) {
                return known
            }
            return place.coordinate.flatMap { hallIndex.nearest(to: $0, k: 1).first.map { halls[$0.index] } }
        }
    }

    public func figures(for filter: PlaceDirectory.Filter) -> CoverageFigures {
        let matching = directory.filtered(filter).filter { directory.places[$0].coordinate != nil }
        let index = NearestIndex(coordinates: matching.map { directory.places[$0].coordinate! })
        let communes = territories.communes.enumerated().map { i, commune -> CommuneCoverage in
            guard let hall = commune.townHall else { return CommuneCoverage(commune: i, nearest: nil, placesNearby: 0) }
            // The nearest place within 10 km comes with the count; only a commune with none asks further.
            let nearby = index.within(Self.nearbyRadius, of: hall)
            let nearest = (nearby.nearest ?? index.nearest(to: hall, k: 1).first).map { PlaceDirectory.Hit(index: matching[$0.index], distance: $0.distance) }
            return CommuneCoverage(commune: i, nearest: nearest, placesNearby: nearby.count)
        }
        var placesByCommune = [Int](repeating: 0, count: territories.communes.count)
        for place in matching { if let c = communeOfPlace[place] { placesByCommune[c] += 1 } }

        var sums: [Group: Sum] = [:]
        for row in communes {
            let commune = territories.communes[row.commune]
            let sum = Sum(row, commune: commune, places: placesByCommune[row.commune])
            sums[.region, default: Sum()].add(sum)
            sums[.department(commune.department), default: Sum()].add(sum)
            if let epci = commune.intercommunality { sums[.intercommunality(epci), default: Sum()].add(sum) }
        }
        let anyPlace = !matching.isEmpty
        func coverage(_ group: Group, _ territory: Territory) -> TerritoryCoverage {
            (sums[group] ?? Sum()).coverage(of: territory, anyPlace: anyPlace)
        }
        return CoverageFigures(
            filter: filter, matchingPlaces: matching.count, communes: communes,
            intercommunalities: territories.intercommunalities.values.sorted { $0.code < $1.code }.map { coverage(.intercommunality($0.code), $0) },
            departments: territories.departments.values.sorted { $0.code < $1.code }.map { coverage(.department($0.code), $0) },
            region: coverage(.region, Territory(code: "region", name: "Région")))
    }

    private enum Group: Hashable {
        case region
        case department(String)
        case intercommunality(String)
    }

    /// Running totals of a group of communes.
    private struct Sum {
        var communes = 0
        var population = 0
        var places = 0
        var populationWithDistance = 0
        var weightedDistance = 0.0
        var beyond10 = 0
        var beyond20 = 0

        init() {}

        init(_ row: CommuneCoverage, commune: Commune, places: Int) {
            communes = 1
            population = commune.population ?? 0
            self.places = places
            guard commune.townHall != nil, let people = commune.population else { return }
            populationWithDistance = people
            let distance = row.nearest?.distance ?? .infinity
            if distance.isFinite { weightedDistance = distance * Double(people) }
            if distance > CoverageCalculator.nearbyRadius { beyond10 = people }
            if distance > CoverageCalculator.farRadius { beyond20 = people }
        }

        mutating func add(_ other: Sum) {
            communes += other.communes
            population += other.population
            places += other.places
            populationWithDistance += other.populationWithDistance
            weightedDistance += other.weightedDistance
            beyond10 += other.beyond10
            beyond20 += other.beyond20
        }

        func coverage(of territory: Territory, anyPlace: Bool) -> TerritoryCoverage {
            TerritoryCoverage(territory: territory, communes: communes, population: population, places: places,
                              populationWithDistance: populationWithDistance,
                              meanDistance: anyPlace && populationWithDistance > 0 ? weightedDistance / Double(populationWithDistance) : nil,
                              populationBeyond10km: beyond10, populationBeyond20km: beyond20)
        }
    }
}
