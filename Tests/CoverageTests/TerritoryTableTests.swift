import Foundation
import Testing
@testable import Coverage

/// Reading the coverage files: the real ones with their gaps, and bad ones refused by name.
@Suite struct TerritoryTableTests {
    @Test func theRegionsFilesAreReadWithTheirGaps() throws {
        let table = RegionData.territories
        #expect(table.communes.count == 3782)
        #expect(table.hasFragilityIndex)
        let amiens = try #require(table.commune(code: "80021"))
        #expect(amiens.name == "Amiens")
        #expect(amiens.department == "80")
        #expect(amiens.intercommunality != nil)
        #expect(amiens.fragility != nil)
        #expect(table.departments["62"]?.name == "Pas-de-Calais")
        // One commune has no population, five no town-hall position: kept, without those figures.
        #expect(table.communes.filter { $0.population == nil }.count == 1)
        // Six town halls are far from any other (Rebergues in the Massif central, Coudun and Cuy
        // with their latitude as longitude…): their position is dropped, not believed.
        #expect(table.misplacedTownHalls.sorted() == ["02215", "02806", "60166", "60192", "62671", "62692"])
        #expect(table.communes.filter { $0.townHall == nil }.count == 5 + 6)
    }

    @Test func aRegionWithoutFragilityIndexLacksThatLayerOnly() throws {
        let table = try TerritoryTable.load(population: RegionData.asset("population/communes-hdf-population.csv"))
        #expect(!table.hasFragilityIndex)
        #expect(table.departments["59"]?.name == "Département 59")
    }

    @Test func badFilesAreRefusedByNameAndRow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String, _ text: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url
        }
        let good = try file("pop.csv", "code_insee,nom,population_municipale,mairie_lon,mairie_lat\n59350,Lille,236710,3.06,50.63\n")
        let noColumn = try file("nocol.csv", "code_insee,nom,population_municipale\n59350,Lille,1\n")
        #expect { try TerritoryTable.load(population: noColumn) } throws: { "\($0)" == "nocol.csv: lacks the columns mairie_lon, mairie_lat" }
        let badCount = try file("bad.csv", "code_insee,nom,population_municipale,mairie_lon,mairie_lat\n59350,Lille,beaucoup,3.06,50.63\n")
        #expect { try TerritoryTable.load(population: badCount) } throws: { "\($0)" == "bad.csv: row 1: population_municipale \"beaucoup\" is not a count" }
        let badIndex = try file("ifn.csv", "code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total\n59350,1,2,3,4,5,12\n")
        #expect { try TerritoryTable.load(population: good, fragility: badIndex) } throws: { "\($0)" == "ifn.csv: row 1: total \"12\" is not a score from 0 to 10" }
        #expect { try TerritoryTable.load(population: folder.appendingPathComponent("absent.csv")) } throws: { "\($0)".contains("absent.csv: cannot be read") }
    }
}
