import Feedback
import Foundation
import Kiosk
import MapGeometry
import MapScene
import Places
import SDLBackend
import TOMLKit

/// Everything `kiosk-config/kiosk.toml` says, validated. Every key is documented in the example file.
struct KioskConfiguration {
    var file: URL
    var kioskID: String
    var languages: [String]
    var stringsDirectory: URL
    var idleTimeout: Double
    var idleWarning: Double
    var stateDirectory: String?

    var screenDiagonalInches: Double
    var vsync: Bool
    /// Which SDL renderer draws: `auto` (a GPU when there is one), or one forced.
    var renderer: RendererChoice = .auto
    /// Upright (`wall`) or flat with visitors all round (`table`).
    var screenMode: ScreenMode
    /// The side the interface faces at rest.
    var facing: Facing
    /// The invitation shown when nobody has touched the kiosk for a while; nil: none.
    var attractAfter: Double?
    /// Reading aloud: on or off, how loud (0…100 %), the eSpeak NG voice of each language.
    var speech: SpeechSettings

    struct SpeechSettings: Equatable {
        var enabled = true
        var volume = 100
        var voices: [String: String] = ["fr": "fr", "en": "en", "ar": "ar", "nl": "nl"]

        /// eSpeak NG's volume scale (100 is its normal volume; louder clips).
        var espeakVolume: Int { volume }
    }

    var homeCenter: GeoCoordinate
    var homeZoom: Double
    /// The home view fits the region (`map.bounds`) to the screen, whatever its size.
    var homeFitsRegion: Bool
    var minZoom: Double
    var maxZoom: Double
    /// west, south, east, north
    var bounds: [Double]
    var allowRotation: Bool

    var styleFile: URL
    /// The other style a visitor may switch to (high contrast on a calm kiosk); none: no button.
    var contrastStyleFile: URL?
    var regularFont: URL
    var boldFont: URL
    /// Arabic script; nil: `NotoSansArabic-Regular.ttf` and `-Bold.ttf` beside `regularFont`, if there.
    var arabicFont: URL?
    var arabicBoldFont: URL?
    var attribution: String
    var basemapSources: [String: SourceFile]
    var townsFile: URL?
    /// The staff PIN's hash (`config hash-pin`); no staff screen without it.
    var staffPINHash: String?
    var staffHoldSeconds: Double

    /// Place files imported on first start, when the place store is empty.
    var placeFiles: [URL]
    /// Town halls (population CSV) to place rows that have no coordinates.
    var townHallsFile: URL?
    /// Where the kiosk stands, for "Près d'ici" (the home view's centre when not set).
    var kioskLocation: GeoCoordinate?

    /// The coverage figures' files; nil without a `[coverage]` section (no "Couverture" button).
    var coverage: CoverageFiles?

    var outboxLimits: OutboxLimits
    /// The lab database; nil keeps feedback queued (it can be exported).
    var lab: LabSettings?
    /// Anonymous usage events queued for the lab (`[usage] enabled`).
    var usageEnabled = true

    /// The files of `[coverage]`: only the population is required.
    struct CoverageFiles: Equatable {
        var population: URL
        var fragility: URL?
        var intercommunalities: URL?
        var departments: URL?
        /// The basemap source whose polygons are the communes, and the property holding their INSEE code.
        var communeSource: String
        var communeCodeProperty: String
    }

    /// A basemap file, and the property that sorts its features into classes for the style.
    struct SourceFile: Equatable {
        var url: URL
        var classProperty: String?

        /// An OpenStreetMap extract (`.osm.pbf`), whose classes the style's `osm` section gives.
        var isOpenStreetMapExtract: Bool { url.lastPathComponent.lowercased().hasSuffix(".pbf") }
    }


