import Foundation
import MapGeometry
import MapScene
import Places

/// The kiosk's state machine: ``InputEvent``s, effect results and the passing of time in, a
/// ``DisplayList`` and ``KioskEffect``s out.
///
/// It does no I/O and reads no clock: the shell feeds it events with their times (seconds on a
/// monotonic clock, and the wall time as a snapshot per step), carries out the effects it asks
/// for (store an answer, search the place store…) and hands their results back, and draws what
/// ``render()`` returns, only when ``needsRedraw`` says so.
///
/// ```swift
/// var kiosk = Kiosk(settings: settings, map: renderer, catalog: catalog, viewport: size, now: 0)
/// kiosk.handle(.fingerDown(id: 1, position: p), at: 0.5)
/// kiosk.advance(to: 0.52, wallTime: Date())
/// for effect in kiosk.takeEffects() { shell.perform(effect, feedingResultsTo: &kiosk) }
/// if kiosk.needsRedraw { backend.draw(kiosk.render()); kiosk.frameShown() }
/// ```
public struct Kiosk: Sendable {
    public internal(set) var settings: KioskSettings
    /// The basemap and style the visitor sees: the configured one, or the other style when they
    /// asked for it (see ``alternateMap``).
    public var map: MapRenderer { visitor.otherStyle ? alternateMap ?? configuredMap : configuredMap }
    /// The configured basemap and style.
    public let configuredMap: MapRenderer
    /// The same basemap in the other style (high contrast on a calm kiosk): the contrast button
    /// shows only when there is one.
    public internal(set) var alternateMap: MapRenderer?

    /// How much larger "Aa" makes the text.
    public static let largeTextScale = 1.4
    public let catalog: StringCatalog
    public let measurer: any TextMeasuring

    public internal(set) var cameraController: CameraController
    public internal(set) var idle: IdlePhase = .atRest
    /// Since when nobody has touched the kiosk after its last reset (the invitation's clock).
    var restingSince = 0.0
    /// The invitation's tour of the map, while it is on.
    var attract: AttractTour?
    public internal(set) var needsRedraw = true
    public private(set) var viewport: Size
    public private(set) var metrics: ScreenMetrics
    public private(set) var layout: HomeLayout

    /// What the current visitor did; a fresh value at each idle reset.
    public internal(set) var visitor: Visitor
    /// Fingers on the screen and what they started: all let go at each idle reset.
    var touches: TouchState
    /// The staff screens' state; closed at each idle reset (a PIN lockout stays in force).
    var staff = StaffSession()
    /// Wrong PINs since the last success or lockout.
    public internal(set) var pinFailures = 0
    public internal(set) var pinLockedUntil: Double?
    var pendingEffects: [KioskEffect] = []
    /// The visit usage events are counted for (nil at rest, or when the shell wants none).
    var usageVisit: UsageVisit?
    var now = 0.0
    /// The wall time at a kiosk time, as the shell last said (see ``advance(to:wallTime:)``).
    var wallAnchor: (kioskTime: Double, date: Date)?

    /// The places, their categories and their clusters for the visitor's filter.
    public internal(set) var placeLayer: PlaceLayer = .empty
    /// Clusters of the places the visitor's filter lets through, per whole zoom level.
    var clusterLevels = ClusterLevels.empty
    /// Whether new cluster levels and search words are made ahead on a spare core (see
    /// ``prepareAhead()``).
    var preparesAhead = false
    /// The coverage view's territories and figures; nil when the site configures none.
    public internal(set) var coverage: CoverageModel?
    /// The site has a coverage view whose territories the shell gives later (see
    /// ``awaitCoverage()``): its button is laid out meanwhile, and does nothing yet.
    var coverageAwaited = false
    /// Whether the outbox takes answers now (the shell says, see ``EffectResult/feedbackIntake(hasRoom:)``).
    public internal(set) var feedbackHasRoom = true
    /// What the visitor's panels show, placed on screen (derived from the state).
    public internal(set) var visitorView = VisitorView.empty
    var viewMinute = 0

