import Foundation
import MapGeometry

/// What a gesture asks of the camera or the interface.
public enum GestureAction: Sendable, Equatable {
    /// A finger touched the map: stop any glide or animation.
    case touchBegan
    /// Move the map so the point under `from` comes under `to`, zooming and rotating about it.
    case move(from: Point, to: Point, zoomDelta: Double, rotationDelta: Double)
    /// The last finger left while moving: glide at this velocity (pixels per second).
    case fling(velocity: Point)
    case tap(Point)
    case doubleTap(Point)
    case twoFingerTap(Point)
}

/// Recognises pan, pinch, rotate, taps, double-taps and two-finger taps from raw finger events.
///
/// Only the first two fingers down drive the map; a third finger or a resting palm is ignored, and
/// whenever the set of driving fingers changes the gesture starts again from where the fingers are,
/// so the map never jumps.
public struct GestureRecognizer: Sendable {
    public struct Tuning: Sendable {
        /// Movement (px) under which a touch is still a tap.
        public var tapSlop: Double
        public var tapMaxDuration: Double = 0.30
        public var doubleTapInterval: Double = 0.35
        /// How far apart (px) the two taps of a double-tap may be.
        public var doubleTapDistance: Double
        /// Window of recent motion used for the release velocity.
        public var velocityWindow: Double = 0.10
        /// A finger that rested this long before lifting does not fling.
        public var restBeforeRelease: Double = 0.08

        public init(tapSlop: Double, doubleTapDistance: Double) {
            self.tapSlop = tapSlop
            self.doubleTapDistance = doubleTapDistance
        }
    }

    struct Finger: Sendable {
        var id: Int
        var downAt: Double
        var start: Point
        var position: Point
        var travelled: Double = 0
    }

    public var tuning: Tuning
    /// Fingers in the order they touched.
    private(set) var fingers: [Finger] = []
    /// Positions of the driving fingers at the last action, to compute the next one.
    private var previous: [Point] = []
    private var drivingIDs: [Int] = []
    private var samples: [(time: Double, position: Point)] = []
    private var tapCandidate = false
    private var twoFingerTapCandidate = false
    private var maxFingers = 0
    private var lastTap: (time: Double, position: Point)?

    public init(tuning: Tuning) {
        self.tuning = tuning
    }

    public var activeFingerCount: Int { fingers.count }
    public var activeFingerIDs: [Int] { fingers.map(\.id) }
    /// The farthest any finger now down has moved from where it touched.
    public var maxTravel: Double { fingers.map(\.travelled).max() ?? 0 }

    public mutating func reset() {
        fingers = []
        previous = []
        drivingIDs = []
        samples = []
        lastTap = nil
    }

    public mutating func fingerDown(id: Int, at p: Point, time: Double) -> [GestureAction] {
        guard !fingers.contains(where: { $0.id == id }) else { return [] }
        fingers.append(Finger(id: id, downAt: time, start: p, position: p))
        maxFingers = max(maxFingers, fingers.count)
        if fingers.count == 1 {
            tapCandidate = true
            twoFingerTapCandidate = false
            maxFingers = 1
            samples = [(time, p)]
        } else {
            tapCandidate = false
            twoFingerTapCandidate = fingers.count == 2 && time - fingers[0].downAt < tuning.tapMaxDuration
            if fingers.count > 2 { twoFingerTapCandidate = false }
        }
        rebaseline()
        return fingers.count == 1 ? [.touchBegan] : []
    }

    public mutating func fingerMotion(id: Int, to p: Point, time: Double) -> [GestureAction] {
        guard let index = fingers.firstIndex(where: { $0.id == id }) else { return [] }
        fingers[index].travelled = max(fingers[index].travelled, fingers[index].start.distance(to: p))
        fingers[index].position = p
        if fingers[index].travelled > tuning.tapSlop {
            tapCandidate = false
            twoFingerTapCandidate = false
        }
        guard drivingIDs.contains(id) else { return [] }
        let current = drivingPositions()
        defer { previous = current }
        if current.count == 1 {
            samples.append((time, p))
            samples.removeAll { time - $0.time > tuning.velocityWindow * 2 }
            if previous[0] == current[0] { return [] }
            return [.move(from: previous[0], to: current[0], zoomDelta: 0, rotationDelta: 0)]
        }
        let before0 = previous[0], before1 = previous[1], now0 = current[0], now1 = current[1]
        let c0 = (before0 + before1) / 2, c1 = (now0 + now1) / 2
        let d0 = before0.distance(to: before1), d1 = now0.distance(to: now1)
        let zoomDelta = d0 > 1 && d1 > 1 ? log2(d1 / d0) : 0
        let a0 = atan2(before1.y - before0.y, before1.x - before0.x)
        let a1 = atan2(now1.y - now0.y, now1.x - now0.x)
        var rotation = (a1 - a0) * 180 / .pi
        if rotation > 180 { rotation -= 360 }
        if rotation < -180 { rotation += 360 }
        return [.move(from: c0, to: c1, zoomDelta: zoomDelta, rotationDelta: rotation)]
    }

    public mutating func fingerUp(id: Int, at p: Point, time: Double) -> [GestureAction] {
        guard let index = fingers.firstIndex(where: { $0.id == id }) else { return [] }
        var actions: [GestureAction] = []
        // Apply the last bit of motion first, if the up event carries it.
        if fingers[index].position != p { actions += fingerMotion(id: id, to: p, time: time) }
        let finger = fingers.remove(at: index)
        let wasDriving = drivingIDs.contains(id)

        if fingers.isEmpty {
            let duration = time - finger.downAt
            if maxFingers == 1, tapCandidate, duration <= tuning.tapMaxDuration {
                if let last = lastTap, time - last.time <= tuning.doubleTapInterval,
                   last.position.distance(to: p) <= tuning.doubleTapDistance {
                    actions.append(.doubleTap(p))
                    lastTap = nil
                } else {
                    actions.append(.tap(p))
                    lastTap = (time, p)
                }
            } else if maxFingers == 2, twoFingerTapCandidate, duration <= tuning.tapMaxDuration * 1.5 {
                actions.append(.twoFingerTap((finger.position + lastTwoFingerPartner) / 2))
                lastTap = nil
            } else if maxFingers == 1, let v = releaseVelocity(at: time) {
                actions.append(.fling(velocity: v))
                lastTap = nil
            } else {
                lastTap = nil
            }
            drivingIDs = []
            previous = []
            samples = []
            return actions
        }
        if fingers.count == 1 && maxFingers == 2 { lastTwoFingerPartner = finger.position }
        if wasDriving || drivingIDs.count < min(2, fingers.count) {
            rebaseline()
            samples = []
        }
        return actions
    }

    private var lastTwoFingerPartner = Point.zero

    private mutating func rebaseline() {
        drivingIDs = fingers.prefix(2).map(\.id)
        previous = drivingPositions()
    }

    private func drivingPositions() -> [Point] {
        drivingIDs.compactMap { id in fingers.first(where: { $0.id == id })?.position }
    }

    /// Velocity over the last few samples, or nil if the finger had stopped before lifting.
    private func releaseVelocity(at time: Double) -> Point? {
        guard let last = samples.last, time - last.time <= tuning.restBeforeRelease else { return nil }
        let window = samples.filter { last.time - $0.time <= tuning.velocityWindow }
        guard let first = window.first, last.time - first.time > 0.005 else { return nil }
        let v = (last.position - first.position) / (last.time - first.time)
        return v.length > 50 ? v : nil
    }
}