    static func load(path: String) throws -> KioskConfiguration {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, key: nil, value: nil, expected: "cannot be read (\(error.localizedDescription))")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(file: path, key: nil, value: nil,
                                     expected: "not valid TOML at line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        let root = TOMLSection(table: table, path: "", file: path, baseDirectory: url.deletingLastPathComponent())

        let kiosk = try root.section("kiosk")
        let id = try kiosk.string("id", default: "kiosk")
        let languages = try kiosk.strings("languages", default: ["fr", "en"])
        if languages.isEmpty { throw kiosk.fail("languages", nil, "expected at least one language code") }
        let strings = try kiosk.file("strings", default: "../assets/strings")
        let idleTimeout = try kiosk.double("idle_timeout_s", default: 90, range: 10...3600)
        // WCAG 2.2.1 (timing adjustable): at least 20 s to ask for more time.
        let idleWarning = try kiosk.double("idle_warning_s", default: 20, range: 20...300)
        var stateDir: String?
        if kiosk.table["state_dir"] != nil { stateDir = try kiosk.string("state_dir", default: nil) }

        let screen = try root.section("screen")
        let diagonal = try screen.double("diagonal_inches", default: 43, range: 7...150)
        let vsync = try screen.bool("vsync", default: true)
        let mode = try screen.choice("mode", default: ScreenMode.wall)
        let facing = try screen.choice("facing", default: Facing.bottom)
        let renderer = try screen.choice("renderer", default: RendererChoice.auto)

        let attract = try root.section("attract")
        let attractOn = try attract.bool("enabled", default: true)
        let attractAfter = try attract.double("after_s", default: 120, range: 5...86_400)

        var speech = SpeechSettings()
        if root.table["speech"] != nil {
            let section = try root.section("speech")
            speech.enabled = try section.bool("enabled", default: true)
            speech.volume = try section.integer("volume", default: 100, range: 0...100)
            if section.table["voices"] != nil {
                let voices = try section.section("voices").stringMap()
                speech.voices.merge(voices) { _, configured in configured }
            }
        }

        let map = try root.section("map", required: true)
        let lat = try map.double("home_latitude", default: nil, range: -85...85)
        let lon = try map.double("home_longitude", default: nil, range: -180...180)
        let homeZoom = try map.double("home_zoom", default: nil, range: 0...22)
        let homeFits = try map.bool("home_fit", default: true)
        let minZoom = try map.double("min_zoom", default: 0, range: 0...22)
        let maxZoom = try map.double("max_zoom", default: 18, range: 0...22)
        if minZoom > maxZoom { throw map.fail("min_zoom", minZoom, "must not exceed max_zoom (\(maxZoom))") }
        let bounds = try map.numbers("bounds", count: 4, default: nil)
        if !(bounds[0] < bounds[2] && bounds[1] < bounds[3]) {
            throw map.fail("bounds", nil, "expected [west, south, east, north] with west < east and south < north")
        }
        let rotation = try map.bool("allow_rotation", default: false)

        let basemap = try root.section("basemap", required: true)
        let style = try basemap.file("style", default: "../assets/styles/calm.json")
        var contrastStyle: URL?
        if basemap.table["contrast_style"] != nil { contrastStyle = try basemap.file("contrast_style", default: nil) }
        let regular = try basemap.file("font", default: "../assets/fonts/DejaVuSans.ttf")
        let bold = try basemap.file("font_bold", default: "../assets/fonts/DejaVuSans-Bold.ttf")
        let arabic = basemap.table["font_arabic"] == nil ? nil : try basemap.file("font_arabic", default: nil)
        let arabicBold = basemap.table["font_arabic_bold"] == nil ? nil : try basemap.file("font_arabic_bold", default: nil)
        let attribution = try basemap.string("attribution", default: "")
        var towns: URL?
        if basemap.table["towns"] != nil { towns = try basemap.file("towns", default: nil) }
        let sourcesSection = try basemap.section("sources", required: true)
        var sources: [String: SourceFile] = [:]
        for name in sourcesSection.table.keys {
            if sourcesSection.table[name]?.table != nil {
                // name = { file = "…", class = "highway" }
                let source = try sourcesSection.section(name)
                let classProperty = source.table["class"] == nil ? nil : try source.string("class", default: nil)
                sources[name] = SourceFile(url: try source.file("file", default: nil), classProperty: classProperty)
            } else {
                sources[name] = SourceFile(url: try sourcesSection.file(name, default: nil), classProperty: nil)
            }
        }
        if sources.isEmpty { throw sourcesSection.fail("", nil, "expected at least one basemap source (name = \"file.geojson\")") }

        let staff = try root.section("staff")
        var pinHash: String?
        if staff.table["pin_hash"] != nil {
            let value = try staff.string("pin_hash", default: nil)
            do { try PINHash.parse(value) } catch {
                throw staff.fail("pin_hash", value, "\(error)")
            }
            pinHash = value
        }
        let hold = try staff.double("hold_s", default: 3, range: 1...15)

        let placesSection = try root.section("places")
        let placeFiles = try placesSection.strings("files", default: []).map { try placesSection.resolveFile($0, key: "files") }
        var townHalls: URL?
        if placesSection.table["town_halls"] != nil { townHalls = try placesSection.file("town_halls", default: nil) }
        var here: GeoCoordinate?
        if placesSection.table["here_latitude"] != nil || placesSection.table["here_longitude"] != nil {
            here = GeoCoordinate(latitude: try placesSection.double("here_latitude", default: nil, range: -85...85),
                                 longitude: try placesSection.double("here_longitude", default: nil, range: -180...180))
        }

        var coverage: CoverageFiles?
        if root.table["coverage"] != nil {
            let section = try root.section("coverage")
            func optionalFile(_ key: String) throws -> URL? { section.table[key] == nil ? nil : try section.file(key, default: nil) }
            let communeSource = try section.string("commune_source", default: "communes")
            if sources[communeSource] == nil {
                throw section.fail("commune_source", communeSource, "expected the name of a basemap source ([basemap.sources])")
            }
            coverage = CoverageFiles(population: try section.file("population", default: nil), fragility: try optionalFile("fragility"),
                                     intercommunalities: try optionalFile("intercommunalities"), departments: try optionalFile("departements"),
                                     communeSource: communeSource, communeCodeProperty: try section.string("commune_code", default: "code"))
        }

        let feedback = try root.section("feedback")
        let limits = OutboxLimits(maxRows: try feedback.integer("max_rows", default: 20_000, range: 10...10_000_000),
                                  maxBytes: try feedback.integer("max_bytes", default: 50_000_000, range: 10_000...10_000_000_000))
        let lab = root.table["lab"] == nil ? nil : try LabSettings(section: root.section("lab"))
        let usageEnabled = try root.section("usage").bool("enabled", default: true)

        try root.finish()
        var configuration = KioskConfiguration(
            file: url, kioskID: id, languages: languages, stringsDirectory: strings,
            idleTimeout: idleTimeout, idleWarning: idleWarning, stateDirectory: stateDir,
            screenDiagonalInches: diagonal, vsync: vsync, screenMode: mode, facing: facing,
            attractAfter: attractOn ? attractAfter : nil, speech: speech,
            homeCenter: GeoCoordinate(latitude: lat, longitude: lon), homeZoom: homeZoom, homeFitsRegion: homeFits,
            minZoom: minZoom, maxZoom: maxZoom, bounds: bounds, allowRotation: rotation,
            styleFile: style, contrastStyleFile: contrastStyle, regularFont: regular, boldFont: bold,
            arabicFont: arabic, arabicBoldFont: arabicBold, attribution: attribution,
            basemapSources: sources, townsFile: towns, staffPINHash: pinHash, staffHoldSeconds: hold,
            placeFiles: placeFiles, townHallsFile: townHalls, kioskLocation: here, coverage: coverage, outboxLimits: limits, lab: lab)
        configuration.usageEnabled = usageEnabled
        configuration.renderer = renderer
        return configuration
    }

