import CSDL2
import MapGeometry
import Testing
import InputModel
@testable import SDLBackend

/// On a high-DPI output the drawable has more pixels than the window has points (macOS, Wayland
/// with a scale, some KMS set-ups): the kiosk lays out and draws in the drawable's pixels, so
/// text and lines are rasterised at full resolution, and input in points is scaled to them, so a
/// touch hits what is drawn under it.
struct HighDPITests {
    let pixels = Size(width: 3840, height: 2160)
    let points = Size(width: 1920, height: 1080)

    @Test func aMouseClickInPointsLandsOnTheDrawablesPixel() {
        var event = SDL_Event()
        event.type = SDL_MOUSEBUTTONDOWN.rawValue
        event.button.button = UInt8(SDL_BUTTON_LEFT)
        event.button.which = 0
        event.button.x = 960
        event.button.y = 270
        #expect(SDLEventSource().translate(event, pixels: pixels, logical: points) == .input(.mouseDown(position: Point(x: 1920, y: 540))))
        event.type = SDL_MOUSEMOTION.rawValue
        event.motion.which = 0
        event.motion.state = UInt32(1 << (SDL_BUTTON_LEFT - 1))
        event.motion.x = 10
        event.motion.y = 1079
        #expect(SDLEventSource().translate(event, pixels: pixels, logical: points) == .input(.mouseMotion(position: Point(x: 20, y: 2158))))
    }

    /// Fingers come normalised to the window: the same place on the glass, in the drawable's pixels.
    @Test func aFingerLandsOnTheDrawablesPixel() {
        var event = SDL_Event()
        event.type = SDL_FINGERDOWN.rawValue
        event.tfinger.touchId = 1
        event.tfinger.fingerId = 7
        event.tfinger.x = 0.25
        event.tfinger.y = 0.5
        #expect(SDLEventSource().translate(event, pixels: pixels, logical: points) == .input(.fingerDown(id: 7, position: Point(x: 960, y: 1080))))
    }

    /// A resize reports the drawable's new size, which the kiosk lays out in.
    @Test func aResizeIsInPixels() {
        var event = SDL_Event()
        event.type = SDL_WINDOWEVENT.rawValue
        event.window.event = UInt8(SDL_WINDOWEVENT_SIZE_CHANGED.rawValue)
        #expect(SDLEventSource().translate(event, pixels: pixels, logical: points) == .input(.resize(pixels)))
    }
}
