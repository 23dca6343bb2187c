import CSDL2
import Foundation
import InputModel
import MapGeometry

/// Reads SDL's event queue and translates it into ``InputEvent``s, in window pixels.
///
/// Fingers are read directly (SDL's gesture events are unreliable and gone in SDL 3); mouse events
/// that SDL synthesises from touches, and touches synthesised from the mouse, are dropped so that a
/// finger never counts twice.
public struct SDLEventSource {
    public enum Outcome: Equatable {
        case input(InputEvent)
        /// The window needs drawing again (exposed, restored).
        case redraw
        case quit
        /// Basemap tiles were finished in the background (see ``SDLWindow/basemapWantsRedraw``).
        case tilesReady
        /// SIGHUP arrived (see ``requestReload()``): reload data and configuration.
        case reload
        /// The GPU lost textures or render targets' pixels: make them again, then draw.
        case renderReset(RenderReset)
    }

    public init() {}

    /// The event types SDL gave us for reload requests and for finished basemap tiles.
    nonisolated(unsafe) private static var reloadEventType: UInt32 = 0
    nonisolated(unsafe) private static var tilesEventType: UInt32 = 0
    nonisolated(unsafe) private static var wakeEventType: UInt32 = 0
    /// How the loop sleeps under the current video driver (set by ``registerEvents()``).
    nonisolated(unsafe) private(set) static var wait: EventWait?
    /// A tiles event is in the queue: the worker need not post another (one wakes the loop).
    private static let tilesPosted = NSLock()
    nonisolated(unsafe) private static var tilesEventQueued = false

    /// Registers our event types and chooses how to sleep; call once after SDL is initialised (the
    /// window exists).
    public static func registerEvents() {
        if wait == nil, let driver = SDL_GetCurrentVideoDriver() {
            wait = EventWait(driver: String(cString: driver))
            wait?.wakeOnTermination()
        }
        if reloadEventType == 0 {
            let first = SDL_RegisterEvents(3)
            guard first != UInt32.max else { return }
            reloadEventType = first
            tilesEventType = first + 1
            wakeEventType = first + 2
        }
    }

    /// Wakes the render loop to show finished tiles; safe from any thread, at most one queued.
    static func postTilesReady() {
        guard tilesEventType != 0 else { return }
        tilesPosted.lock()
        defer { tilesPosted.unlock() }
        guard !tilesEventQueued else { return }
        tilesEventQueued = true
        var event = SDL_Event()
        event.type = tilesEventType
        push(&event)
    }

    /// Queues an event for the render loop and wakes it; safe from any thread.
    static func push(_ event: inout SDL_Event) {
        SDL_PushEvent(&event)
        wait?.wake()
    }

    /// Wakes the render loop to look at the kiosk again (a text read aloud has ended); safe from
    /// any thread.
    public static func postWake() {
        guard wakeEventType != 0, wakeEventType != UInt32.max else { return }
        var event = SDL_Event()
        event.type = wakeEventType
        push(&event)
    }

    /// Wakes the render loop with a reload request; safe from any thread (SDL_PushEvent is).
    public static func requestReload() {
        guard reloadEventType != 0, reloadEventType != UInt32.max else { return }
        var event = SDL_Event()
        event.type = reloadEventType
        push(&event)
    }

    /// Queues a finger as a touch screen's driver would, and wakes the loop: live measurements
    /// play traces this way. Other kinds of input are not injected (false); safe from any thread.
    @discardableResult
    public static func inject(_ input: InputEvent, pixels: Size) -> Bool {
        let (type, id, position): (SDL_EventType, Int, Point)
        switch input {
        case .fingerDown(let i, let p): (type, id, position) = (SDL_FINGERDOWN, i, p)
        case .fingerMotion(let i, let p): (type, id, position) = (SDL_FINGERMOTION, i, p)
        case .fingerUp(let i, let p): (type, id, position) = (SDL_FINGERUP, i, p)
        default: return false
        }
        guard pixels.width > 0, pixels.height > 0 else { return false }
        var event = SDL_Event()
        event.tfinger.type = type.rawValue
        event.tfinger.touchId = Self.injectedTouchDevice
        event.tfinger.fingerId = SDL_FingerID(id)
        event.tfinger.x = Float(position.x / pixels.width)
        event.tfinger.y = Float(position.y / pixels.height)
        event.tfinger.pressure = type == SDL_FINGERUP ? 0 : 1
        push(&event)
        return true
    }

    /// The touch device injected fingers come from (any id but SDL's mouse).
    static let injectedTouchDevice: SDL_TouchID = 0x1A_B1E

    /// Posts SDL's own reset event, as a driver would after a suspend (replays and tests).
    public static func post(_ reset: RenderReset) {
        var event = SDL_Event()
        event.type = reset == .device ? SDL_RENDER_DEVICE_RESET.rawValue : SDL_RENDER_TARGETS_RESET.rawValue
        push(&event)
    }