    /// The folder of the place files: beside them, who publishes each (`sources.json`), the
    /// search's everyday words (`vocabulary.json`) and what acronyms mean (`glossary.json`).
    var placesFolder: URL? { placeFiles.first?.deletingLastPathComponent() }

    /// The search in visitors' words, with the vocabulary beside the place files (none: names,
    /// communes and addresses only). A vocabulary that does not read is an error naming it.
    func placeSearch() throws -> PlaceSearch {
        guard let file = placesFolder?.appendingPathComponent("vocabulary.json"),
              FileManager.default.fileExists(atPath: file.path) else { return PlaceSearch() }
        do {
            return try PlaceSearch(vocabularyJSON: Data(contentsOf: file))
        } catch {
            throw ConfigurationError(file: file.path, key: nil, value: nil, expected: "\(error)")
        }
    }

    /// What the acronyms and kinds of places in names mean (`glossary.json` beside the place
    /// files; none: cards explain nothing). A glossary that does not read is an error naming it.
    func placeGlossary() throws -> PlaceGlossary {
        guard let file = placesFolder?.appendingPathComponent("glossary.json"),
              FileManager.default.fileExists(atPath: file.path) else { return PlaceGlossary() }
        do {
            return try PlaceGlossary(json: Data(contentsOf: file))
        } catch {
            throw ConfigurationError(file: file.path, key: nil, value: nil, expected: "\(error)")
        }
    }

