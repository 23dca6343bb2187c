import Kiosk
import SDLBackend

extension FrameRenderer {
    /// Gives the renderer what the kiosk's frames name: its basemap and its marker stamps (at
    /// start, and again after each reload).
    func register(_ kiosk: Kiosk) {
        register(basemap: kiosk.map)
        register(stamps: MarkerStamps())
    }
}
