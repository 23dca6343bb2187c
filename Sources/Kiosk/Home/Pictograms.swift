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

    /// A loudspeaker with two sound waves: "read aloud".
    static func speaker(in r: Rect, color: RGBA, into list: inout DisplayList) {
        let s = min(r.width, r.height)
        let o = Point(x: r.center.x - s / 2, y: r.center.y - s / 2)
        func p(_ x: Double, _ y: Double) -> Float2 { (Float(o.x + x * s), Float(o.y + y * s)) }
        // The box and the cone as one mesh.
        let points = [p(0.05, 0.35), p(0.28, 0.35), p(0.55, 0.1), p(0.55, 0.9), p(0.28, 0.65), p(0.05, 0.65)]
        list.append(MeshPrimitive(vertices: points.flatMap { [$0.0, $0.1] }, indices: [0, 1, 4, 0, 4, 5, 1, 2, 3, 1, 3, 4], color: color))
        let width = max(1.5, s * 0.07)
        for (radius, span) in [(0.2, 0.7), (0.36, 0.8)] {
            var previous: Point?
            for k in 0...8 {
                let angle = -span + 2 * span * Double(k) / 8
                let q = Point(x: o.x + s * (0.58 + radius * cos(angle)), y: o.y + s * (0.5 + radius * sin(angle)))
                if let previous { list.append(Shapes.segment(from: previous, to: q, width: width, color: color)) }
                previous = q
            }
        }
    }

    typealias Float2 = (Float, Float)

    /// Two arrows chasing each other round a circle: "turn the screen round".
    static func halfTurn(in r: Rect, width: Double, color: RGBA, into list: inout DisplayList) {
        let c = r.center, radius = min(r.width, r.height) * 0.4
        func at(_ angle: Double) -> Point { Point(x: c.x + radius * cos(angle), y: c.y + radius * sin(angle)) }
        for start in [Double.pi * 0.15, Double.pi * 1.15] {
            let end = start + Double.pi * 0.75
            var previous = at(start)
            for k in 1...10 {
                let q = at(start + (end - start) * Double(k) / 10)
                list.append(Shapes.segment(from: previous, to: q, width: width, color: color))
                previous = q
            }
            // The head, along the circle's direction at its end.
            let tip = at(end + 0.35), tangent = end + Double.pi / 2
            let back = Point(x: tip.x - radius * 0.55 * cos(tangent), y: tip.y - radius * 0.55 * sin(tangent))
            let side = Point(x: cos(end) * radius * 0.32, y: sin(end) * radius * 0.32)
            list.append(Shapes.triangle(tip, back + side, back - side, color: color))
        }
    }

    /// Four squares, two by two, in the colours given (one colour: all four), outlined: "the
    /// map in colours by territory".
    static func shadedSquares(in r: Rect, colors: [RGBA], outline: RGBA, into list: inout DisplayList) {
        let side = min(r.width, r.height) / 2
        let origin = Point(x: r.center.x - side, y: r.center.y - side)
        for k in 0..<4 {
            let cell = Rect(x: origin.x + Double(k % 2) * side, y: origin.y + Double(k / 2) * side, width: side, height: side)
            list.append(Shapes.fill(cell, color: outline))
            let color = colors[min(k, colors.count - 1)]
            if color != outline { list.append(Shapes.fill(cell.insetBy(dx: 1.5, dy: 1.5), color: color)) }
        }
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

extension Pictograms {
    /// A map pin: "near here".
    static func pin(in r: Rect, color: RGBA, hole: RGBA, into list: inout DisplayList) {
        let radius = min(r.width, r.height) * 0.32
        let c = Point(x: r.center.x, y: r.minY + radius)
        list.append(Shapes.circle(center: c, radius: radius, color: color))
        list.append(Shapes.triangle(Point(x: c.x - radius * 0.85, y: c.y + radius * 0.5), Point(x: c.x + radius * 0.85, y: c.y + radius * 0.5),
                                    Point(x: c.x, y: r.maxY), color: color))
        list.append(Shapes.circle(center: c, radius: radius * 0.4, color: hole))
    }

    /// A magnifying glass: "search".
    static func magnifier(in r: Rect, color: RGBA, background: RGBA, into list: inout DisplayList) {
        let s = min(r.width, r.height)
        let c = Point(x: r.minX + s * 0.42, y: r.minY + s * 0.42)
        list.append(Shapes.circle(center: c, radius: s * 0.34, color: color))
        list.append(Shapes.circle(center: c, radius: s * 0.22, color: background))
        list.append(Shapes.segment(from: Point(x: c.x + s * 0.22, y: c.y + s * 0.22), to: Point(x: r.minX + s * 0.95, y: r.minY + s * 0.95),
                                   width: s * 0.14, color: color))
    }

    /// `reflected`: drawn the other way round, in an interface about to be shown reflected (right
    /// to left): a tick looks the same in every language.
    static func check(in r: Rect, width: Double, color: RGBA, reflected: Bool = false, into list: inout DisplayList) {
        func x(_ fraction: Double) -> Double { reflected ? r.maxX - r.width * fraction : r.minX + r.width * fraction }
        let a = Point(x: x(0), y: r.minY + r.height * 0.55), b = Point(x: x(0.38), y: r.maxY)
        let c = Point(x: x(1), y: r.minY + r.height * 0.1)
        list.append(Shapes.segment(from: a, to: b, width: width, color: color))
        list.append(Shapes.segment(from: b, to: c, width: width, color: color))
    }

    static func cross(in r: Rect, width: Double, color: RGBA, into list: inout DisplayList) {
        list.append(Shapes.segment(from: Point(x: r.minX, y: r.minY), to: Point(x: r.maxX, y: r.maxY), width: width, color: color))
        list.append(Shapes.segment(from: Point(x: r.maxX, y: r.minY), to: Point(x: r.minX, y: r.maxY), width: width, color: color))
    }

    /// A face from 1 (sad) to 5 (very happy): the satisfaction scale.
    static func face(_ level: Int, in r: Rect, color: RGBA, background: RGBA, into list: inout DisplayList) {
        let s = min(r.width, r.height), c = r.center
        list.append(Shapes.circle(center: c, radius: s * 0.5, color: color))
        list.append(Shapes.circle(center: c, radius: s * 0.43, color: background))
        list.append(Shapes.circle(center: Point(x: c.x - s * 0.16, y: c.y - s * 0.12), radius: s * 0.06, color: color))
        list.append(Shapes.circle(center: Point(x: c.x + s * 0.16, y: c.y - s * 0.12), radius: s * 0.06, color: color))
        // The mouth bends from down (1) to up (5).
        let curve = Double(level - 3) * s * 0.06
        let y = c.y + s * 0.2
        var previous: Point?
        for step in 0...8 {
            let t = Double(step) / 8 * 2 - 1
            let p = Point(x: c.x + t * s * 0.22, y: y + curve * (1 - t * t) - curve * 0.5)
            if let previous { list.append(Shapes.segment(from: previous, to: p, width: s * 0.06, color: color)) }
            previous = p
        }
    }

    /// A computer screen: conseillers numériques.
    static func monitor(in r: Rect, color: RGBA, into list: inout DisplayList) {
        let screen = Rect(x: r.minX, y: r.minY + r.height * 0.1, width: r.width, height: r.height * 0.6)
        list.append(Shapes.rect(screen, color: color))
        list.append(Shapes.rect(Rect(x: r.center.x - r.width * 0.08, y: screen.maxY, width: r.width * 0.16, height: r.height * 0.18), color: color))
        list.append(Shapes.rect(Rect(x: r.center.x - r.width * 0.3, y: r.maxY - r.height * 0.1, width: r.width * 0.6, height: r.height * 0.1), color: color))
    }

    /// A ramp (a slope under a wheel) for the ramp answers.
    static func ramp(in r: Rect, color: RGBA, into list: inout DisplayList) {
        list.append(Shapes.triangle(Point(x: r.minX, y: r.maxY), Point(x: r.maxX, y: r.maxY), Point(x: r.maxX, y: r.minY + r.height * 0.45), color: color))
        list.append(Shapes.circle(center: Point(x: r.minX + r.width * 0.45, y: r.minY + r.height * 0.35), radius: r.height * 0.2, color: color))
    }

    /// A ramp one carries: a thin slope with a handle on its top, for "rampe amovible" (the fixed
    /// ramp carries a wheel instead).
    static func portableRamp(in r: Rect, color: RGBA, into list: inout DisplayList) {
        let top = Point(x: r.maxX, y: r.minY + r.height * 0.55)
        list.append(Shapes.triangle(Point(x: r.minX, y: r.maxY), Point(x: r.maxX, y: r.maxY), top, color: color))
        let w = max(2, r.height * 0.09)
        let left = Point(x: r.minX + r.width * 0.45, y: r.minY + r.height * 0.72), right = Point(x: r.minX + r.width * 0.8, y: r.minY + r.height * 0.6)
        let lift = r.height * 0.42
        let leftUp = Point(x: left.x, y: left.y - lift), rightUp = Point(x: right.x, y: right.y - lift)
        list.append(Shapes.segment(from: left, to: leftUp, width: w, color: color))
        list.append(Shapes.segment(from: leftUp, to: rightUp, width: w, color: color))
        list.append(Shapes.segment(from: rightUp, to: right, width: w, color: color))
    }
}