    /// Who publishes each place file, by the start of its name (`sources.json` beside them; none:
    /// cards name the files). A file that does not read is an error naming it.
    func sourceNames() throws -> [String: String] {
        guard let file = placesFolder?.appendingPathComponent("sources.json"),
              FileManager.default.fileExists(atPath: file.path) else { return [:] }
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
        } catch {
            throw ConfigurationError(file: file.path, key: nil, value: nil, expected: "an object of file-name starts and their publishers (\(error))")
        }
    }

    /// The property naming a source's features for the coverage shading: the communes' code.
    func shadeProperty(of source: String) -> String? {
        coverage.flatMap { $0.communeSource == source ? $0.communeCodeProperty : nil }
    }

    /// What the styles a visitor may see draw of a source: what is prepared, and what the
    /// basemap cache is keyed on.
    func needs(of source: String, styles: [MapStyle]) -> BasemapSource.Needs {
        BasemapSource.Needs.of(source, in: styles, shadeable: shadeProperty(of: source) != nil)
    }

    /// What the styles keep of an OpenStreetMap extract: the first style's `osm` section.
    func osmSelection(of source: String, styles: [MapStyle]) throws -> OSMSelection {
        guard let selection = styles.lazy.compactMap(\.osm).first, !selection.features.isEmpty else {
            throw ConfigurationError(file: file.path, key: "basemap.sources.\(source)", value: basemapSources[source]?.url.path,
                                     expected: "a style with an \"osm\" section saying what to keep of an OpenStreetMap extract (see assets/styles/calm.json)")
        }
        return selection
    }

    var constraints: CameraConstraints {
        CameraConstraints(west: bounds[0], south: bounds[1], east: bounds[2], north: bounds[3],
                          minZoom: minZoom, maxZoom: maxZoom, allowsRotation: allowRotation)
    }

    var kioskSettings: KioskSettings {
        var settings = KioskSettings(homeCenter: homeCenter, homeZoom: homeZoom, constraints: constraints,
                                     idleTimeout: idleTimeout, idleWarning: idleWarning,
                                     screenDiagonalInches: screenDiagonalInches, attribution: attribution)
        settings.homeFitsRegion = homeFitsRegion
        settings.screenMode = screenMode
        settings.facing = facing
        settings.attractAfter = attractAfter
        return settings
    }
}