    /// Waits up to `timeout` seconds for the first event (0 = just poll), then drains the queue.
    public func next(window: SDLWindow, timeout: Double) -> [Outcome] {
        var event = SDL_Event()
        var outcomes: [Outcome] = []
        var got: Int32
        if timeout > 0, let wait = Self.wait, !wait.driverWaits {
            let deadline = ProcessInfo.processInfo.systemUptime + min(timeout, 3600)
            got = SDL_PollEvent(&event)
            while got == 0 {
                let left = deadline - ProcessInfo.processInfo.systemUptime
                guard left > 0 else { break }
                wait.sleep(upTo: left)
                got = SDL_PollEvent(&event)
            }
        } else {
            got = timeout > 0 ? SDL_WaitEventTimeout(&event, Int32(min(timeout, 3600) * 1000)) : SDL_PollEvent(&event)
        }
        guard got != 0 else { return [] }
        let pixels = window.pixelSize
        let logical = window.logicalSize
        repeat {
            if let o = translate(event, pixels: pixels, logical: logical) { outcomes.append(o) }
        } while SDL_PollEvent(&event) != 0
        return outcomes
    }

    func translate(_ e: SDL_Event, pixels: Size, logical: Size) -> Outcome? {
        let sx = logical.width > 0 ? pixels.width / logical.width : 1
        let sy = logical.height > 0 ? pixels.height / logical.height : 1
        if e.type == Self.reloadEventType && e.type != 0 { return .reload }
        if e.type == Self.wakeEventType && e.type != 0 { return .redraw }
        if e.type == Self.tilesEventType && e.type != 0 {
            Self.tilesPosted.lock()
            Self.tilesEventQueued = false
            Self.tilesPosted.unlock()
            return .tilesReady
        }
        switch SDL_EventType(e.type) {
        case SDL_QUIT:
            return .quit
        case SDL_FINGERDOWN, SDL_FINGERMOTION, SDL_FINGERUP:
            let f = e.tfinger
            if f.touchId == CSDL_MOUSE_TOUCHID { return nil }
            let p = Point(x: Double(f.x) * pixels.width, y: Double(f.y) * pixels.height)
            let id = Int(truncatingIfNeeded: f.fingerId)
            switch SDL_EventType(e.type) {
            case SDL_FINGERDOWN: return .input(.fingerDown(id: id, position: p))
            case SDL_FINGERMOTION: return .input(.fingerMotion(id: id, position: p))
            default: return .input(.fingerUp(id: id, position: p))
            }
        case SDL_MOUSEBUTTONDOWN, SDL_MOUSEBUTTONUP:
            let b = e.button
            if b.which == CSDL_TOUCH_MOUSEID || b.button != UInt8(SDL_BUTTON_LEFT) { return nil }
            let p = Point(x: Double(b.x) * sx, y: Double(b.y) * sy)
            return .input(SDL_EventType(e.type) == SDL_MOUSEBUTTONDOWN ? .mouseDown(position: p) : .mouseUp(position: p))
        case SDL_MOUSEMOTION:
            let m = e.motion
            if m.which == CSDL_TOUCH_MOUSEID || m.state & UInt32(1 << (SDL_BUTTON_LEFT - 1)) == 0 { return nil }
            return .input(.mouseMotion(position: Point(x: Double(m.x) * sx, y: Double(m.y) * sy)))
        case SDL_MOUSEWHEEL:
            let w = e.wheel
            if w.which == CSDL_TOUCH_MOUSEID { return nil }
            var mx: Int32 = 0, my: Int32 = 0
            SDL_GetMouseState(&mx, &my)
            let notches = Double(w.preciseY) * (w.direction == SDL_MOUSEWHEEL_FLIPPED.rawValue ? -1 : 1)
            return .input(.wheel(notches: notches, position: Point(x: Double(mx) * sx, y: Double(my) * sy)))
        case SDL_KEYDOWN:
            return Self.key(e.key.keysym.sym).map { .input(.key($0)) }
        case SDL_WINDOWEVENT:
            switch SDL_WindowEventID(UInt32(e.window.event)) {
            case SDL_WINDOWEVENT_SIZE_CHANGED:
                return .input(.resize(pixels))
            case SDL_WINDOWEVENT_EXPOSED, SDL_WINDOWEVENT_RESTORED, SDL_WINDOWEVENT_SHOWN:
                return .redraw
            default:
                return nil
            }
        case SDL_RENDER_TARGETS_RESET:
            return .renderReset(.targets)
        case SDL_RENDER_DEVICE_RESET:
            return .renderReset(.device)
        default:
            return nil
        }
    }

    static func key(_ sym: SDL_Keycode) -> InputEvent.Key? {
        switch Int(sym) {
        case Int(SDLK_PLUS.rawValue), Int(SDLK_KP_PLUS.rawValue), Int(SDLK_EQUALS.rawValue): return .zoomIn
        case Int(SDLK_MINUS.rawValue), Int(SDLK_KP_MINUS.rawValue): return .zoomOut
        case Int(SDLK_LEFT.rawValue): return .left
        case Int(SDLK_RIGHT.rawValue): return .right
        case Int(SDLK_UP.rawValue): return .up
        case Int(SDLK_DOWN.rawValue): return .down
        case Int(SDLK_HOME.rawValue): return .home
        case Int(SDLK_ESCAPE.rawValue): return .escape
        default: return nil
        }
    }
}
