/// An axis-aligned rectangle; `empty` contains nothing and grows to fit what is added.
public struct BoundingBox: Hashable, Sendable, Codable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public static let empty = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    public init<S: Sequence>(points: S) where S.Element == Point {
        self = .empty
        for p in points { include(p) }
    }

    public var isEmpty: Bool { minX > maxX || minY > maxY }
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var center: Point { Point(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    public mutating func include(_ p: Point) {
        if p.x < minX { minX = p.x }
        if p.y < minY { minY = p.y }
        if p.x > maxX { maxX = p.x }
        if p.y > maxY { maxY = p.y }
    }

    public mutating func include(_ box: BoundingBox) {
        guard !box.isEmpty else { return }
        minX = Swift.min(minX, box.minX)
        minY = Swift.min(minY, box.minY)
        maxX = Swift.max(maxX, box.maxX)
        maxY = Swift.max(maxY, box.maxY)
    }

    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    public func intersects(_ other: BoundingBox) -> Bool {
        !(other.minX > maxX || other.maxX < minX || other.minY > maxY || other.maxY < minY)
    }

    /// The part two boxes share, or nil when they do not overlap.
    public func intersection(_ other: BoundingBox) -> BoundingBox? {
        let box = BoundingBox(minX: Swift.max(minX, other.minX), minY: Swift.max(minY, other.minY),
                              maxX: Swift.min(maxX, other.maxX), maxY: Swift.min(maxY, other.maxY))
        return box.minX < box.maxX && box.minY < box.maxY ? box : nil
    }

    /// The nearest point of the box to `p` (p itself when inside).
    public func clamped(_ p: Point) -> Point {
        Point(x: Swift.min(Swift.max(p.x, minX), maxX), y: Swift.min(Swift.max(p.y, minY), maxY))
    }

    public func expanded(by margin: Double) -> BoundingBox {
        BoundingBox(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }
}
