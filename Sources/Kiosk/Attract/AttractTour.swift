import Foundation
import MapGeometry
import MapScene
import Places

/// The invitation's slow journey over the map, when nobody touches the kiosk: from town to town
/// where there are places, resting a while at each, drifting at a walking pace in between.
/// A pure function of the time since it began, so that a replay shows the same frames.
struct AttractTour: Sendable, Equatable {
    /// The towns visited, in world units, in the order visited (then again from the first).
    let stops: [Point]
    let zoom: Double
    /// Seconds at rest over each town: no frame is drawn.
    let dwell: Double
    /// World units a second while drifting.
    let speed: Double
    let began: Double
    /// The time of the last frame the tour asked for.
    var lastFrame: Double

    /// At most this many frames a second while drifting: smooth enough for a slow drift, and
    /// half the work of a visitor's pan.
    static let framesPerSecond = 30.0
    static let townCount = 8

    /// The towns with the most places (their places' mean position), each next one the nearest
    /// not yet visited, starting from the one with most.
    init?(places: PlaceDirectory, zoom: Double, pixelsPerSecond: Double, dwell: Double = 6, at time: Double) {
        var byCommune: [String: (sum: Point, count: Int)] = [:]
        for place in places.places where !place.isApproximate {
            guard let c = place.coordinate else { continue }
            let p = WebMercator.project(c)
            let entry = byCommune[place.commune, default: (Point(x: 0, y: 0), 0)]
            byCommune[place.commune] = (entry.sum + p, entry.count + 1)
        }
        var towns = byCommune.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
            .prefix(Self.townCount).map { $0.value.sum / Double($0.value.count) }
        guard !towns.isEmpty else { return nil }
        var ordered = [towns.removeFirst()]
        while !towns.isEmpty {
            let last = ordered[ordered.count - 1]
            let next = towns.indices.min { (towns[$0] - last).length < (towns[$1] - last).length }!
            ordered.append(towns.remove(at: next))
        }
        stops = ordered
        self.zoom = zoom
        self.dwell = dwell
        speed = pixelsPerSecond / pow(2, zoom)
        began = time
        lastFrame = -.infinity
    }

    /// Seconds for the drift from stop k to the next.
    func travel(_ k: Int) -> Double {
        let distance = (stops[(k + 1) % stops.count] - stops[k]).length
        return max(4, distance / speed)
    }

    /// Where the map looks at `time`, and whether it is drifting (frames wanted) or resting.
    func center(at time: Double) -> (center: Point, drifting: Bool) {
        let lap = stops.indices.reduce(0) { $0 + dwell + travel($1) }
        var t = (time - began).truncatingRemainder(dividingBy: lap)
        for k in stops.indices {
            if t < dwell { return (stops[k], false) }
            t -= dwell
            let leg = travel(k)
            if t < leg {
                // Eased at both ends: it sets off and arrives gently.
                let f = t / leg, eased = f * f * (3 - 2 * f)
                return (stops[k] + (stops[(k + 1) % stops.count] - stops[k]) * eased, true)
            }
            t -= leg
        }
        return (stops[0], false)
    }

    /// When the current rest ends (the next frame after it is due then).
    func restEnds(after time: Double) -> Double {
        let lap = stops.indices.reduce(0) { $0 + dwell + travel($1) }
        let start = time - (time - began).truncatingRemainder(dividingBy: lap)
        var t = start
        for k in stops.indices {
            if time < t + dwell { return t + dwell }
            t += dwell + travel(k)
        }
        return start + lap
    }
}
