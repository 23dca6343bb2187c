import Kiosk
import SDLBackend

extension FrameRenderer {
    /// Gives the renderer what the kiosk's frames name: its basemap and its marker stamps (at
    /// start, and again after each reload).
    func register(_ kiosk: Kiosk) {
        register(basemaps: [kiosk.configuredMap] + (kiosk.alternateMap.map { [$0] } ?? []))
        register(stamps: MarkerStamps())
    }
}
