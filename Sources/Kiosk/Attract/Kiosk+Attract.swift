import Foundation
import InputModel
import MapGeometry
import MapScene

/// The invitation when nobody touches the kiosk: after the idle reset and `attractAfter` seconds
/// of rest, the map drifts from town to town under a large "touch the map" in every language;
/// the first touch ends it, acts on nothing, and starts a fresh visit.
extension Kiosk {
    /// Whether the invitation is on.
    public var isAttracting: Bool { attract != nil }

    /// The zoom of the tour: towns and their places readable, the streets not yet.
    static let attractZoom = 11.0

    mutating func advanceAttract(to time: Double) {
        if attract == nil {
            guard let after = settings.attractAfter, time - restingSince >= after, staff.screen == .map,
                  let tour = makeTour(at: time) else { return }
            attract = tour
        }
        guard var tour = attract else { return }
        let (center, drifting) = tour.center(at: time)
        // A frame a 30th of a second at most while drifting, and the one that arrives at a town.
        let moves = drifting || camera.center != center
        guard moves, time - tour.lastFrame >= 1 / AttractTour.framesPerSecond else { return }
        tour.lastFrame = time
        attract = tour
        cameraController.set(Camera(center: center, zoom: tour.zoom, viewport: viewport))
        needsRedraw = true
    }

    /// Starts the invitation now, whatever the delay (screenshots, the staff checking it).
    public mutating func invite() {
        guard idle == .atRest || attract != nil else { return }
        attract = makeTour(at: now)
        advanceAttract(to: now)
    }

    /// The tour over this kiosk's places, drifting about 12 mm a second on its screen.
    private func makeTour(at time: Double) -> AttractTour? {
        AttractTour(places: placeLayer.directory, zoom: settings.constraints.clampZoom(Self.attractZoom),
                    pixelsPerSecond: metrics.px(12), at: time)
    }

    /// When the tour wants its next frame, or when it starts.
    var attractDeadline: Double? {
        if let tour = attract {
            let (center, drifting) = tour.center(at: now)
            return drifting || camera.center != center ? tour.lastFrame + 1 / AttractTour.framesPerSecond : tour.restEnds(after: now)
        }
        return settings.attractAfter.map { restingSince + $0 }
    }

    /// The first touch while inviting: the invitation ends and a fresh visit starts at the home
    /// view; the touch itself does nothing else. True when it was taken.
    mutating func endAttract(by event: InputEvent, at time: Double) -> Bool {
        guard attract != nil else { return false }
        switch event {
        case .fingerDown, .mouseDown, .key, .wheel:
            resetForNextVisitor()
            idle = .inUse(lastTouch: time)
            return true
        default:
            return false
        }
    }
}
