import Coverage
import Feedback
import Foundation
import Kiosk
import Places
import Logging
import MapGeometry
import MapScene

/// Loads what the configuration names (style, strings, basemap sources) and builds the pieces the
/// kiosk is made of. All file reading happens here, before the first frame, but for the coverage
/// view's communes, which the live kiosk reads just after it (see `installCoverage`).
struct KioskAssembly {
    let configuration: KioskConfiguration
    let style: MapStyle
    /// The other style a visitor may switch to (`basemap.contrast_style`), if any.
    let contrastStyle: MapStyle?
    let catalog: StringCatalog
    let basemap: PreparedBasemap
    let timings: [(stage: String, milliseconds: Double)]
    /// What preparation produced, when it ran (nil when the cache was used).
    let report: BasemapPreparer.Report?
    /// Why the prepared basemap could not be kept for the next start (a full disk…): it is
    /// prepared again then.
    private(set) var cacheFault: StorageFault?
    /// Why the basemap's source files were refused, when the basemap prepared from earlier ones
    /// is shown instead (a damaged new download): `prepare` fails with it, the kiosk runs on.
    let refusedSources: String?
    /// The place store and what it holds now (loaded once per start or reload).
    let placeStore: PlaceStore?
    let places: PlaceDirectory
    let placeSummary: PlaceStore.Summary?
    /// Why the places could only be read (a full or read-only disk…): imports wait until it heals.
    let placeFault: StorageFault?
    /// Visitors' answers, until the lab has them.
    let outbox: Outbox?
    /// Why the outbox could not be opened: the kiosk then runs without the form (answers already
    /// queued stay in the file, untouched, for staff to recover), and says so in STATUS=.
    let outboxError: String?
    /// Where the kiosk stands: set by staff on the map, else the configuration's.
    let kioskLocation: GeoCoordinate?
    /// Reads the communes for the coverage view when first asked for (see `territories()`); nil
    /// without `[coverage]`.
    private let territoriesLoad: BackgroundLoad<TerritoryTable?>?
    /// The search in visitors' words (the vocabulary beside the place files).
    let placeSearch: PlaceSearch
    /// Who publishes each place file (beside them).
    let sourceNames: [String: String]
    let placeGlossary: PlaceGlossary
    /// The places as they change while the kiosk runs (a dataset from the lab).
    let livePlaces: LivePlaces
    /// Queues usage events (nil when `[usage]` is off or the outbox could not be opened).
    let usage: UsageRecorder?

