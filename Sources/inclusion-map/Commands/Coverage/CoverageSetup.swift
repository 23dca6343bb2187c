import ArgumentParser
import Coverage
import Foundation
import Logging
import Places

/// The coverage calculator from the configuration's `[coverage]` files and the kiosk's places.
enum CoverageSetup {
    static func territories(_ configuration: KioskConfiguration, logger: Logger? = nil) throws -> TerritoryTable {
        guard let files = configuration.coverage else {
            throw CommandFailure(description: "\(configuration.file.path): no [coverage] section (population file and the others): no coverage figures")
        }
        do {
            let table = try TerritoryTable.load(population: files.population, fragility: files.fragility,
                                                intercommunalities: files.intercommunalities, departments: files.departments)
            if !table.misplacedTownHalls.isEmpty {
                logger?.warning("town halls too far from any other to be right: their distances are \"no data\"",
                                metadata: ["file": "\(files.population.lastPathComponent)", "communes": "\(table.misplacedTownHalls.joined(separator: ","))"])
            }
            return table
        } catch let error as TerritoryFileError {
            throw CommandFailure(description: "coverage: \(error)")
        }
    }

    static func calculator(configuration: KioskConfiguration, stateDirectory: URL, logger: Logger) throws -> CoverageCalculator {
        let territories = try territories(configuration, logger: logger)
        let places = try KioskData.placeStore(configuration: configuration, stateDirectory: stateDirectory, logger: logger).allPlaces()
        return CoverageCalculator(territories: territories, directory: PlaceDirectory(places: places))
    }
}

extension CoverageLayer: ExpressibleByArgument {}
