import Foundation
import MapGeometry
import MapScene
import Places

/// The kiosk's state machine: ``InputEvent``s and the passing of time in, a ``DisplayList`` out.
///
/// It knows nothing of SDL, files or clocks: the shell feeds it events with their times (seconds on
/// a monotonic clock) and draws what ``render()`` returns, only when ``needsRedraw`` says so.
///
/// ```swift
/// var kiosk = Kiosk(settings: settings, map: renderer, catalog: catalog, viewport: size, now: 0)
/// kiosk.handle(.fingerDown(id: 1, position: p), at: 0.5)
/// kiosk.advance(to: 0.52)
/// if kiosk.needsRedraw { backend.draw(kiosk.render()) }
/// ```
public struct Kiosk: Sendable {
    public internal(set) var settings: KioskSettings
    public let map: MapRenderer
    public let catalog: StringCatalog
    public let measurer: any TextMeasuring

    public internal(set) var cameraController: CameraController
    public private(set) var language: String
    public private(set) var idle: IdlePhase = .atRest
    public internal(set) var needsRedraw = true
    public private(set) var viewport: Size
    public private(set) var metrics: ScreenMetrics
    public private(set) var layout: HomeLayout
    /// The control under a finger that went down on it, highlighted until the finger lifts.
    public private(set) var pressed: Control?

    public internal(set) var screen: KioskScreen = .map
    /// Digits typed on the PIN pad (shown as dots).
    public internal(set) var pinEntry = ""
    /// Wrong PINs since the last success or lockout.
    public internal(set) var pinFailures = 0
    public internal(set) var pinLockedUntil: Double?
    public internal(set) var staffLines: [String] = []
    var lastPINWasWrong = false
    var staffHoldSince: Double?
    var staffFingers: [Int: StaffControl?] = [:]
    var pendingEffects: [KioskEffect] = []
    var now = 0.0

    // Visitor state: all forgotten by resetForNextVisitor().
    public internal(set) var placeLayer: PlaceLayer = .empty
    public internal(set) var panel: VisitorPanel = .none
    public internal(set) var chips: Set<FilterChip> = []
    /// Where "Près d'ici" measures from when the visitor touched the map; nil: the kiosk itself.
    public internal(set) var nearbyOrigin: GeoCoordinate?
    public internal(set) var searchText = ""
    public internal(set) var searchResults: [Int] = []
    public internal(set) var form: FeedbackForm?
    public internal(set) var missingPlaceName = ""
    public internal(set) var missingPlacePosition: GeoCoordinate?
    public internal(set) var visitorView = VisitorView.empty
    /// The place whose card is open, drawn highlighted.
    public var selectedPlace: Int? { if case .details(let i) = panel { return i } else { return nil } }
    var thanksSince: Double?
    var viewMinute = 0

    var recognizer: GestureRecognizer
    /// Fingers that went down on the interface: they never move the map.
    private var interfaceFingers: [Int: Control?] = [:]
    private var lastCountdown: Int?

    /// Seconds left on the idle warning, as last shown.
    public var countdown: Int? { lastCountdown }

    public init(settings: KioskSettings, map: MapRenderer, catalog: StringCatalog,
                measurer: any TextMeasuring = EstimatedTextMeasurer(), viewport: Size, now: Double) {
        self.settings = settings
        self.map = map
        self.catalog = catalog
        self.measurer = measurer
        self.viewport = viewport
        self.now = now
        self.language = catalog.defaultLanguage
        let metrics = ScreenMetrics(diagonalInches: settings.screenDiagonalInches, resolution: viewport)
        self.metrics = metrics
        self.recognizer = GestureRecognizer(tuning: .init(tapSlop: metrics.px(4), doubleTapDistance: metrics.px(12)))
        self.cameraController = CameraController(
            camera: Camera(coordinate: settings.homeCenter, zoom: settings.homeZoom, viewport: viewport),
            constraints: settings.constraints)
        self.layout = HomeLayout(viewport: viewport, metrics: metrics, measurer: measurer, labels: .none,
                                 title: "", subtitle: "", attribution: "")
        relayout()
    }

    public var camera: Camera { cameraController.camera }

    /// The camera a visitor finds when they arrive.
    public var homeCamera: Camera {
        settings.constraints.clamp(Camera(coordinate: settings.homeCenter, zoom: settings.homeZoom, viewport: viewport))
    }

    /// Points the map somewhere (render command, staff tools); the constraints still apply.
    public mutating func show(center: GeoCoordinate, zoom: Double, bearing: Double = 0) {
        cameraController.set(Camera(coordinate: center, zoom: zoom, bearing: bearing, viewport: viewport))
        needsRedraw = true
    }

    /// Switches the interface language (a code of the catalog).
    public mutating func setLanguage(_ code: String) {
        guard catalog.languages.contains(code) else { return }
        language = code
        relayout()
        needsRedraw = true
    }

    // MARK: input