    public var language: String { visitor.language }
    public var panel: VisitorPanel { visitor.panel }
    public var chips: Set<FilterChip> { visitor.chips }
    public var nearbyOrigin: GeoCoordinate? { visitor.nearbyOrigin }
    /// The control under a finger that went down on it, highlighted until the finger lifts.
    public var pressed: Control? { touches.pressed }
    public var screen: KioskScreen { staff.screen }
    public var pinEntry: String { staff.pinEntry }
    public var staffLines: [String] { staff.lines }
    /// The place whose card is open, drawn highlighted.
    public var selectedPlace: Int? { if case .details(let i) = visitor.panel { return i } else { return nil } }
    /// The open form, if any.
    public var form: FeedbackForm? { if case .feedback(let f) = visitor.panel { return f } else { return nil } }
    public var searchText: String { visitor.search.text }
    public var searchResults: [Int] { visitor.search.results }
    public var missingPlace: MissingPlaceReport? { if case .missingPlace(let r) = visitor.panel { return r } else { return nil } }

    /// Seconds left on the idle warning, as last shown.
    public private(set) var countdown: Int?

    public init(settings: KioskSettings, map: MapRenderer, catalog: StringCatalog,
                measurer: any TextMeasuring = EstimatedTextMeasurer(), viewport: Size, now: Double) {
        self.settings = settings
        self.configuredMap = map
        self.catalog = catalog
        self.measurer = measurer
        self.viewport = viewport
        self.now = now
        self.restingSince = now
        self.visitor = Visitor(language: catalog.defaultLanguage)
        let metrics = ScreenMetrics(diagonalInches: settings.screenDiagonalInches, resolution: viewport)
        self.metrics = metrics
        self.touches = TouchState(metrics: metrics)
        self.feedbackHasRoom = settings.feedback != nil
        self.cameraController = CameraController(
            camera: Camera(coordinate: settings.homeCenter, zoom: settings.homeZoom, viewport: viewport),
            constraints: settings.constraints)
        self.layout = HomeLayout(viewport: viewport, metrics: metrics, measurer: measurer, labels: .none,
                                 title: "", subtitle: "", attribution: "")
        relayout()
        if settings.homeFitsRegion { cameraController.set(homeCamera) }
    }

    public var camera: Camera { cameraController.camera }

    /// The camera a visitor finds when they arrive.
    public var homeCamera: Camera {
        guard settings.homeFitsRegion else {
            return settings.constraints.clamp(Camera(coordinate: settings.homeCenter, zoom: settings.homeZoom, viewport: viewport))
        }
        // The region about the home centre, in the part of the map the title and the chips leave.
        let gap = metrics.px(4)
        let top = layout.titlePanel.maxY + gap, bottom = layout.chipsTop - gap
        let free = Size(width: viewport.width - 2 * gap, height: max(bottom - top, viewport.height / 3))
        let c = WebMercator.project(settings.homeCenter), b = settings.constraints.bounds
        let halfWidth = max(c.x - b.minX, b.maxX - c.x), halfHeight = max(c.y - b.minY, b.maxY - c.y)
        let zoom = settings.constraints.clampZoom(log2(min(free.width / (2 * halfWidth), free.height / (2 * halfHeight))))
        let camera = Camera(center: c, zoom: zoom, viewport: viewport)
        return camera.moving(from: viewport.center, to: Point(x: viewport.width / 2, y: top + free.height / 2), within: settings.constraints)
    }

    /// Points the map somewhere (render command, staff tools); the constraints still apply.
    public mutating func show(center: GeoCoordinate, zoom: Double, bearing: Double = 0) {
        cameraController.set(Camera(coordinate: center, zoom: zoom, bearing: bearing, viewport: viewport))
        needsRedraw = true
    }

    /// The language button's word: the other language's own name when there are two (one tap
    /// switches), the current one's when a picker opens.
    public var languageButtonLabel: String {
        catalog.languages.count > 2 ? catalog.text(.languageName, language) : catalog.text(.languageSwitch, language)
    }

    /// Offers the other style (the contrast button): the same prepared basemap, drawn with it.
    public mutating func setAlternateMap(_ alternate: MapRenderer?) {
        alternateMap = alternate
        if alternate == nil { visitor.otherStyle = false }
        relayout()
        needsRedraw = true
    }

    /// Switches the interface language (a code of the catalog).
    public mutating func setLanguage(_ code: String) {
        guard catalog.languages.contains(code) else { return }
        visitor.language = code
        relayout()
        needsRedraw = true
    }

    // MARK: input

