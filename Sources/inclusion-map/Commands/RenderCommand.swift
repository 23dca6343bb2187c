import ArgumentParser
import Foundation
import Kiosk
import MapGeometry
import SDLBackend

/// `inclusion-map render`: one frame, headless, into a PNG (README screenshots, golden images).
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one frame headless into a PNG file.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Map centre as LAT,LON (default: the configured home view).")
    var center: String?

    @Option(name: .long, help: "Zoom level (web-map convention; default: the configured home zoom).")
    var zoom: Double?

    @Option(name: .long, help: "Image size as WxH.")
    var size: String = "1920x1080"

    @Option(name: .long, help: "Interface language (a code from kiosk.languages).")
    var language: String?

    @Option(name: .long, help: "Output PNG file.")
    var out: String

    func validate() throws {
        if Size(parsing: size) == nil { throw ValidationError("--size: expected WxH in pixels, found \"\(size)\"") }
        if let center, GeoCoordinate(parsing: center) == nil {
            throw ValidationError("--center: expected LAT,LON in degrees (e.g. 50.63,3.06), found \"\(center)\"")
        }
        if let zoom, !(0...22).contains(zoom) { throw ValidationError("--zoom: expected 0…22, found \(zoom)") }
    }

    func run() throws {
        let logger = common.logger("inclusion-map.render")
        let configuration = try common.loadConfiguration()
        let stateDirectory = try StateDirectory.resolve(option: common.stateDir, configured: configuration.stateDirectory)
        let assembly = try KioskAssembly(configuration: configuration, stateDirectory: stateDirectory, logger: logger)
        let window = try SDLWindow(options: WindowOptions(mode: .headless, size: Size(parsing: size)),
                                   regularFont: configuration.regularFont.path, boldFont: configuration.boldFont.path)
        var kiosk = assembly.makeKiosk(viewport: window.pixelSize, measurer: window.textMeasurer, now: 0)
        if let language {
            guard configuration.languages.contains(language) else {
                throw ValidationError("--language: expected one of \(configuration.languages.joined(separator: ", ")), found \"\(language)\"")
            }
            kiosk.setLanguage(language)
        }
        kiosk.show(center: center.flatMap(GeoCoordinate.init(parsing:)) ?? configuration.homeCenter,
                   zoom: zoom ?? configuration.homeZoom)
        window.draw(kiosk.render())
        try window.capture().savePNG(path: out)
        logger.info("rendered", metadata: ["file": "\(out)", "size": "\(size)"])
    }
}
