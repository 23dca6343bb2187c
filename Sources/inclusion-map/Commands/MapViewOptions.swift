import ArgumentParser
import Kiosk
import MapGeometry

/// `--center LAT,LON --zoom Z`: where the map looks, for `render` and for replays of a given view;
/// with the facing and the language the kiosk starts in.
struct MapViewOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Map centre as LAT,LON (default: the configured home view).")
    var center: String?

    @Option(name: .long, help: "Zoom level, web-map convention (default: the configured home zoom).")
    var zoom: Double?

    @Option(name: .long, help: "The time the kiosk believes it is, ISO 8601 (for reproducible \"open now\" in screenshots and replays; default: the clock).")
    var at: String?

    @Option(name: .long, help: "The long edge the interface faces: bottom (as on a wall) or top (turned by 180°, for visitors across a table).")
    var facing: Facing?

    @Option(name: .long, help: "Interface language at start, a code from kiosk.languages (default: the first; a visitor's idle reset returns to it).")
    var language: String?

    func validate() throws {
        if let at { _ = try OpenAtParser.parse(at) }
        if let center, GeoCoordinate(parsing: center) == nil {
            throw ValidationError("--center: expected LAT,LON in degrees (e.g. 50.63,3.06), found \"\(center)\"")
        }
        if let zoom, !(0...22).contains(zoom) { throw ValidationError("--zoom: expected 0…22, found \(zoom)") }
    }

    /// A view other than the configured home view was asked for.
    var isSet: Bool { center != nil || zoom != nil }
    /// Something of the kiosk's start differs from the configuration (a view, the facing, the language).
    var changesStart: Bool { isSet || facing != nil || language != nil }

    /// The wall clock the kiosk uses: fixed from `--at`, else the system's.
    var wallClock: WallClock {
        guard let at, let date = try? OpenAtParser.parse(at) else { return .system }
        return .fixed(start: date)
    }

    /// Points the kiosk's map at the requested view, the configured home view filling the gaps,
    /// and speaks the requested language, which must be one the configuration offers.
    func apply(to kiosk: inout Kiosk, configuration: KioskConfiguration) throws {
        if let language {
            guard configuration.languages.contains(language) else {
                throw ValidationError("--language: expected one of \(configuration.languages.joined(separator: ", ")), found \"\(language)\"")
            }
            kiosk.setLanguage(language)
        }
        let home = kiosk.homeCamera
        kiosk.show(center: center.flatMap(GeoCoordinate.init(parsing:)) ?? home.coordinate, zoom: zoom ?? home.zoom)
        if let facing { kiosk.setRestingFacing(facing) }
    }
}

extension Facing: ExpressibleByArgument {}
