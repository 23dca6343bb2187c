import ArgumentParser
import Coverage
import Foundation
import Places

/// `inclusion-map coverage`: where help is missing, by commune, intercommunality or department,
/// for the same filters as `nearest` and `places`; or a printable poster of it.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "How far the inhabitants are from help: figures by commune, intercommunality or department, or a poster.",
        discussion: """
            Distances are great-circle distances ("as the crow flies") from each commune's town hall to the \
            nearest place passing the filters. Files: the configuration's [coverage] section.
            """)

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case commune, epci, departement
    }

    @OptionGroup var common: CommonOptions
    @OptionGroup var filter: PlaceFilterOptions

    @Option(name: .long, help: "commune (default), epci or departement.")
    var by: Grouping = .commune

    @Flag(name: .long, help: "A JSON array (the default).")
    var json = false

    @Flag(name: .long, help: "CSV with a header row, the same columns as the JSON.")
    var csv = false

    @Option(name: .short, help: "Write to this file instead of the standard output.")
    var output: String?

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let (configuration, stateDirectory) = try common.configurationAndState()
        let calculator = try CoverageSetup.calculator(configuration: configuration, stateDirectory: stateDirectory,
                                                      logger: common.logger("inclusion-map.coverage"))
        let figures = calculator.figures(for: try filter.filter())
        let table: CoverageTable
        switch by {
        case .commune: table = .communes(figures, calculator)
        case .epci: table = .territories(figures.intercommunalities)
        case .departement: table = .territories(figures.departments)
        }
        let text = csv ? table.csv() : try table.json()
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CommandFailure(description: "\(output): cannot be written (\(error.localizedDescription))")
            }
        } else {
            print(text, terminator: "")
        }
    }
}
