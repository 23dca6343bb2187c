import ArgumentParser
import Foundation
import Coverage
import Kiosk
import MapGeometry
import SDLBackend

/// `inclusion-map render`: one frame into a PNG (README screenshots, golden images): headless with
/// the software renderer, or through a GPU renderer in a window of the image's size.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one frame into a PNG file (headless, or through a GPU renderer with --renderer).")

    @OptionGroup var common: CommonOptions

    @OptionGroup var view: MapViewOptions

    @Option(name: .long, help: "The SDL renderer: software (default, headless), or opengl or opengles2, drawn in a window of the image's size on the display (xvfb-run will do).")
    var renderer: RendererChoice = .software

    @Option(name: .long, help: "Image size as WxH.")
    var size: String = "1920x1080"

    @Option(name: .long, help: "Output PNG file.")
    var out: String

    @Option(name: .long, help: "Open this place's card (its id).")
    var place: String?

    @Option(name: .long, help: "The open panel faces this edge (top: turned, as for a visitor across a table who opened it).")
    var panelFacing: Facing?

    @Flag(name: .long, help: "The invitation shown when nobody touches the kiosk (over its first town).")
    var attract = false

    @Flag(name: .long, help: "As a visitor who tapped \"Aa\": all text about 1.4 times larger.")
    var largeText = false

    @Flag(name: .long, help: "As a visitor who tapped the contrast button: the configuration's contrast_style.")
    var contrast = false

    @Option(name: .long, help: "Show the coverage view with this layer: distance, ifn or priority.")
    var coverage: CoverageLayer?

    @Option(name: .long, help: "In the coverage view, open this commune's card (its INSEE code).")
    var commune: String?

    func validate() throws {
        if Size(parsing: size) == nil { throw ValidationError("--size: expected WxH in pixels, found \"\(size)\"") }
        if renderer == .auto { throw ValidationError("--renderer: a still image names its renderer: software, opengl or opengles2") }
    }

    func run() throws {
        let logger = common.logger("inclusion-map.render")
        let (configuration, stateDirectory) = try common.configurationAndState()
        let assembly = try KioskAssembly(configuration: configuration, stateDirectory: stateDirectory, logger: logger)
        // The software renderer needs no display; an accelerated one draws in a real window.
        let mode: WindowOptions.Mode = renderer.isAccelerated ? .stillImage : .headless
        let window = try SDLWindow(options: WindowOptions(mode: mode, size: Size(parsing: size), vsync: false, tiledBasemap: false,
                                                          renderer: renderer),
                                   regularFont: configuration.regularFont.path, boldFont: configuration.boldFont.path,
                                   arabicFont: configuration.arabicFont?.path, arabicBoldFont: configuration.arabicBoldFont?.path)
        var kiosk = assembly.makeKiosk(viewport: window.pixelSize, measurer: window.textMeasurer, now: 0, wallClock: view.wallClock)
        kiosk.advance(to: 0, wallTime: Date())
        window.renderer.register(kiosk)
        try view.apply(to: &kiosk, configuration: configuration)
        if largeText { kiosk.activate(.largeText) }
        if contrast {
            guard kiosk.alternateMap != nil else { throw ValidationError("--contrast: the configuration has no basemap.contrast_style") }
            kiosk.activate(.contrast)
        }
        // Before the card opens: the map makes room for it on the side it is shown.
        if let panelFacing { kiosk.facePanels(panelFacing) }
        if let place {
            guard let index = kiosk.placeLayer.directory.index(ofID: place) else {
                throw ValidationError("--place \(place): no such place (see `inclusion-map places --search …`)")
            }
            kiosk.showPlace(index)
            if view.isSet { try view.apply(to: &kiosk, configuration: configuration) }
        }
        if let coverage {
            guard kiosk.coverage != nil else { throw CommandFailure(description: "--coverage: the configuration has no [coverage] section") }
            kiosk.showCoverage(layer: coverage)
        }
        if let commune {
            guard coverage != nil, let index = kiosk.coverage?.territories.index(ofCode: commune) else {
                throw ValidationError("--commune \(commune): expected the INSEE code of a commune of [coverage], with --coverage")
            }
            kiosk.showCommune(index)
        }
        if attract { kiosk.invite() }
        window.renderer.draw(kiosk.render())
        try window.renderer.capture().savePNG(path: out)
        logger.info("rendered", metadata: ["file": "\(out)", "size": "\(size)", "renderer": "\(window.rendererName)"])
    }
}

extension RendererChoice: ExpressibleByArgument {}