    public mutating func handle(_ event: InputEvent, at time: Double) {
        if case .resize(let size) = event {
            resize(to: size)
            return
        }
        if endAttract(by: event, at: time) {
            beginVisitIfNeeded(by: event)
            return
        }
        let event = interfacePoint(event)
        // The first touch during the warning only dismisses it.
        if case .warning = idle {
            idle = .inUse(lastTouch: time)
            countdown = nil
            needsRedraw = true
            if case .fingerDown = event { return }
            if case .mouseDown = event { return }
        }
        idle = .inUse(lastTouch: time)
        now = time
        beginVisitIfNeeded(by: event)
        if staff.screen == .pinPad || staff.screen == .staff {
            handleStaff(event)
            return
        }
        let visitorBefore = visitor
        defer {
            followPanelForSpeech(from: visitorBefore.panel)
            noteUsage(since: visitorBefore)
        }

        switch event {
        case .fingerDown(let id, let p): pointerDown(id: id, at: p, time: time)
        case .fingerMotion(let id, let p): pointerMotion(id: id, at: p, time: time)
        case .fingerUp(let id, let p): pointerUp(id: id, at: p, time: time)
        case .mouseDown(let p): pointerDown(id: InputEvent.mouseFingerID, at: p, time: time)
        case .mouseMotion(let p): pointerMotion(id: InputEvent.mouseFingerID, at: p, time: time)
        case .mouseUp(let p): pointerUp(id: InputEvent.mouseFingerID, at: p, time: time)
        case .wheel(let notches, let p):
            cameraController.move(from: p, to: p, zoomDelta: notches * 0.5)
            needsRedraw = true
        case .key(let key): press(key)
        case .resize: break
        }
    }

    /// The control under a point: the visitor's panels first, then the bar and chips.
    func interfaceControl(at p: Point) -> Control? {
        let p = layoutPoint(p)
        if let control = visitorView.control(at: p) { return control }
        return visitorView.modal ? nil : layout.control(at: p)
    }

    func isOverInterface(_ p: Point) -> Bool {
        let p = layoutPoint(p)
        return visitorView.covers(p) || layout.isOverInterface(p)
    }

    /// Whether the interface reads right to left (Arabic). It is laid out left to right as in
    /// every other language, then shown reflected (``MapScene/DisplayList/mirrored(within:)``),
    /// so a touch is reflected the same way before it meets a control. The map is not.
    public var readsRightToLeft: Bool { StringCatalog.isRightToLeft(language) }

    /// A point of the interface as its layout has it (the inverse of its reflection, which is itself).
    func layoutPoint(_ p: Point) -> Point {
        readsRightToLeft ? Point(x: viewport.width - p.x, y: p.y) : p
    }

    /// Where a rectangle of the layout is shown.
    func shownRect(_ r: Rect) -> Rect {
        readsRightToLeft ? Rect(x: viewport.width - r.maxX, y: r.y, width: r.width, height: r.height) : r
    }

    private mutating func pointerDown(id: Int, at p: Point, time: Double) {
        // Any touch but on the control reading aloud stops the reading.
        if let speaking = visitor.speaking, interfaceControl(at: p) != .listen(speaking) {
            stopSpeaking()
            refreshVisitorView()
            needsRedraw = true
        }
        if isOverInterface(p) && touches.recognizer.activeFingerCount == 0 {
            let control = interfaceControl(at: p)
            touches.interfaceFingers[id] = control
            if touches.pressed == nil, let control {
                touches.pressed = control
                needsRedraw = true
            }
            return
        }
        apply(touches.recognizer.fingerDown(id: id, at: p, time: time))
        // Three fingers resting together start the staff gesture (see advance(to:)).
        if settings.staff != nil && touches.recognizer.activeFingerCount == 3 && id != InputEvent.mouseFingerID {
            touches.staffHoldSince = time
        }
    }

    private mutating func pointerMotion(id: Int, at p: Point, time: Double) {
        if let control = touches.interfaceFingers[id] {
            // Sliding off a button cancels it, as on any touch screen.
            let stillOn = control != nil && interfaceControl(at: p) == control
            if touches.pressed != nil && !stillOn && touches.pressed == control {
                touches.pressed = nil
                needsRedraw = true
            }
            return
        }
        apply(touches.recognizer.fingerMotion(id: id, to: p, time: time))
        if touches.staffHoldSince != nil && touches.recognizer.maxTravel > metrics.px(6) { touches.staffHoldSince = nil }
    }