    /// `previous`: the running assembly, whose style, strings and prepared basemap are kept (the
    /// machine healed; the configuration did not change): only the data on disk are opened again.
    /// `progress`: told the stage and the share done while an OpenStreetMap extract is read
    /// (`prepare` shows it on a terminal).
    init(configuration: KioskConfiguration, stateDirectory: URL?, logger: Logger, reusing previous: KioskAssembly? = nil,
         progress: ((String, Double) -> Void)? = nil) throws {
        self.configuration = configuration
        // A vocabulary that does not read is refused like any configuration file, naming it.
        placeSearch = try configuration.placeSearch()
        sourceNames = try configuration.sourceNames()
        placeGlossary = try configuration.placeGlossary()
        let clock = StageClock(logger: logger)
        func timed<T>(_ stage: String, _ work: () throws -> T) rethrows -> T { try clock.timed(stage, work) }
        // The places load on another core meanwhile (the two take about as long; each waits on the disk and the CPU).
        let placesLoad = stateDirectory.map { directory in
            BackgroundLoad { [configuration] in try KioskData.loadPlaces(configuration: configuration, stateDirectory: directory, logger: logger) }
        }
        // The coverage view's communes, which no first frame needs: read when first asked for,
        // so that they take no core from the first frame.
        if let previous {
            territoriesLoad = previous.territoriesLoad
        } else {
            territoriesLoad = configuration.coverage.map { _ in
                BackgroundLoad(deferred: true) { [configuration] in
                    do {
                        return try CoverageSetup.territories(configuration, logger: logger)
                    } catch {
                        logger.error("coverage view off: its files were refused", metadata: ["error": "\(error)"])
                        return nil
                    }
                }
            }
        }
        if let previous {
            // The machine healed (the live loop reopens the data): the map and the words are as they were.
            style = previous.style
            contrastStyle = previous.contrastStyle
            catalog = previous.catalog
            basemap = previous.basemap
            report = nil
            cacheFault = previous.cacheFault
            refusedSources = previous.refusedSources
        } else {
            // One style serves every region: layers whose source this site does not have are left out.
            func load(_ file: URL) throws -> MapStyle {
                var style = try timed("style") { try MapStyle.load(from: file) }
                let missing = style.layers.filter { configuration.basemapSources[$0.source] == nil }
                if !missing.isEmpty {
                    logger.info("style layers without a source here are not drawn",
                                metadata: ["style": "\(style.name)", "layers": "\(missing.map(\.id).joined(separator: ","))"])
                    style.layers.removeAll { configuration.basemapSources[$0.source] == nil }
                }
                return style
            }
            let style = try load(configuration.styleFile)
            self.style = style
            contrastStyle = try configuration.contrastStyleFile.map(load)
            let styles = [style] + (contrastStyle.map { [$0] } ?? [])
            catalog = try timed("strings") {
                try StringCatalog.load(directory: configuration.stringsDirectory, languages: configuration.languages)
            }
            let cache = stateDirectory.map(BasemapCache.init(directory:))
            let key = try timed("hash sources") { try BasemapCache.key(for: configuration, styles: styles) }
            if let cached = timed("load cache", { cache?.load(key: key) }) {
                basemap = cached
                report = nil
                refusedSources = nil
            } else {
                do {
                    let (prepared, report) = try Self.prepareBasemap(configuration: configuration, styles: styles, clock: clock,
                                                                      logger: logger, progress: progress)
                    basemap = prepared
                    self.report = report
                    if let cache {
                        do {
                            try timed("write cache") { try cache.store(prepared, key: key) }
                        } catch {
                            let fault = error as? StorageFault ?? StorageFault.classify(error, path: cache.file.path)
                            cacheFault = fault
                            logger.warning("basemap cache not written; it is prepared again at the next start", metadata: ["fault": "\(fault)"])
                        }
                    }
                    refusedSources = nil
                } catch {
                    // A new download that is damaged must not leave the table without a map: the
                    // basemap prepared from the previous files stays, and the refusal is said.
                    guard let stale = timed("load previous cache", { cache?.loadPrevious() }) else { throw error }
                    basemap = stale
                    report = nil
                    refusedSources = "\(error)"
                    logger.error("basemap sources refused: the basemap prepared from the previous files is shown until they are fixed",
                                 metadata: ["error": "\(error)"])
                }
            }
        }
        kioskLocation = stateDirectory.flatMap(KioskLocationFile.load) ?? configuration.kioskLocation
        if let stateDirectory, let placesLoad {
            let loaded = try timed("wait for places") { try placesLoad.wait() }
            for (stage, milliseconds) in loaded.timings { clock.record(stage, milliseconds: milliseconds) }
            placeStore = loaded.store
            places = loaded.places
            placeSummary = loaded.summary
            placeFault = loaded.fault
            do {
                outbox = try KioskData.outbox(configuration: configuration, stateDirectory: stateDirectory)
                outboxError = nil
            } catch {
                outbox = nil
                outboxError = "\(error)"
                logger.critical("feedback outbox unavailable: the form is off until it is repaired (the file is left as it is)",
                                metadata: ["error": "\(error)"])
            }
        } else {
            outboxError = nil
            placeStore = nil
            places = PlaceDirectory(places: [])
            placeSummary = nil
            placeFault = nil
            outbox = nil
        }
        livePlaces = LivePlaces(summary: placeSummary)
        usage = configuration.usageEnabled ? outbox.map { UsageRecorder(outbox: $0, kioskID: configuration.kioskID, logger: logger) } : nil
        timings = clock.timings
        clock.logTimings()
    }

    /// The places could only be read, or the outbox not opened, for a fault of the machine.
    var isSick: Bool { placeFault != nil || outboxError != nil }

    /// `STATUS=` and the staff screen: places, data date, the feedback queue.
    func statusLine() -> String {
        let summary = livePlaces.summary
        var parts = ["\(summary?.places ?? places.count) places"]
        if let date = summary?.dataDate { parts[0] += " (data \(date)\(summary?.dataVersion.map { ", version \($0)" } ?? ""))" }
        if let placeFault { parts.append("places read-only: \(placeFault)") }
        if let outboxError { parts.append("feedback outbox unavailable: \(outboxError)") }
        if let outbox, let counts = try? outbox.counts() {
            parts.append("feedback: \(counts.pending) pending, \(counts.quarantined) quarantined, \(counts.delivered) delivered")
            if let sync = try? outbox.syncState(), let error = sync.lastError { parts.append("last sync error: \(error)") }
        }
        return parts.joined(separator: "; ")
    }

    /// The shell's side of the kiosk's effects, on this assembly's outbox and place store.
    func effects(logger: Logger) -> KioskEffects {
        var effects = KioskEffects(outbox: outbox, placeStore: placeStore, logger: logger)
        effects.usage = usage
        effects.livePlaces = livePlaces
        effects.staffReport = { location in staffReport(kioskLocation: location) }
        return effects
    }

