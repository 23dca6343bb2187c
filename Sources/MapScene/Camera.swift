import Foundation
import MapGeometry

/// Where the map looks: a centre in world units (see ``WebMercator``), a zoom and a bearing,
/// over a viewport of some size in pixels.
public struct Camera: Sendable, Equatable {
    /// Centre of the viewport, in zoom-0 world units.
    public var center: Point
    public var zoom: Double
    /// Direction the top of the screen faces, in degrees clockwise from north.
    public var bearing: Double
    public var viewport: Size

    public init(center: Point, zoom: Double, bearing: Double = 0, viewport: Size) {
        self.center = center
        self.zoom = zoom
        self.bearing = bearing
        self.viewport = viewport
    }

    public init(coordinate: GeoCoordinate, zoom: Double, bearing: Double = 0, viewport: Size) {
        self.init(center: WebMercator.project(coordinate), zoom: zoom, bearing: bearing, viewport: viewport)
    }

    public var coordinate: GeoCoordinate { WebMercator.unproject(center) }

    /// Screen pixels per world unit.
    public var scale: Double { pow(2, zoom) }

    /// The map's rotation on screen, in radians clockwise.
    var screenRotation: Double { -bearing * .pi / 180 }

    public func screenPoint(of world: Point) -> Point {
        ((world - center) * scale).rotated(by: screenRotation) + viewport.center
    }

    public func worldPoint(atScreen p: Point) -> Point {
        ((p - viewport.center).rotated(by: -screenRotation) / scale) + center
    }

    /// The world-space box that covers the whole viewport (all four corners, whatever the rotation).
    public var visibleBounds: BoundingBox {
        let corners = [Point(x: 0, y: 0), Point(x: viewport.width, y: 0),
                       Point(x: viewport.width, y: viewport.height), Point(x: 0, y: viewport.height)]
        return BoundingBox(points: corners.map(worldPoint(atScreen:)))
    }

    /// Moves the map so that the world point under screen point `from` comes under `to`, while
    /// zooming by `zoomDelta` levels and rotating by `rotationDelta` degrees about that point.
    /// This one operation is pan, pinch, rotate, wheel and double-tap alike.
    public func moving(from: Point, to: Point, zoomDelta: Double = 0, rotationDelta: Double = 0,
                       within constraints: CameraConstraints) -> Camera {
        let anchor = worldPoint(atScreen: from)
        var next = self
        next.zoom = constraints.clampZoom(zoom + zoomDelta)
        if constraints.allowsRotation {
            next.bearing = Self.normalizedBearing(bearing - rotationDelta)
        }
        // Put the anchor under `to`: centre = anchor - (to - half) in world units.
        next.center = anchor - ((to - viewport.center).rotated(by: -next.screenRotation) / next.scale)
        return constraints.clamp(next)
    }

    static func normalizedBearing(_ b: Double) -> Double {
        var r = b.truncatingRemainder(dividingBy: 360)
        if r > 180 { r -= 360 }
        if r <= -180 { r += 360 }
        return r
    }
}

/// The limits a visitor cannot push the camera past: zoom range, the region, rotation allowed or not.
public struct CameraConstraints: Sendable, Equatable {
    /// The region in world units; the viewport centre stays inside it, so the region never leaves the screen.
    public var bounds: BoundingBox
    public var minZoom: Double
    public var maxZoom: Double
    public var allowsRotation: Bool

    public init(bounds: BoundingBox, minZoom: Double, maxZoom: Double, allowsRotation: Bool = false) {
        self.bounds = bounds
        self.minZoom = min(minZoom, maxZoom)
        self.maxZoom = max(minZoom, maxZoom)
        self.allowsRotation = allowsRotation
    }

    /// Bounds given as geographic west, south, east, north.
    public init(west: Double, south: Double, east: Double, north: Double,
                minZoom: Double, maxZoom: Double, allowsRotation: Bool = false) {
        let a = WebMercator.project(GeoCoordinate(latitude: north, longitude: west))
        let b = WebMercator.project(GeoCoordinate(latitude: south, longitude: east))
        self.init(bounds: BoundingBox(minX: a.x, minY: a.y, maxX: b.x, maxY: b.y),
                  minZoom: minZoom, maxZoom: maxZoom, allowsRotation: allowsRotation)
    }

    public func clampZoom(_ z: Double) -> Double { min(max(z, minZoom), maxZoom) }

    public func clamp(_ camera: Camera) -> Camera {
        var c = camera
        c.zoom = clampZoom(c.zoom)
        if !allowsRotation { c.bearing = 0 }
        c.center = bounds.clamped(c.center)
        return c
    }
}
