import ArgumentParser
import Foundation
import MapGeometry
import Places

/// `inclusion-map nearest --lat --lon`: the k nearest places by great-circle distance.
struct NearestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nearest",
        abstract: "The nearest places to a point, with filters (a place known only by its commune ranks 3 km further, marked ~).")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, parsing: .unconditional, help: "Latitude in degrees (WGS84).")
    var lat: Double

    @Option(name: .long, parsing: .unconditional, help: "Longitude in degrees (WGS84).")
    var lon: Double

    @Option(name: .short, help: "How many places.")
    var k: Int = 10

    @OptionGroup var filter: PlaceFilterOptions

    @Flag(name: .long, help: "A JSON array of {id, nom, adresse, commune, latitude, longitude, distance_m, position_approximative, open}.")
    var json = false

    func validate() throws {
        guard (-90...90).contains(lat) else { throw ValidationError("--lat \(lat): expected -90…90") }
        guard (-180...180).contains(lon) else { throw ValidationError("--lon \(lon): expected -180…180") }
        guard k >= 1 else { throw ValidationError("-k \(k): expected at least 1") }
    }

    func run() throws {
        let directory = try PlaceFilterOptions.directory(common)
        let at = try filter.openAtDate() ?? Date()
        let hits = directory.nearest(to: GeoCoordinate(latitude: lat, longitude: lon), k: k, filter: try filter.filter())
        let rows = hits.map { hit -> NearestJSON in
            let place = directory.places[hit.index]
            return NearestJSON(id: place.id, nom: place.name, adresse: place.address, commune: place.commune,
                               latitude: place.coordinate!.latitude, longitude: place.coordinate!.longitude,
                               distance_m: (hit.distance * 10).rounded() / 10, position_approximative: place.isApproximate,
                               open: directory.isOpen(hit.index, at: at))
        }
        if json { return try CLIJSON.print(rows) }
        for row in rows {
            var distance = row.distance_m < 1000 ? "\(Int(row.distance_m)) m" : String(format: "%.1f km", row.distance_m / 1000)
            if row.position_approximative { distance = "~" + distance }
            let open = row.open.map { $0 ? "open" : "closed" } ?? "hours unknown"
            print("\(distance.padding(toLength: 9, withPad: " ", startingAt: 0)) \(row.nom), \(row.commune) — \(open) [\(row.id)]")
        }
    }
}