    /// What the staff screen lists, read now: versions, basemap and data, where the kiosk stands,
    /// the feedback queue, the configuration file.
    func staffReport(kioskLocation location: GeoCoordinate?) -> [StaffReportLine] {
        let uptime = Int(ProcessMetrics.millisecondsSinceProcessStart() / 1000)
        let sourcesDate = configuration.basemapSources.values.compactMap {
            (try? FileManager.default.attributesOfItem(atPath: $0.url.path))?[.modificationDate] as? Date
        }.max()
        var lines = [
            StaffReportLine("Version", InclusionMap.version),
            StaffReportLine("En service depuis", String(format: "%d h %02d min", uptime / 3600, uptime / 60 % 60)),
            StaffReportLine("Fond de carte", "\(basemap.sources.count) couches, style \(style.name), données du \(sourcesDate.map { $0.formatted(date: .numeric, time: .omitted) } ?? "?")"),
            StaffReportLine("Noms de villes", "\(basemap.towns.count)"),
            StaffReportLine("Lieux", "\(livePlaces.summary?.places ?? places.count), données du \(livePlaces.summary?.dataDate ?? "?")"
                            + (livePlaces.summary?.dataVersion.map { ", version \($0) du labo" } ?? ", fichiers locaux")),
            StaffReportLine("Borne", location.map { String(format: "%.5f, %.5f", $0.latitude, $0.longitude) } ?? "non placée (centre de la carte)"),
        ]
        if let refusedSources { lines.insert(StaffReportLine("Fond de carte", "fichiers refusés, carte précédente : \(String(refusedSources.prefix(80)))"), at: 3) }
        lines += Self.feedbackReport(outbox).map { StaffReportLine($0.0, $0.1) }
        if let placeFault { lines.append(StaffReportLine("Lieux", "lecture seule : \(String(placeFault.description.prefix(80)))")) }
        if let outboxError { lines.append(StaffReportLine("Avis", "file indisponible : \(String(outboxError.prefix(80)))")) }
        lines.append(StaffReportLine("Configuration", configuration.file.path))
        return lines
    }

    /// The communes for the coverage view, read now if they were not (waits for them); nil without
    /// `[coverage]`, or when its files are refused (the kiosk then runs without the view, and the
    /// log says why).
    func territories() -> TerritoryTable? {
        (try? territoriesLoad?.wait()) ?? nil
    }

    /// Gives the kiosk its coverage view (see `makeKiosk`'s `coverageAfterFirstFrame`).
    func installCoverage(into kiosk: inout Kiosk) {
        guard let files = configuration.coverage else { return }
        kiosk.setCoverage(territories(), source: files.communeSource)
    }

    /// `speech`: the shell can read aloud ("Écouter" shows).
    /// `coverageAfterFirstFrame`: the coverage view's button is laid out, but its communes are
    /// read and its figures made once the shell calls `installCoverage`, after the first frame.
    func makeKiosk(viewport: Size, measurer: any TextMeasuring, now: Double, wallClock: WallClock = .system, speech: Bool = false,
                   coverageAfterFirstFrame: Bool = false) -> Kiosk {
        var settings = configuration.kioskSettings
        settings.wallClock = wallClock
        settings.speech = speech
        settings.kioskLocation = kioskLocation
        settings.placeSearch = placeSearch
        settings.sourceNames = sourceNames
        settings.placeGlossary = placeGlossary
        settings.usage = usage != nil
        // The form is offered even when the outbox cannot be opened (a full or read-only disk):
        // the visitor is then told plainly that answers cannot be kept now.
        if outbox != nil || outboxError != nil {
            settings.feedback = FeedbackIdentity(kioskID: configuration.kioskID, appVersion: InclusionMap.version)
        }
        if let hash = configuration.staffPINHash {
            settings.staff = StaffAccess(holdSeconds: configuration.staffHoldSeconds, verifyPIN: { PINHash.verify(pin: $0, against: hash) })
        }
        // Town names as tall in millimetres on a 55-inch 4K table as on a 43-inch full HD one.
        let labelScale = ScreenMetrics(diagonalInches: configuration.screenDiagonalInches, resolution: viewport).labelScale
        func sized(_ style: MapStyle) -> MapStyle {
            var copy = style
            copy.labels = style.labels?.scaled(by: labelScale)
            return copy
        }
        var kiosk = Kiosk(settings: settings, map: MapRenderer(basemap: basemap, style: sized(style), measurer: measurer), catalog: catalog,
                          measurer: measurer, viewport: viewport, now: now)
        kiosk.setPlaces(places)
        if coverageAfterFirstFrame {
            if configuration.coverage != nil { kiosk.awaitCoverage() }
        } else {
            installCoverage(into: &kiosk)
        }
        if let contrastStyle { kiosk.setAlternateMap(MapRenderer(basemap: basemap, style: sized(contrastStyle), measurer: measurer)) }
        return kiosk
    }

    /// The queue as staff read it: counts, last delivery, last error.
    static func feedbackReport(_ outbox: Outbox?) -> [(String, String)] {
        guard let outbox, let counts = try? outbox.counts(), let sync = try? outbox.syncState() else { return [] }
        var lines = [("Avis", "\(counts.pending) en attente, \(counts.quarantined) mis de côté, \(counts.delivered) envoyés")]
        lines.append(("Dernier envoi", sync.lastSyncAt.map { $0.formatted(date: .numeric, time: .shortened) } ?? "jamais"))
        if let error = sync.lastError { lines.append(("Dernière erreur", String(error.prefix(90)))) }
        if counts.quarantined > 0, let reason = (try? outbox.entries(.quarantined))?.last?.lastError {
            lines.append(("Refus du labo", String(reason.prefix(90))))
        }
        return lines
    }
}
