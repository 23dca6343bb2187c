import ArgumentParser
import Feedback
import Foundation
import Kiosk
import MapGeometry
import SDLBackend

/// `inclusion-map run`: the kiosk itself, or a headless replay of a recorded trace.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the kiosk full-screen (or windowed, or headless replaying a trace).")

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "A desktop window instead of full screen.")
    var windowed = false

    @Flag(name: .long, help: "SDL's dummy video driver and the software renderer (no display).")
    var headless = false

    @Option(name: .long, help: "The SDL renderer: auto, software, opengl or opengles2 (default: [screen] renderer).")
    var renderer: RendererChoice?

    @Flag(name: .long, inversion: .prefixedNo, help: "Wait for the display's vertical sync when presenting (default: [screen] vsync); benchmarks turn it off to measure the work of a frame.")
    var vsync: Bool?

    @Option(name: .long, help: "Window size as WxH (default: the display's size; 1920x1080 headless).")
    var size: String?

    @Option(name: .long, help: "Replay a JSON-lines input trace, then exit (needs --headless or a window).")
    var replay: String?

    @Option(name: .long, help: "With --replay: write frame statistics as JSON to this file.")
    var stats: String?

    @Option(name: .long, help: "With --replay: write one line per frame to this file: time, milliseconds, how the basemap was drawn, zoom, then the milliseconds of its stages (scene: the display list made; basemap: its part of draw, from tiles the pass that writes them with the markers and labels over them; draw; present).")
    var frameLog: String?

    @Option(name: .long, help: "With --replay: write the last frame as a PNG to this file.")
    var screenshot: String?

    @Flag(name: .long, help: "With --replay: play in real time, a frame each 1/60 s of wall-clock time as on a screen, so that work in the background (tiles, delivery) gets the time it would have live.")
    var realTime = false

    @Flag(name: .long, inversion: .prefixedNo, help: "With the software renderer, draw the basemap from tiles rendered ahead on a second thread.")
    var basemapTiles = true

    @Option(name: .long, help: "Record the live session's input as a trace to this file.")
    var record: String?

    @Option(name: .long, help: "Play the fingers of a JSON-lines trace into the running kiosk, from another thread at the trace's times counted from the first frame, as a touch screen would (measurement: the kiosk sleeps between them); other input in the trace is skipped.")
    var liveInput: String?

    @Option(name: .long, help: "With --live-input: when every finger has been shown, write their input-to-present times as JSON to this file.")
    var latency: String?

    @Option(name: .long, help: "Seconds at rest before the invitation starts, instead of [attract] after_s (replays, measurement).")
    var attractAfter: Double?

    /// Where the map starts (replays of a given view); the home view otherwise.
    @OptionGroup var view: MapViewOptions

    func validate() throws {
        if let size, Size(parsing: size) == nil {
            throw ValidationError("--size: expected WxH in pixels (e.g. 1920x1080), found \"\(size)\"")
        }
        if headless, let renderer, renderer.isAccelerated {
            throw ValidationError("--renderer \(renderer.rawValue) needs a display: --headless has only SDL's software renderer; use --windowed (under xvfb-run on a machine without a screen)")
        }
        if replay == nil && (stats != nil || screenshot != nil || realTime || frameLog != nil) {
            throw ValidationError("--stats, --frame-log, --screenshot and --real-time go with --replay")
        }
        if liveInput != nil && replay != nil {
            throw ValidationError("--live-input plays into the live kiosk; --replay drives frames itself: use one of them")
        }
        if latency != nil && liveInput == nil {
            throw ValidationError("--latency goes with --live-input")
        }
    }

    func run() throws {
        SignalMask.unblockTerminationSignals()
        let logger = common.logger("inclusion-map.run")
        var (configuration, stateDirectory) = try common.configurationAndState()
        if let attractAfter {
            guard attractAfter >= 0 else { throw ValidationError("--attract-after: expected seconds ≥ 0, found \(attractAfter)") }
            configuration.attractAfter = attractAfter
        }
        // A first start on a region's extract prepares it for minutes: systemd is kept informed.
        let notifier = SystemdNotifier()
        let assembly = try KioskAssembly(configuration: configuration, stateDirectory: stateDirectory, logger: logger,
                                         progress: notifier.isActive ? { notifier.preparing($0, $1) } : nil)

        let mode: WindowOptions.Mode = headless ? .headless : (windowed ? .windowed : .fullscreen)
        var requested = size.flatMap(Size.init(parsing:))
        if requested == nil && (headless || windowed) { requested = Size(width: 1920, height: 1080) }
        let clock = StageClock(logger: logger)
        let window = try clock.timed("window") { try SDLWindow(
            options: WindowOptions(mode: mode, size: requested, vsync: vsync ?? configuration.vsync, tiledBasemap: basemapTiles,
                                   renderer: headless ? .software : renderer ?? configuration.renderer),
            regularFont: configuration.regularFont.path, boldFont: configuration.boldFont.path,
            arabicFont: configuration.arabicFont?.path, arabicBoldFont: configuration.arabicBoldFont?.path) }
        let deliveries = DeliveryRunner(lab: configuration.lab, outboxPath: KioskData.outboxPath(stateDirectory),
                                        logger: logger)
        // Reading aloud, when configured and this machine has a voice and a sound device. A headless
        // run has no speakers: it opens one only when SDL_AUDIODRIVER names it (the tests' `disk`).
        let wantsSound = configuration.speech.enabled && (!headless || ProcessInfo.processInfo.environment["SDL_AUDIODRIVER"] != nil)
        let speech = wantsSound
            ? SpeechPlayer.make(voices: configuration.speech.voices, volume: configuration.speech.espeakVolume, logger: logger) : nil
        speech?.onEnded = { SDLEventSource.postWake() }
        speech?.onFirstSamples = { seconds in
            logger.debug("reading aloud: first samples queued", metadata: ["ms_since_asked": "\(String(format: "%.1f", seconds * 1000))"])
        }
        var kiosk = clock.timed("kiosk") {
            assembly.makeKiosk(viewport: window.pixelSize, measurer: window.textMeasurer, now: 0, wallClock: self.view.wallClock,
                               speech: speech != nil, coverageAfterFirstFrame: true)
        }
        clock.logTimings()
        if view.changesStart { try view.apply(to: &kiosk, configuration: configuration) }
        window.renderer.register(kiosk)
        let stateFolder = stateDirectory
        func effects(of assembly: KioskAssembly) -> KioskEffects {
            var effects = assembly.effects(logger: logger)
            effects.speech = speech
            effects.onFeedbackQueued = { deliveries.wake() }
            effects.syncNow = { deliveries.wake() }
            // Staff's "Recharger les données" takes SIGHUP's path: between frames, in the live loop.
            effects.reloadData = { SDLEventSource.requestReload() }
            effects.setKioskLocation = { location in
                do {
                    try KioskLocationFile.save(location, in: stateFolder)
                    logger.info("kiosk location set by staff", metadata: ["latitude": "\(location.latitude)", "longitude": "\(location.longitude)"])
                } catch {
                    logger.error("kiosk location not saved", metadata: ["error": "\(error)"])
                }
            }
            return effects
        }
        if let passedOver = window.passedOverRenderer {
            logger.notice("OpenGL draws on the CPU here (no GPU): using SDL's software renderer with tiles instead",
                          metadata: ["passed_over": "\(passedOver)"])
        }
        logger.info("kiosk ready", metadata: ["renderer": "\(window.rendererName)", "gpu": "\(window.graphicsDevice ?? "none")",
                                              "size": "\(window.pixelSize)"])
        if let lab = configuration.lab { logger.info("feedback goes to the lab database", metadata: ["lab": "\(lab.displayName)"]) }
        var current = assembly
        // A delivery in flight either commits and is marked, or is sent again at the next start:
        // stopping loses nothing (the outbox is only changed in transactions).
        deliveries.follow(assembly)
        defer {
            deliveries.follow(nil)
            current.usage?.flush()
        }

        if let replay {
            let text: String
            do { text = try String(contentsOfFile: replay, encoding: .utf8) } catch {
                throw CommandFailure(description: "trace \(replay) cannot be read (\(error.localizedDescription))")
            }
            let trace = try InputTrace(jsonLines: text, source: replay)
            let result = try ReplayDriver(realTime: realTime, frameLog: frameLog, afterFirstFrame: { kiosk in
                kiosk.prepareAhead()
                assembly.installCoverage(into: &kiosk)
            })
                .run(trace: trace, kiosk: kiosk, effects: effects(of: assembly), window: window, screenshot: screenshot)
            let report = FrameStatistics.Report(
                frames: result.statistics.frames,
                frame_ms: result.statistics.percentiles,
                first_frame_ms: (result.firstFrameMilliseconds * 10).rounded() / 10,
                peak_rss_mb: (ProcessMetrics.peakRSSMegabytes() * 10).rounded() / 10,
                camera_start: result.cameraStart, camera_end: result.cameraEnd,
                size: "\(Int(window.pixelSize.width))x\(Int(window.pixelSize.height))",
                renderer: window.rendererName, gpu: window.graphicsDevice, passed_over: window.passedOverRenderer,
                triangles_max: result.statistics.maxTriangles,
                basemap_frames: result.statistics.basemapFrames,
                rss_after_warmup_mb: (result.rssAfterWarmup * 100).rounded() / 100,
                rss_end_mb: (result.rssAtEnd * 100).rounded() / 100,
                open_fds_after_warmup: result.descriptorsAfterWarmup, open_fds_end: result.descriptorsAtEnd,
                panel: result.kiosk.panelDescription, listed_places: result.kiosk.listedPlaceIDs,
                interface_facing: result.kiosk.interfaceFacing.rawValue, panel_facing: result.kiosk.panelFacing.rawValue,
                language: result.kiosk.language,
                cpu_s: (result.cpuSeconds * 1000).rounded() / 1000, wall_s: (result.wallSeconds * 1000).rounded() / 1000,
                places: result.kiosk.placeLayer.directory.count,
                place_swaps_ms: result.placeSwapMilliseconds.map { ($0 * 10).rounded() / 10 },
                textures: window.renderer.textures, render_resets: result.renderResets)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let json = try encoder.encode(report)
            if let stats {
                try json.write(to: URL(fileURLWithPath: stats))
            } else {
                print(String(decoding: json, as: UTF8.self))
            }
            return
        }
        let configPath = try common.configurationPath()
        let view = self.view
        var loop = LiveLoop(
            window: window, logger: logger, recordPath: record, notifier: notifier,
            status: { current.statusLine() },
            isSick: { current.isSick },
            reload: { viewport, healing in
                // Healing reopens the data only; SIGHUP reads the configuration and its files again.
                let configuration = healing ? current.configuration : try KioskConfiguration.load(path: configPath)
                let assembly = try KioskAssembly(configuration: configuration, stateDirectory: stateDirectory, logger: logger,
                                                 reusing: healing ? current : nil)
                speech?.stop()
                var fresh = assembly.makeKiosk(viewport: viewport, measurer: window.textMeasurer, now: 0, wallClock: view.wallClock,
                                               speech: speech != nil && configuration.speech.enabled)
                if view.changesStart { try view.apply(to: &fresh, configuration: configuration) }
                fresh.prepareAhead()
                window.renderer.register(fresh)
                current.usage?.flush()
                current = assembly
                deliveries.follow(assembly)
                return (fresh, effects(of: assembly))
            }
        )
        if let liveInput {
            let text: String
            do { text = try String(contentsOfFile: liveInput, encoding: .utf8) } catch {
                throw CommandFailure(description: "trace \(liveInput) cannot be read (\(error.localizedDescription))")
            }
            loop.liveInput = LiveInputPlayer(trace: try InputTrace(jsonLines: text, source: liveInput))
            let latency = self.latency
            loop.onLiveInputPlayed = { report in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                guard let json = try? encoder.encode(report) else { return }
                if let latency {
                    do { try json.write(to: URL(fileURLWithPath: latency), options: .atomic) } catch {
                        logger.error("input-to-present figures not written", metadata: ["file": "\(latency)", "error": "\(error)"])
                    }
                }
                logger.info("live input played", metadata: ["fingers": "\(report.fingers)",
                    "input_to_present_ms_p50": "\(report.input_to_present_ms.p50)", "p99": "\(report.input_to_present_ms.p99)"])
            }
        }
        // Tests look sooner than every 30 s (a test double for time, like --at).
        if let seconds = ProcessInfo.processInfo.environment["INCLUSION_MAP_HEALTH_CHECK_S"].flatMap(Double.init), seconds >= 0.1 {
            loop.checkInterval = seconds
        }
        loop.afterFirstFrame = { kiosk in
            // On the other core while this one reads the communes.
            kiosk.prepareAhead()
            let afterFirstFrame = StageClock(logger: logger)
            afterFirstFrame.timed("coverage, after the first frame") { assembly.installCoverage(into: &kiosk) }
            afterFirstFrame.logTimings()
        }
        try loop.run(kiosk: kiosk, effects: effects(of: assembly))
        logger.info("stopped")
    }
}
