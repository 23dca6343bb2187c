import ArgumentParser
import Coverage
import Foundation
import Kiosk
import MapGeometry
import MapScene
import Places
import SDLBackend

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

    @Option(name: .long, help: "Make a printable poster of the region into this PNG file instead of figures.")
    var poster: String?

    @Option(name: .long, help: "The poster's layer: distance (default), ifn or priority.")
    var layer: CoverageLayer = .distance

    @Option(name: .long, help: "The poster's size in pixels, WxH (default: A4 portrait at 300 dpi).")
    var size: String = "2480x3508"

    @Option(name: .long, help: "The poster's language (a code from kiosk.languages).")
    var language: String?

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        guard let posterSize = Size(parsing: size), (400...12_000).contains(posterSize.width), (400...12_000).contains(posterSize.height) else {
            throw ValidationError("--size: expected WxH, each from 400 to 12000 pixels, found \"\(size)\"")
        }
        if poster != nil && (json || csv || output != nil) { throw ValidationError("--poster makes an image: leave out --json, --csv and -o") }
    }

    func run() throws {
        if let poster { return try makePoster(poster) }
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

    /// The poster: the kiosk's basemap and style, shaded by the layer, rendered headless.
    func makePoster(_ path: String) throws {
        let logger = common.logger("inclusion-map.coverage")
        let (configuration, stateDirectory) = try common.configurationAndState()
        guard let files = configuration.coverage else {
            throw CommandFailure(description: "\(configuration.file.path): no [coverage] section: no poster")
        }
        let assembly = try KioskAssembly(configuration: configuration, stateDirectory: stateDirectory, logger: logger)
        guard let territories = assembly.territories() else { throw CommandFailure(description: "coverage: the [coverage] files were refused (see the log)") }
        let language = self.language ?? configuration.languages[0]
        guard configuration.languages.contains(language) else {
            throw ValidationError("--language: expected one of \(configuration.languages.joined(separator: ", ")), found \"\(language)\"")
        }
        if layer != .distance && !territories.hasFragilityIndex {
            throw CommandFailure(description: "--layer \(layer.rawValue): no fragility index in [coverage] (fragility = …)")
        }
        let model = CoverageModel(territories: territories, directory: assembly.places, source: files.communeSource)
        let filter = try self.filter.filter()
        let figures = model.calculator.figures(for: filter)
        let posterSize = Size(parsing: size)!
        let window = try SDLWindow(options: WindowOptions(mode: .headless, size: posterSize, tiledBasemap: false),
                                   regularFont: configuration.regularFont.path, boldFont: configuration.boldFont.path,
            arabicFont: configuration.arabicFont?.path, arabicBoldFont: configuration.arabicBoldFont?.path)
        let places = assembly.places.filtered(filter).compactMap { assembly.places.places[$0].coordinate }
        let poster = CoveragePoster(figures: figures, model: model, layer: layer,
                                    map: MapRenderer(basemap: assembly.basemap, style: assembly.style, measurer: window.textMeasurer),
                                    catalog: assembly.catalog, language: language, measurer: window.textMeasurer, places: places,
                                    sources: Self.sources(configuration, dataDate: assembly.placeSummary?.dataDate), made: Self.madeDate)
        window.renderer.draw(poster.draw(size: window.pixelSize))
        do {
            try window.renderer.capture().savePNG(path: path)
        } catch {
            throw CommandFailure(description: "\(path): the poster cannot be written (\(error))")
        }
        logger.info("poster made", metadata: ["file": "\(path)", "layer": "\(layer.rawValue)", "size": "\(size)"])
    }

    /// Today, or SOURCE_DATE_EPOCH's date (the reproducible-builds convention), so that a poster
    /// made again from the same data is the same image.
    static var madeDate: Date {
        ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? Date()
    }

    /// The files the figures come from, by name (their names carry their dates), and the credits.
    static func sources(_ configuration: KioskConfiguration, dataDate: String?) -> [String] {
        var lines: [String] = []
        let places = configuration.placeFiles.map(\.lastPathComponent).joined(separator: ", ")
        if !places.isEmpty { lines.append("lieux " + places + (dataDate.map { " (mise à jour la plus récente : \($0))" } ?? "")) }
        if let files = configuration.coverage {
            lines.append("population INSEE " + files.population.lastPathComponent)
            if let fragility = files.fragility { lines.append("indice de fragilité numérique " + fragility.lastPathComponent) }
            if let epci = files.intercommunalities { lines.append("intercommunalités " + epci.lastPathComponent) }
        }
        if !configuration.attribution.isEmpty { lines.append("fond de carte " + configuration.attribution) }
        return lines
    }
}
