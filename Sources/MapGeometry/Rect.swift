/// A size in pixels (or any planar unit).
public struct Size: Hashable, Sendable, Codable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Parses "WxH" as typed on a command line.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0,
              w <= 16384, h <= 16384 else { return nil }
        self.init(width: Double(w), height: Double(h))
    }

    public var center: Point { Point(x: width / 2, y: height / 2) }
}

/// A screen rectangle, origin top-left.
public struct Rect: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var center: Point { Point(x: x + width / 2, y: y + height / 2) }

    public func contains(_ p: Point) -> Bool {
        p.x >= x && p.x <= x + width && p.y >= y && p.y <= y + height
    }

    /// Whether the rectangle and a disc overlap (the disc's nearest point to the centre lies inside).
    public func intersects(circle center: Point, radius: Double) -> Bool {
        let nx = Swift.min(Swift.max(center.x, minX), maxX), ny = Swift.min(Swift.max(center.y, minY), maxY)
        let dx = center.x - nx, dy = center.y - ny
        return dx * dx + dy * dy < radius * radius
    }

    public func intersects(_ o: Rect) -> Bool {
        !(o.x >= maxX || o.maxX <= x || o.y >= maxY || o.maxY <= y)
    }

    public func insetBy(dx: Double, dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }
}
