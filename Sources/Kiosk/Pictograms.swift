import Foundation
import MapGeometry
import MapScene

/// Simple pictograms drawn as meshes, beside the words of each control.
enum Pictograms {
    static func plus(in r: Rect, width: Double, color: RGBA, into list: inout DisplayList) {
        let c = r.center, h = min(r.width, r.height) / 2
        list.append(Shapes.segment(from: Point(x: c.x - h, y: c.y), to: Point(x: c.x + h, y: c.y), width: width, color: color))
        list.append(Shapes.segment(from: Point(x: c.x, y: c.y - h), to: Point(x: c.x, y: c.y + h), width: width, color: color))
    }

    static func minus(in r: Rect, width: Double, color: RGBA, into list: inout DisplayList) {
        let c = r.center, h = min(r.width, r.height) / 2
        list.append(Shapes.segment(from: Point(x: c.x - h, y: c.y), to: Point(x: c.x + h, y: c.y), width: width, color: color))
    }

    static func house(in r: Rect, color: RGBA, background: RGBA, into list: inout DisplayList) {
        let roofTop = Point(x: r.center.x, y: r.minY)
        let eaves = r.minY + r.height * 0.45
        list.append(Shapes.triangle(roofTop, Point(x: r.minX, y: eaves), Point(x: r.maxX, y: eaves), color: color))
        let body = Rect(x: r.minX + r.width * 0.15, y: eaves - 1, width: r.width * 0.7, height: r.maxY - eaves + 1)
        list.append(Shapes.rect(body, color: color))
        let door = Rect(x: r.center.x - r.width * 0.1, y: r.maxY - r.height * 0.3, width: r.width * 0.2, height: r.height * 0.3)
        list.append(Shapes.rect(door, color: background))
    }

    static func speechBubble(in r: Rect, color: RGBA, into list: inout DisplayList) {
        let bubble = Rect(x: r.minX, y: r.minY, width: r.width, height: r.height * 0.75)
        Shapes.roundedFill(bubble, radius: r.height * 0.2, color: color, into: &list)
        list.append(Shapes.triangle(Point(x: r.minX + r.width * 0.2, y: bubble.maxY - 1),
                                    Point(x: r.minX + r.width * 0.45, y: bubble.maxY - 1),
                                    Point(x: r.minX + r.width * 0.15, y: r.maxY), color: color))
    }

    /// A pointing finger: a touch invitation.
    static func hand(center c: Point, size s: Double, color: RGBA, into list: inout DisplayList) {
        list.append(Shapes.circle(center: Point(x: c.x, y: c.y + s * 0.15), radius: s * 0.3, color: color))
        Shapes.roundedFill(Rect(x: c.x - s * 0.1, y: c.y - s * 0.5, width: s * 0.2, height: s * 0.55),
                           radius: s * 0.1, color: color, into: &list)
    }
}
