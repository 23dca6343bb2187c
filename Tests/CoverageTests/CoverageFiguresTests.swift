import Foundation
import MapGeometry
import Testing
@testable import Coverage
@testable import Places

/// The figures against a computation by brute force on the real bundled data: every commune
/// against every place, with the haversine distance, and the sums done again from the rows.
@Suite struct CoverageFiguresTests {
    static let filters: [PlaceDirectory.Filter] = [
        .init(),
        .init(needs: [.procedures]),
        .init(needs: [.wheelchair]),
        .init(needs: [.procedures, .equipment], openAt: RegionData.tuesdayMorning),
        .init(openAt: RegionData.sundayNight),
    ]

    struct BruteForceRow {
        var nearest: (index: Int, distance: Double)?
        var within10km: Int
    }

    static func bruteForce(_ filter: PlaceDirectory.Filter) -> [BruteForceRow] {
        let directory = RegionData.directory
        let matching = directory.places.indices.filter { directory.matches($0, filter) && directory.places[$0].coordinate != nil }
        return RegionData.territories.communes.map { commune in
            guard let hall = commune.townHall else { return BruteForceRow(nearest: nil, within10km: 0) }
            var best: (index: Int, distance: Double)?
            var within = 0
            for i in matching {
                let d = hall.distance(to: directory.places[i].coordinate!)
                if d <= 10_000 { within += 1 }
                if best == nil || d < best!.distance { best = (i, d) }
            }
            return BruteForceRow(nearest: best, within10km: within)
        }
    }

    @Test(arguments: filters.indices)
    func everyCommuneMatchesTheBruteForce(filterIndex: Int) {
        let filter = Self.filters[filterIndex]
        let figures = RegionData.calculator.figures(for: filter)
        let expected = Self.bruteForce(filter)
        #expect(figures.communes.count == RegionData.territories.communes.count)
        for (row, want) in zip(figures.communes, expected) {
            let commune = RegionData.territories.communes[row.commune]
            #expect(row.placesNearby == want.within10km, "\(commune.code) \(commune.name): places within 10 km")
            switch (row.nearest, want.nearest) {
            case (nil, nil): break
            case let (got?, want?):
                // Ties (several places at one town hall) may pick either: the distance is what must agree.
                #expect(abs(got.distance - want.distance) < 0.01, "\(commune.code) \(commune.name): \(got.distance) m, brute force \(want.distance) m")
            default:
                Issue.record("\(commune.code) \(commune.name): nearest \(String(describing: row.nearest)), brute force \(String(describing: want.nearest))")
            }
        }
    }

    @Test func aFilterNoPlacePassesLeavesEveryCommuneWithoutHelp() {
        let figures = RegionData.calculator.figures(for: .init(openAt: RegionData.sundayNight))
        #expect(figures.matchingPlaces == 0)
        #expect(figures.communes.allSatisfy { $0.nearest == nil && $0.placesNearby == 0 })
        #expect(figures.region.meanDistance == nil)
        #expect(figures.region.populationBeyond20km == figures.region.populationWithDistance)
        #expect(figures.region.shareBeyond10km == 1)
    }