    public mutating func handle(_ event: InputEvent, at time: Double) {
        if case .resize(let size) = event {
            resize(to: size)
            return
        }
        // The first touch during the warning only dismisses it.
        if case .warning = idle {
            idle = .inUse(lastTouch: time)
            lastCountdown = nil
            needsRedraw = true
            if case .fingerDown = event { return }
            if case .mouseDown = event { return }
        }
        idle = .inUse(lastTouch: time)
        now = time
        if screen == .pinPad || screen == .staff {
            handleStaff(event)
            return
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
        if let control = visitorView.control(at: p) { return control }
        return visitorView.modal ? nil : layout.control(at: p)
    }

    func isOverInterface(_ p: Point) -> Bool {
        visitorView.covers(p) || layout.isOverInterface(p)
    }

    private mutating func pointerDown(id: Int, at p: Point, time: Double) {
        if isOverInterface(p) && recognizer.activeFingerCount == 0 {
            let control = interfaceControl(at: p)
            interfaceFingers[id] = control
            if pressed == nil, let control {
                pressed = control
                needsRedraw = true
            }
            return
        }
        apply(recognizer.fingerDown(id: id, at: p, time: time))
        // Three fingers resting together start the staff gesture (see advance(to:)).
        if settings.staff != nil && recognizer.activeFingerCount == 3 && id != InputEvent.mouseFingerID {
            staffHoldSince = time
        }
    }

    private mutating func pointerMotion(id: Int, at p: Point, time: Double) {
        if let control = interfaceFingers[id] {
            // Sliding off a button cancels it, as on any touch screen.
            let stillOn = control != nil && interfaceControl(at: p) == control
            if pressed != nil && !stillOn && pressed == control {
                pressed = nil
                needsRedraw = true
            }
            return
        }
        apply(recognizer.fingerMotion(id: id, to: p, time: time))
        if staffHoldSince != nil && recognizer.maxTravel > metrics.px(6) { staffHoldSince = nil }
    }

    private mutating func pointerUp(id: Int, at p: Point, time: Double) {
        if let control = interfaceFingers.removeValue(forKey: id) {
            if let control, pressed == control, interfaceControl(at: p) == control {
                activate(control)
            }
            if pressed == control { pressed = nil }
            needsRedraw = true
            return
        }
        apply(recognizer.fingerUp(id: id, at: p, time: time))
        if recognizer.activeFingerCount < 3 { staffHoldSince = nil }
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
                tapMap(at: p)
            case .doubleTap(let p):
                cameraController.animateZoom(by: 1, around: p)
            case .twoFingerTap(let p):
                cameraController.animateZoom(by: -1, around: p)
            }
            needsRedraw = true
        }
    }

    mutating func activate(_ control: Control) {
        let center = mapCenter
        switch control {
        case .zoomIn: cameraController.animateZoom(by: 1, around: center)
        case .zoomOut: cameraController.animateZoom(by: -1, around: center)
        case .home: cameraController.set(homeCamera)
        case .language:
            language = catalog.language(after: language)
            relayout()
        default:
            activateVisitorControl(control)
        }
        needsRedraw = true
    }

    private mutating func press(_ key: InputEvent.Key) {
        let step = metrics.px(30)
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
        cameraController.resize(to: size)
        relayout()
        needsRedraw = true
    }

    mutating func relayout() {
        let labels = HomeLayout.Labels(
            home: catalog.text(.home, language), language: catalog.text(.languageSwitch, language),
            nearby: catalog.text(.nearby, language), search: catalog.text(.search, language),
            chips: FilterChip.allCases.map { ($0, catalog.text($0.labelKey, language)) })
        layout = HomeLayout(viewport: viewport, metrics: metrics, measurer: measurer, labels: labels,
                            title: catalog.text(.appTitle, language),
                            subtitle: catalog.text(.appSubtitle, language),
                            attribution: settings.attribution)
        refreshVisitorView()
    }

    // MARK: time

    /// Moves animations and the idle cycle forward to `time`.
    public mutating func advance(to time: Double) {
        now = max(now, time)
        if cameraController.advance(to: time) { needsRedraw = true }
        advanceVisitor(to: time)
        if let since = staffHoldSince, let staff = settings.staff, time - since >= staff.holdSeconds {
            openPINPad()
        }
        switch idle {
        case .atRest:
            break
        case .inUse(let lastTouch):
            if time - lastTouch >= settings.idleTimeout && recognizer.activeFingerCount == 0 {
                idle = .warning(since: time)
                needsRedraw = true
            }
        case .warning(let since):
            if time - since >= settings.idleWarning {
                resetForNextVisitor()
            } else {
                let remaining = Int((settings.idleWarning - (time - since)).rounded(.up))
                if remaining != lastCountdown {
                    lastCountdown = remaining
                    needsRedraw = true
                }
            }
        }
    }

    /// Forgets everything the visitor did: view, language, pressed buttons, gestures in progress.
    public mutating func resetForNextVisitor() {
        cameraController.set(homeCamera)
        language = catalog.defaultLanguage
        recognizer.reset()
        interfaceFingers = [:]
        pressed = nil
        // The staff screen closes too; a PIN lockout stays in force.
        screen = .map
        pinEntry = ""
        staffHoldSince = nil
        staffFingers = [:]
        idle = .atRest
        lastCountdown = nil
        forgetVisitor()
        relayout()
        needsRedraw = true
    }

    /// Whether something moves by itself, so frames must keep coming.
    public var isAnimating: Bool { cameraController.isAnimating }

    /// The next time ``advance(to:)`` must run when nothing animates (idle warning, countdown), so
    /// the shell can sleep until then.
    public var nextDeadline: Double? {
        switch idle {
        case .atRest: return nil
        case .inUse(let lastTouch):
            var deadline = lastTouch + settings.idleTimeout
            if let since = staffHoldSince, let staff = settings.staff { deadline = min(deadline, since + staff.holdSeconds) }
            if let visitor = visitorDeadline { deadline = min(deadline, visitor) }
            return deadline
        case .warning(let since):
            let elapsed = settings.idleWarning - Double(lastCountdown ?? Int(settings.idleWarning))
            return min(since + settings.idleWarning, since + elapsed + 1)
        }
    }

    // MARK: drawing

    /// Builds the frame and clears ``needsRedraw``.
    public mutating func render() -> DisplayList {
        needsRedraw = false
        let markers = visibleMarkers()
        return KioskPainter(kiosk: self, markers: markers).paint()
    }
}