/// Filters shared by `nearest` and `places`.
struct PlaceFilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only places open at this time (ISO 8601; without an offset, Paris time). Also the time `open` is given for.")
    var openAt: String?

    @Option(name: .long, help: "Only places whose services (or labels) contain this text, ignoring case and accents.")
    var service: String?

    @Option(name: .long, help: "Only places meeting this need: \(PlaceNeed.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable.")
    var need: [String] = []

    @Flag(name: .long, help: "Only places free for everyone (frais_a_charge \"Gratuit\").")
    var free = false

    @Flag(name: .long, help: "Only places where someone helps one to one (modalites_accompagnement \"Accompagnement individuel\").")
    var oneToOne = false

    @Flag(name: .long, help: "Only places one can just walk into (modalites_acces \"Se présenter\").")
    var walkIn = false

    @Option(name: .customLong("public"), help: "Only places naming this public (publics_specifiquement_adresses: Jeunes, Étudiants, Familles, Seniors, Femmes; any case or accents). Repeatable.")
    var publics: [String] = []

    @Option(name: .long, help: "Only places giving this support (prise_en_charge_specifique: Surdité, Handicaps moteurs, Handicaps mentaux, Illettrisme, Langues étrangères, Déficience visuelle; any case or accents). Repeatable.")
    var support: [String] = []

    func openAtDate() throws -> Date? { try openAt.map(OpenAtParser.parse) }

    func filter() throws -> PlaceDirectory.Filter {
        let needs = try need.map { raw -> PlaceNeed in
            guard let need = PlaceNeed(rawValue: raw) else {
                throw CommandFailure(description: "--need \(raw): expected one of \(PlaceNeed.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return need
        }
        let offers: Set<PlaceOffer> = Set([free ? .free : nil, oneToOne ? .oneToOne : nil, walkIn ? .walkIn : nil].compactMap { $0 })
        return PlaceDirectory.Filter(needs: Set(needs), service: service, openAt: try openAtDate(), offers: offers, publics: publics, support: support)
    }

    static func store(_ common: CommonOptions) throws -> PlaceStore {
        let logger = common.logger("inclusion-map.places")
        let (configuration, stateDirectory) = try common.configurationAndState()
        return try KioskData.placeStore(configuration: configuration, stateDirectory: stateDirectory, logger: logger)
    }

    /// From the snapshot when it is the data's (see ``PlaceStore/directory()``).
    static func directory(_ common: CommonOptions) throws -> PlaceDirectory {
        try store(common).directory().directory
    }
}

/// `inclusion-map places`: lists places with every normalised field.
struct PlacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "List places (all, or those a text search finds), with every field and whether each is open.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "What a visitor would type: everyday words (caf, carte grise, imprimer…), names, communes, addresses (first letters, any case, any accents, a slip forgiven); nearest to the kiosk first.")
    var search: String?

    @OptionGroup var filter: PlaceFilterOptions

    @Flag(name: .long, help: "JSON array with every normalised field, `horaires` in opening_hours syntax, and `open`.")
    var json = false

    @Flag(name: .long, help: "The places in the national standard v1.0.2: its 32 columns in order, `|` between values, dates ISO, phones +33; what only the kiosk made (a position guessed at the town hall, the source rows) left out.")
    var csv = false

    @Flag(name: .long, help: "With --csv: the rows as imported, one per source row, rather than the merged places.")
    var sourceRows = false

    @Option(name: .shortAndLong, help: "With --csv: write to this file (replaced whole, or left as it was on an error) rather than standard output.")
    var output: String?

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv: choose one") }
        if csv && search != nil { throw ValidationError("--csv exports the places a filter keeps; --search is for reading") }
        if (sourceRows || output != nil) && !csv { throw ValidationError("--source-rows and --output go with --csv") }
    }

    func run() throws {
        let store = try PlaceFilterOptions.store(common)
        if csv { return try exportCSV(store) }
        let directory = try store.directory().directory
        let at = try filter.openAtDate() ?? Date()
        let placeFilter = try filter.filter()
        var indices: [Int]
        if let search {
            // As the kiosk searches: everyday words, names, communes, slips forgiven; nearest to the kiosk first.
            let (configuration, _) = try common.configurationAndState()
            indices = try configuration.placeSearch().search(search, in: directory, from: configuration.kioskLocation ?? configuration.homeCenter)
                .map(\.index)
        } else {
            indices = Array(directory.places.indices)
        }
        indices = indices.filter { directory.matches($0, placeFilter) }
        if json {
            return try CLIJSON.print(indices.map {
                PlaceJSON(directory.places[$0], open: directory.isOpen($0, at: at), hoursParse: directory.hours($0) != nil)
            })
        }
        for i in indices {
            let place = directory.places[i]
            let open = directory.isOpen(i, at: at).map { $0 ? "open" : "closed" } ?? (place.hours == nil ? "no hours" : "hours to check")
            print("\(place.name), \(place.address), \(place.postalCode) \(place.commune) — \(open) [\(place.id)]")
        }
        if !json { print("\(indices.count) places") }
    }

    /// The export: filters and search apply to merged places; the source rows are all exported.
    func exportCSV(_ store: PlaceStore) throws {
        let places: [Place]
        if sourceRows {
            places = try store.sourceRows()
        } else {
            let directory = try store.directory().directory
            let placeFilter = try filter.filter()
            places = directory.places.indices.filter { directory.matches($0, placeFilter) }.map { directory.places[$0] }
        }
        let data = try StandardExport.csv(places)
        guard let output else { return FileHandle.standardOutput.write(data) }
        do {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandFailure(description: "--output \(output): cannot be written (\(error.localizedDescription))")
        }
    }
}