    private mutating func pointerUp(id: Int, at p: Point, time: Double) {
        if let control = touches.interfaceFingers.removeValue(forKey: id) {
            if let control, touches.pressed == control, interfaceControl(at: p) == control {
                facePanels(towardTouchAt: p)
                activate(control)
            }
            if touches.pressed == control { touches.pressed = nil }
            needsRedraw = true
            return
        }
        apply(touches.recognizer.fingerUp(id: id, at: p, time: time))
        if touches.recognizer.activeFingerCount < 3 { touches.staffHoldSince = nil }
    }

    private mutating func apply(_ actions: [GestureAction]) {
        for action in actions {
            switch action {
            case .touchBegan:
                cameraController.stop()
            case .move(let from, let to, let zoomDelta, let rotationDelta):
                cameraController.move(from: from, to: to, zoomDelta: zoomDelta, rotationDelta: rotationDelta)
            case .fling(let velocity):
                cameraController.fling(velocity: velocity)
            case .tap(let p):
                facePanels(towardTouchAt: p)
                tapMap(at: p)
            case .doubleTap(let p):
                cameraController.animateZoom(by: 1, around: p)
            case .twoFingerTap(let p):
                cameraController.animateZoom(by: -1, around: p)
            }
            needsRedraw = true
        }
    }

    public mutating func activate(_ control: Control) {
        let center = mapCenter
        switch control {
        case .zoomIn: cameraController.animateZoom(by: 1, around: center)
        case .zoomOut: cameraController.animateZoom(by: -1, around: center)
        case .home: cameraController.set(homeCamera)
        case .language where catalog.languages.count > 2:
            // Each language by its own name: a visitor recognises theirs without reading ours.
            visitor.panel = visitor.panel == .languages ? .none : .languages
            refreshVisitorView()
        case .language:
            visitor.language = catalog.language(after: visitor.language)
            relayout()
        case .setLanguage(let code):
            if visitor.panel == .languages { visitor.panel = .none }
            setLanguage(code)
        case .coverage, .coverageLayer, .coverageMoment:
            activateCoverageControl(control)
        case .listen(let target):
            toggleSpeech(target)
            refreshVisitorView()
        case .largeText:
            visitor.largeText.toggle()
            relayout()
        case .turn:
            turnInterface()
        case .restart:
            resetForNextVisitor(endingVisitAs: "restart")
            idle = .inUse(lastTouch: now)
        case .contrast:
            guard alternateMap != nil else { break }
            visitor.otherStyle.toggle()
            refreshCoverage()
            relayout()
        default:
            activateVisitorControl(control)
        }
        needsRedraw = true
    }

    private mutating func press(_ key: InputEvent.Key) {
        // Arrows move the map as the interface faces.
        let step = metrics.px(30) * (interfaceFacing == .top ? -1 : 1)
        let c = viewport.center
        switch key {
        case .zoomIn: activate(.zoomIn)
        case .zoomOut: activate(.zoomOut)
        case .home, .escape: activate(.home)
        case .left: cameraController.move(from: c, to: c + Point(x: step, y: 0))
        case .right: cameraController.move(from: c, to: c - Point(x: step, y: 0))
        case .up: cameraController.move(from: c, to: c + Point(x: 0, y: step))
        case .down: cameraController.move(from: c, to: c - Point(x: 0, y: step))
        }
        needsRedraw = true
    }

    /// The middle of the part of the screen the map is visible in (above the bar).
    var mapCenter: Point { Point(x: viewport.width / 2, y: layout.bar.y / 2) }

    private mutating func resize(to size: Size) {
        guard size != viewport, size.width > 0, size.height > 0 else { return }
        viewport = size
        metrics = ScreenMetrics(diagonalInches: settings.screenDiagonalInches, resolution: size)
        touches.recognizer.tuning = TouchState.tuning(metrics)
        cameraController.resize(to: size)
        relayout()
        needsRedraw = true
    }

