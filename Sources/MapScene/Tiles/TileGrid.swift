import Foundation
import MapGeometry

/// One square of the basemap drawn at one zoom: column `x`, row `y` of that zoom's grid.
public struct TileKey: Hashable, Sendable, CustomStringConvertible {
    public var zoom: Double
    public var x: Int
    public var y: Int

    public init(zoom: Double, x: Int, y: Int) {
        self.zoom = zoom
        self.x = x
        self.y = y
    }

    public var description: String { "\(zoom)/\(x)/\(y)" }
}

/// A rectangle of whole pixels on screen.
public struct PixelRect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func intersects(_ other: PixelRect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// Every pixel of `other` is one of this rectangle's.
    public func contains(_ other: PixelRect) -> Bool {
        other.x >= x && other.y >= y && other.maxX <= maxX && other.maxY <= maxY
    }

    /// The part both share, or nil when they do not overlap.
    public func intersection(_ other: PixelRect) -> PixelRect? {
        let x0 = max(x, other.x), y0 = max(y, other.y), x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return x1 > x0 && y1 > y0 ? PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0) : nil
    }

    /// What is left of this rectangle outside `other`: up to four rectangles (the bands above
    /// and below it, then the parts left and right of it), none overlapping.
    public func subtracting(_ other: PixelRect) -> [PixelRect] {
        guard let cut = intersection(other) else { return [self] }
        var left: [PixelRect] = []
        if cut.y > y { left.append(PixelRect(x: x, y: y, width: width, height: cut.y - y)) }
        if cut.maxY < maxY { left.append(PixelRect(x: x, y: cut.maxY, width: width, height: maxY - cut.maxY)) }
        if cut.x > x { left.append(PixelRect(x: x, y: cut.y, width: cut.x - x, height: cut.height)) }
        if cut.maxX < maxX { left.append(PixelRect(x: cut.maxX, y: cut.y, width: maxX - cut.maxX, height: cut.height)) }
        return left
    }
}

/// The square grid the basemap is cut into at a given zoom: tile (x, y) holds the world pixels
/// x·size ..< (x+1)·size across and y·size ..< (y+1)·size down, the grid anchored at the world's
/// origin so that every tile of a zoom lands on whole pixels and neighbours join without a seam.
public struct TileGrid: Sendable, Equatable {
    /// Side of a tile in pixels.
    public var tileSize: Int

    public init(tileSize: Int = 256) {
        precondition(tileSize > 0, "a tile needs at least one pixel")
        self.tileSize = tileSize
    }

    /// World units across one tile at `zoom`.
    public func worldSize(atZoom zoom: Double) -> Double { Double(tileSize) / pow(2, zoom) }

    /// The camera that draws tile `key` into a `tileSize` square: north up, centred on the tile.
    public func camera(for key: TileKey) -> Camera {
        camera(forColumns: key.x...key.x, rows: key.y...key.y, atZoom: key.zoom)
    }

    /// The camera that draws a block of neighbouring tiles of one zoom into one canvas, tile
    /// (x, y) landing at ((x - columns.lowerBound)·size, (y - rows.lowerBound)·size).
    public func camera(forColumns columns: ClosedRange<Int>, rows: ClosedRange<Int>, atZoom zoom: Double) -> Camera {
        let side = worldSize(atZoom: zoom)
        let width = Double(columns.count), height = Double(rows.count)
        return Camera(center: Point(x: (Double(columns.lowerBound) + width / 2) * side, y: (Double(rows.lowerBound) + height / 2) * side),
                      zoom: zoom, viewport: Size(width: width * Double(tileSize), height: height * Double(tileSize)))
    }

    /// The world box a tile covers.
    public func bounds(of key: TileKey) -> BoundingBox {
        let side = worldSize(atZoom: key.zoom)
        return BoundingBox(minX: Double(key.x) * side, minY: Double(key.y) * side,
                           maxX: Double(key.x + 1) * side, maxY: Double(key.y + 1) * side)
    }

    /// Tiles of `zoom` that cover `box` (world units), row by row.
    public func keys(covering box: BoundingBox, atZoom zoom: Double) -> [TileKey] {
        let side = worldSize(atZoom: zoom)
        let x0 = Int((box.minX / side).rounded(.down)), x1 = Int((box.maxX / side).rounded(.up)) - 1
        let y0 = Int((box.minY / side).rounded(.down)), y1 = Int((box.maxY / side).rounded(.up)) - 1
        guard x1 >= x0, y1 >= y0 else { return [] }
        var keys: [TileKey] = []
        keys.reserveCapacity((x1 - x0 + 1) * (y1 - y0 + 1))
        for y in y0...y1 { for x in x0...x1 { keys.append(TileKey(zoom: zoom, x: x, y: y)) } }
        return keys
    }

    /// Tiles of `zoom` over a north-up camera's screen, grown by `margin` tiles on every side,
    /// nearest the screen's centre first (the order a person's eye and a fling need them in).
    public func keys(for camera: Camera, atZoom zoom: Double, margin: Int = 0) -> [TileKey] {
        let side = worldSize(atZoom: zoom)
        let grown = camera.visibleBounds.expanded(by: Double(margin) * side)
        let centre = camera.center
        return keys(covering: grown, atZoom: zoom).sorted { a, b in
            distanceSquared(a, centre, side) < distanceSquared(b, centre, side)
        }
    }

    private func distanceSquared(_ key: TileKey, _ p: Point, _ side: Double) -> Double {
        let dx = (Double(key.x) + 0.5) * side - p.x, dy = (Double(key.y) + 0.5) * side - p.y
        return dx * dx + dy * dy
    }

    /// Where a tile lands on a north-up camera's screen, in whole pixels. Edges are rounded from
    /// the tile grid's own lines, so neighbours share them: no gap, no overlap, at any scale.
    public func screenRect(of key: TileKey, under camera: Camera) -> PixelRect {
        let side = worldSize(atZoom: key.zoom)
        let scale = camera.scale
        // The screen x of world x is (x - centre.x)·scale + width/2; rounding the camera's share
        // once keeps a same-zoom tile exactly `tileSize` wide, whatever the fractional offset.
        let originX = (camera.viewport.width / 2 - camera.center.x * scale).rounded()
        let originY = (camera.viewport.height / 2 - camera.center.y * scale).rounded()
        func edge(_ index: Int, _ origin: Double) -> Int { Int((Double(index) * side * scale + origin).rounded()) }
        let x0 = edge(key.x, originX), x1 = edge(key.x + 1, originX)
        let y0 = edge(key.y, originY), y1 = edge(key.y + 1, originY)
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
