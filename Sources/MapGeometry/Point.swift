/// A point in a plane: screen pixels, or Web Mercator world units (see ``WebMercator``).
public struct Point: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static let zero = Point(x: 0, y: 0)

    public static func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }
    public static func - (a: Point, b: Point) -> Point { Point(x: a.x - b.x, y: a.y - b.y) }
    public static func * (a: Point, s: Double) -> Point { Point(x: a.x * s, y: a.y * s) }
    public static func / (a: Point, s: Double) -> Point { Point(x: a.x / s, y: a.y / s) }

    public var length: Double { (x * x + y * y).squareRoot() }

    public func distance(to other: Point) -> Double { (self - other).length }

    /// Rotates about the origin by `radians` (positive turns +x towards +y, i.e. clockwise on a screen).
    public func rotated(by radians: Double) -> Point {
        if radians == 0 { return self }
        let c = cos(radians), s = sin(radians)
        return Point(x: x * c - y * s, y: x * s + y * c)
    }

    /// The mean of some points; `nil` for none.
    public static func centroid<C: Collection>(of points: C) -> Point? where C.Element == Point {
        guard !points.isEmpty else { return nil }
        var sum = Point.zero
        for p in points { sum = sum + p }
        return sum / Double(points.count)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
