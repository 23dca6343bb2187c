import Foundation
import MapGeometry
import MapScene

/// The camera plus what moves it over time: the glide after a fling and animated zooms.
public struct CameraController: Sendable {
    public private(set) var camera: Camera
    public var constraints: CameraConstraints
    /// Time constant of the glide's exponential slow-down, in seconds.
    public var glideTimeConstant: Double = 0.325
    /// Speed (px/s) under which the glide stops.
    public var glideStopSpeed: Double = 15
    public var maxFlingSpeed: Double = 6000
    public var zoomAnimationDuration: Double = 0.3

    struct Glide: Sendable {
        var velocity: Point
        var lastTime: Double?
    }

    struct ZoomAnimation: Sendable {
        var start: Camera
        var anchor: Point
        var zoomDelta: Double
        var startTime: Double?
    }

    private var glide: Glide?
    private var zoomAnimation: ZoomAnimation?

    public init(camera: Camera, constraints: CameraConstraints) {
        self.constraints = constraints
        self.camera = constraints.clamp(camera)
    }

    public var isAnimating: Bool { glide != nil || zoomAnimation != nil }

    public mutating func stop() {
        glide = nil
        zoomAnimation = nil
    }

    public mutating func set(_ newCamera: Camera) {
        stop()
        camera = constraints.clamp(newCamera)
    }

    public mutating func resize(to viewport: Size) {
        camera.viewport = viewport
        camera = constraints.clamp(camera)
    }

    /// Follows the fingers exactly.
    public mutating func move(from: Point, to: Point, zoomDelta: Double = 0, rotationDelta: Double = 0) {
        zoomAnimation = nil
        glide = nil
        camera = camera.moving(from: from, to: to, zoomDelta: zoomDelta, rotationDelta: rotationDelta,
                               within: constraints)
    }

    public mutating func fling(velocity: Point) {
        zoomAnimation = nil
        let speed = velocity.length
        let v = speed > maxFlingSpeed ? velocity * (maxFlingSpeed / speed) : velocity
        glide = speed > glideStopSpeed ? Glide(velocity: v, lastTime: nil) : nil
    }

    /// Zooms by `levels` around a screen point, eased over ``zoomAnimationDuration``.
    public mutating func animateZoom(by levels: Double, around anchor: Point) {
        glide = nil
        let base = zoomAnimation.map { _ in camera } ?? camera
        zoomAnimation = ZoomAnimation(start: base, anchor: anchor, zoomDelta: levels, startTime: nil)
    }

    /// Advances glides and animations; returns whether the camera changed.
    public mutating func advance(to time: Double) -> Bool {
        let before = camera
        if var g = glide {
            if let last = g.lastTime {
                let dt = max(0, time - last)
                // Exact integral of v·e^(-t/τ) over dt, so the glide is frame-rate independent.
                let decay = exp(-dt / glideTimeConstant)
                let displacement = g.velocity * (glideTimeConstant * (1 - decay))
                let c = camera.viewport.center
                camera = camera.moving(from: c, to: c + displacement, within: constraints)
                g.velocity = g.velocity * decay
                if camera == before && dt > 0 { g.velocity = .zero }   // pinned against the region's edge
            }
            g.lastTime = time
            glide = g.velocity.length < glideStopSpeed ? nil : g
        }
        if var a = zoomAnimation {
            let start = a.startTime ?? time
            a.startTime = start
            let t = min(1, (time - start) / zoomAnimationDuration)
            let eased = 1 - pow(1 - t, 3)
            camera = a.start.moving(from: a.anchor, to: a.anchor, zoomDelta: a.zoomDelta * eased, within: constraints)
            zoomAnimation = t >= 1 ? nil : a
        }
        return camera != before
    }
}