    @Test(arguments: filters.indices)
    func territoriesAreTheSumsOfTheirCommunes(filterIndex: Int) throws {
        let filter = Self.filters[filterIndex]
        let figures = RegionData.calculator.figures(for: filter)
        let table = RegionData.territories
        let directory = RegionData.directory
        let expected = Self.bruteForce(filter)
        let matching = directory.places.indices.filter { directory.matches($0, filter) && directory.places[$0].coordinate != nil }

        func check(_ got: TerritoryCoverage, members: [Int]) {
            let population = members.reduce(0) { $0 + (table.communes[$1].population ?? 0) }
            let measured = members.filter { table.communes[$0].townHall != nil && table.communes[$0].population != nil }
            let base = measured.reduce(0) { $0 + table.communes[$1].population! }
            func beyond(_ metres: Double) -> Int {
                measured.filter { (expected[$0].nearest?.distance ?? .infinity) > metres }.reduce(0) { $0 + table.communes[$1].population! }
            }
            let memberSet = Set(members)
            let places = matching.filter { RegionData.calculator.communeOfPlace[$0].map(memberSet.contains) ?? false }.count
            #expect(got.communes == members.count, "\(got.territory.name): communes")
            #expect(got.population == population, "\(got.territory.name): population")
            #expect(got.populationWithDistance == base)
            #expect(got.populationBeyond10km == beyond(10_000), "\(got.territory.name): beyond 10 km")
            #expect(got.populationBeyond20km == beyond(20_000), "\(got.territory.name): beyond 20 km")
            #expect(got.places == places, "\(got.territory.name): places")
            if !matching.isEmpty, base > 0 {
                let mean = measured.reduce(0.0) { $0 + expected[$1].nearest!.distance * Double(table.communes[$1].population!) } / Double(base)
                #expect(abs(got.meanDistance! - mean) < 0.01, "\(got.territory.name): mean distance")
            }
            if population > 0 {
                #expect(abs(got.placesPer10k! - Double(places) * 10_000 / Double(population)) < 1e-9)
            }
        }
        check(figures.region, members: Array(table.communes.indices))
        #expect(figures.departments.map(\.territory.code) == ["02", "59", "60", "62", "80"])
        for department in figures.departments {
            check(department, members: table.communes.indices.filter { table.communes[$0].department == department.territory.code })
        }
        #expect(figures.intercommunalities.count == 92)
        for epci in figures.intercommunalities {
            check(epci, members: table.communes.indices.filter { table.communes[$0].intercommunality == epci.territory.code })
        }
        // The headline is the sum over communes, and over departments.
        #expect(figures.departments.reduce(0) { $0 + $1.populationBeyond10km } == figures.region.populationBeyond10km)
        #expect(figures.departments.reduce(0) { $0 + $1.places } <= figures.matchingPlaces)
    }

    @Test func theRegionsHeadlineIsPlausible() {
        let figures = RegionData.calculator.figures(for: .init(needs: [.procedures]))
        // About six million inhabitants; most live within 10 km of a place helping with procedures.
        #expect((5_900_000...6_100_000).contains(figures.region.population))
        let share = figures.region.shareBeyond10km!
        #expect(share > 0 && share < 0.2)
        #expect(figures.region.populationBeyond20km < figures.region.populationBeyond10km)
    }

    @Test func placesAreCountedInTheCommuneTheyStandIn() throws {
        let table = RegionData.territories
        let lille = try #require(table.index(ofCode: "59350"))
        #expect(table.communeIndex(inseeCode: "59350", postalCode: "", communeName: "", position: nil) == lille)
        // No code: by name within the department of the postal code, accents and hyphens aside.
        let quentin = try #require(table.index(ofCode: "02691"))
        #expect(table.communeIndex(inseeCode: nil, postalCode: "02100", communeName: "SAINT QUENTIN", position: nil) == quentin)
        // Neither: the nearest town hall.
        let nearLille = GeoCoordinate(latitude: 50.6370, longitude: 3.0630)
        #expect(table.communeIndex(inseeCode: nil, postalCode: "", communeName: "?", position: nearLille) == lille)
        // Every place of the bundled data is placed in a commune of the region.
        #expect(RegionData.calculator.communeOfPlace.allSatisfy { $0 != nil })
    }

    @Test func classesFollowTheirBounds() {
        let table = RegionData.territories
        let figures = RegionData.calculator.figures(for: .init())
        for row in figures.communes {
            let commune = table.communes[row.commune]
            guard let distance = CoverageLayer.distance.classIndex(of: row, in: table) else {
                #expect(commune.townHall == nil)
                continue
            }
            let km = row.nearest!.distance / 1000
            #expect(distance == (km <= 5 ? 0 : km <= 10 ? 1 : km <= 20 ? 2 : 3))
            if let index = commune.fragility?.total {
                let fragility = CoverageLayer.fragility.classIndex(of: row, in: table)!
                #expect(fragility == (index < 4 ? 0 : index < 5 ? 1 : index < 6 ? 2 : 3))
                #expect(CoverageLayer.priority.classIndex(of: row, in: table) == min(distance, fragility))
            } else {
                #expect(CoverageLayer.priority.classIndex(of: row, in: table) == nil)
            }
        }
    }
}
