import Foundation
import MapGeometry

/// Draws the prepared basemap for a camera: cull buckets, pick the level of detail, transform to
/// screen pixels. Nothing is parsed, projected or triangulated here.
public struct MapRenderer: Sendable {
    public var basemap: PreparedBasemap
    public var style: MapStyle

    public init(basemap: PreparedBasemap, style: MapStyle) {
        self.basemap = basemap
        self.style = style
    }

    public func draw(camera: Camera, into list: inout DisplayList) {
        let visible = camera.visibleBounds
        let transform = ScreenTransform(camera: camera)
        for layer in style.layers where layer.isVisible(atZoom: camera.zoom) {
            guard let level = basemap.level(of: layer.source, atZoom: camera.zoom) else { continue }
            switch layer.type {
            case .fill:
                for bucket in level.fills where bucket.bounds.intersects(visible) {
                    list.append(transform.fill(bucket, color: layer.color))
                }
            case .line:
                let halfWidth = Float((layer.width ?? 1) / 2)
                let margin = Double(halfWidth) / camera.scale
                for bucket in level.lines where bucket.bounds.expanded(by: margin).intersects(visible) {
                    list.append(transform.line(bucket, halfWidth: halfWidth, color: layer.color))
                }
            }
        }
    }
}

/// World → screen for one frame, as a 2×2 matrix and an offset in Float.
struct ScreenTransform {
    let m00: Float, m01: Float, m10: Float, m11: Float
    let camera: Camera

    init(camera: Camera) {
        self.camera = camera
        let s = camera.scale
        let r = camera.screenRotation
        m00 = Float(cos(r) * s); m01 = Float(-sin(r) * s)
        m10 = Float(sin(r) * s); m11 = Float(cos(r) * s)
    }

    /// Screen position of a bucket's origin: where its (0, 0) lands.
    func offset(for origin: Point) -> (Float, Float) {
        let o = camera.screenPoint(of: origin)
        return (Float(o.x), Float(o.y))
    }

    func fill(_ bucket: FillBucket, color: RGBA) -> MeshPrimitive {
        let (ox, oy) = offset(for: bucket.origin)
        let src = bucket.positions
        var out = [Float](repeating: 0, count: src.count)
        src.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { d in
                var i = 0
                while i < s.count {
                    let x = s[i], y = s[i + 1]
                    d[i] = m00 * x + m01 * y + ox
                    d[i + 1] = m10 * x + m11 * y + oy
                    i += 2
                }
            }
        }
        return MeshPrimitive(vertices: out, indices: bucket.indices, color: color)
    }

    func line(_ bucket: LineBucket, halfWidth: Float, color: RGBA) -> MeshPrimitive {
        let (ox, oy) = offset(for: bucket.origin)
        let src = bucket.positions
        let ext = bucket.extrusions
        // Extrusions turn with the map but do not scale with the zoom.
        let s = Float(camera.scale)
        let r00 = m00 / s * halfWidth, r01 = m01 / s * halfWidth
        let r10 = m10 / s * halfWidth, r11 = m11 / s * halfWidth
        var out = [Float](repeating: 0, count: src.count)
        src.withUnsafeBufferPointer { sp in
            ext.withUnsafeBufferPointer { ep in
                out.withUnsafeMutableBufferPointer { d in
                    var i = 0
                    while i < sp.count {
                        let x = sp[i], y = sp[i + 1], ex = ep[i], ey = ep[i + 1]
                        d[i] = m00 * x + m01 * y + ox + r00 * ex + r01 * ey
                        d[i + 1] = m10 * x + m11 * y + oy + r10 * ex + r11 * ey
                        i += 2
                    }
                }
            }
        }
        return MeshPrimitive(vertices: out, indices: bucket.indices, color: color)
    }
}