    mutating func relayout() {
        var labels = HomeLayout.Labels(
            home: catalog.text(.home, language), language: languageButtonLabel,
            nearby: catalog.text(.nearby, language), search: catalog.text(.search, language),
            coverage: coverage == nil && !coverageAwaited ? nil : catalog.text(.coverageButton, language),
            // In the coverage view, the moment buttons say when places are open.
            chips: FilterChip.allCases.filter { chip in
                (visitor.coverage == nil || chip != .openNow) && chip.offer.map(placeLayer.directory.offersPresent.contains) != false
            }.map { ($0, catalog.text($0.labelKey, language)) })
        if !visitor.chips.isEmpty || !visitor.publics.isEmpty || !visitor.support.isEmpty { labels.clearFilters = catalog.text(.clearFilters, language) }
        let directory = placeLayer.directory
        if visitor.coverage == nil, !directory.publicsPresent.isEmpty || !directory.supportPresent.isEmpty {
            let chosen = visitor.publics.count + visitor.support.count
            labels.moreFilters = catalog.text(.moreFilters, language) + (chosen > 0 ? " (\(chosen))" : "")
        }
        labels.legend = catalog.text(.legendButton, language)
        layout = HomeLayout(viewport: viewport, metrics: metrics, measurer: measurer, labels: labels,
                            title: catalog.text(.appTitle, language),
                            subtitle: catalog.text(.appSubtitle, language),
                            attribution: settings.attribution,
                            textScale: visitor.largeText ? Self.largeTextScale : 1,
                            styleToggles: (text: true, contrast: alternateMap != nil, turn: settings.screenMode == .table))
        refreshVisitorView()
    }

    // MARK: time

    /// Moves animations and the idle cycle forward to `time`. `wallTime` is the time of day at
    /// that moment, as the shell reads it (nil with a fixed clock, or when unchanged): the state
    /// machine reads no clock itself.
    public mutating func advance(to time: Double, wallTime: Date? = nil) {
        now = max(now, time)
        if let wallTime { wallAnchor = (now, wallTime) }
        if cameraController.advance(to: time) { needsRedraw = true }
        advanceVisitor(to: time)
        if let since = touches.staffHoldSince, let staffAccess = settings.staff, time - since >= staffAccess.holdSeconds {
            openPINPad()
        }
        switch idle {
        case .atRest:
            advanceAttract(to: time)
        case .inUse(let lastTouch):
            if time - lastTouch >= settings.idleTimeout && touches.recognizer.activeFingerCount == 0 {
                idle = .warning(since: time)
                needsRedraw = true
                // A visitor who listened this visit hears the warning too.
                if visitor.usedSpeech && speechAvailable {
                    visitor.speaking = nil
                    pendingEffects.append(.speak(text: catalog.text(.idleWarning, language) + ". "
                                                 + catalog.text(.idleCountdown, language, n: Int(settings.idleWarning.rounded(.up))),
                                                 language: language))
                }
            }
        case .warning(let since):
            if time - since >= settings.idleWarning {
                resetForNextVisitor(endingVisitAs: "idle")
            } else {
                let remaining = Int((settings.idleWarning - (time - since)).rounded(.up))
                if remaining != countdown {
                    countdown = remaining
                    needsRedraw = true
                }
            }
        }
    }

    /// Forgets everything the visitor did: a fresh ``Visitor``, fingers let go, the staff screens
    /// closed (a PIN lockout stays in force), the home view.
    public mutating func resetForNextVisitor(endingVisitAs ending: String = "idle") {
        endVisit(endedBy: ending)
        if visitor.speaking != nil { pendingEffects.append(.stopSpeaking) }
        visitor = Visitor(language: catalog.defaultLanguage)
        touches = TouchState(metrics: metrics)
        staff = StaffSession()
        cameraController.set(homeCamera)
        idle = .atRest
        restingSince = now
        attract = nil
        countdown = nil
        refreshClusters()
        relayout()
        needsRedraw = true
    }

    /// Whether something moves by itself, so frames must keep coming.
    public var isAnimating: Bool { cameraController.isAnimating }

    /// The next time ``advance(to:)`` must run when nothing animates (idle warning, countdown), so
    /// the shell can sleep until then.
    public var nextDeadline: Double? {
        switch idle {
        case .atRest: return attractDeadline
        case .inUse(let lastTouch):
            var deadline = lastTouch + settings.idleTimeout
            if let since = touches.staffHoldSince, let staffAccess = settings.staff { deadline = min(deadline, since + staffAccess.holdSeconds) }
            if let visitor = visitorDeadline { deadline = min(deadline, visitor) }
            return deadline
        case .warning(let since):
            let elapsed = settings.idleWarning - Double(countdown ?? Int(settings.idleWarning))
            return min(since + settings.idleWarning, since + elapsed + 1)
        }
    }

    // MARK: drawing

    /// The frame for the current state (changes nothing; see ``frameShown()``).
    public func render() -> DisplayList {
        KioskPainter(kiosk: self, markers: visibleMarkers()).paint()
    }

    /// The shell drew the current state: no redraw until something changes.
    public mutating func frameShown() { needsRedraw = false }
}
