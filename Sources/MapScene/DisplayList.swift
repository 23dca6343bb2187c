import MapGeometry

/// Triangles in screen pixels, all of one colour: what `SDL_RenderGeometry` draws in one call.
public struct MeshPrimitive: Sendable, Equatable {
    /// Interleaved x, y screen coordinates.
    public var vertices: [Float]
    public var indices: [Int32]
    public var color: RGBA

    public init(vertices: [Float] = [], indices: [Int32] = [], color: RGBA) {
        self.vertices = vertices
        self.indices = indices
        self.color = color
    }

    public var triangleCount: Int { indices.count / 3 }
}

/// Axis-aligned rectangles in screen pixels, all of one colour: the fastest fill a software
/// renderer has (`SDL_RenderFillRectsF`), used for the inside of large polygons.
public struct RectsPrimitive: Sendable, Equatable {
    /// x, y, width, height for each rectangle.
    public var rects: [Float]
    public var color: RGBA

    public init(rects: [Float], color: RGBA) {
        self.rects = rects
        self.color = color
    }

    public var count: Int { rects.count / 4 }

    /// The pixels rectangle `k` fills: its edges rounded to whole pixels (a rectangle with any
    /// width or height at least one pixel wide), the same on every renderer and sharp.
    public func pixelRect(_ k: Int) -> PixelRect {
        let x = rects[4 * k], y = rects[4 * k + 1], w = rects[4 * k + 2], h = rects[4 * k + 3]
        let left = Int(x.rounded()), top = Int(y.rounded())
        return PixelRect(x: left, y: top, width: w > 0 ? max(1, Int((x + w).rounded()) - left) : 0,
                         height: h > 0 ? max(1, Int((y + h).rounded()) - top) : 0)
    }
}

/// One-pixel polylines in screen pixels, all of one colour; run k is points runStarts[k] ..< runStarts[k + 1].
public struct PolylinesPrimitive: Sendable, Equatable {
    public var points: [Float]
    public var runStarts: [Int32]
    public var color: RGBA

    public init(points: [Float], runStarts: [Int32], color: RGBA) {
        self.points = points
        self.runStarts = runStarts
        self.color = color
    }
}

/// A line of text anchored at a point: horizontally by `alignment`, vertically at its middle.
/// A turned line is drawn upside down (turned by 180° about its anchor): `alignment` still names
/// where the line starts in its own reading direction, so a turned left-aligned line runs to
/// the left of its anchor.
public struct TextPrimitive: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable { case left, center, right }

    public var text: String
    public var anchor: Point
    public var size: Double
    public var color: RGBA
    public var halo: RGBA?
    public var alignment: Alignment
    public var bold: Bool
    public var turned = false
    /// Part of a right-to-left interface: the line's ends and its punctuation follow that
    /// direction (otherwise its first letter decides, as for a place's name on the map).
    public var rightToLeft = false

    public init(_ text: String, at anchor: Point, size: Double, color: RGBA, halo: RGBA? = nil,
                alignment: Alignment = .center, bold: Bool = false) {
        self.text = text
        self.anchor = anchor
        self.size = size
        self.color = color
        self.halo = halo
        self.alignment = alignment
        self.bold = bold
    }
}

/// Names a stamp's look: everything that changes how it looks (a marker's glyph, size, colours).
/// Any hashable value will do; the ``StampLibrary`` the backend was given draws it.
public struct StampKey: Hashable, @unchecked Sendable {
    // Only ever made from a `Hashable & Sendable` value (see `init`), hence unchecked.
    public let look: AnyHashable
    public init(_ look: some Hashable & Sendable) { self.look = AnyHashable(look) }
}

/// Draws the stamps a frame names by key. The shell hands one to the backend once (see
/// `FrameRenderer.register(stamps:)`); the backend asks it only the first time it meets a key,
/// then copies what it made.
public protocol StampLibrary: Sendable {
    /// The shapes of the look `key` names, centred on `center`, within the stamp's radius of it;
    /// nil for a key this library does not know.
    func shapes(of key: StampKey, centeredAt center: Point) -> DisplayList?
}

/// A small drawing made once and then copied wherever it is needed (a marker): its key, where
/// its centre goes, and the radius its drawing stays within.
public struct StampPrimitive: Sendable, Equatable {
    public var key: StampKey
    public var center: Point
    public var radius: Double

    public init(key: StampKey, center: Point, radius: Double) {
        self.key = key
        self.center = center
        self.radius = radius
    }
}

/// The basemap's geometry for a camera, left for the backend to draw with the basemap it was
/// given (see `FrameRenderer.register(basemap:)`): directly, or from tiles it rendered earlier
/// (see ``TilePlanner``). Labels are not part of it.
public struct BasemapRequest: Sendable, Equatable {
    public var camera: Camera
    /// The prepared basemap and style to draw it with (``MapRenderer/identity``): a reload
    /// makes a new one.
    public var map: ObjectIdentifier
    /// Colours of the territories (the coverage view), drawn by the style's `shade` layers.
    public var shading: ThematicShading?

    public init(camera: Camera, map: ObjectIdentifier, shading: ThematicShading? = nil) {
        self.camera = camera
        self.map = map
        self.shading = shading
    }
}

/// One frame as a list of primitives, in drawing order: plain data, comparable and printable.
/// The backend only carries them out.
public struct DisplayList: Sendable, Equatable {
    public enum Item: Sendable, Equatable {
        case mesh(MeshPrimitive)
        case rects(RectsPrimitive)
        case polylines(PolylinesPrimitive)
        case text(TextPrimitive)
        case basemap(BasemapRequest)
        case stamp(StampPrimitive)
    }

    public var background: RGBA
    public private(set) var items: [Item] = []
    /// The whole frame is shown turned by 180° (a group on the far side of a table): the
    /// backend turns the finished picture, so that nothing it keeps between frames (tiles,
    /// text images) changes.
    public var turned = false

    public init(background: RGBA) {
        self.background = background
    }

    /// A mesh of the same colour as the one before it joins it: one draw call instead of many
    /// (markers, pictograms), with the same result since nothing is drawn in between.
    public mutating func append(_ mesh: MeshPrimitive) {
        guard !mesh.indices.isEmpty else { return }
        if case .mesh(var last)? = items.last, last.color == mesh.color, last.vertices.count / 2 + mesh.vertices.count / 2 < Int(Int32.max) {
            let offset = Int32(last.vertices.count / 2)
            last.vertices += mesh.vertices
            last.indices += mesh.indices.map { $0 + offset }
            items[items.count - 1] = .mesh(last)
            return
        }
        items.append(.mesh(mesh))
    }

    public mutating func append(_ rects: RectsPrimitive) {
        guard !rects.rects.isEmpty else { return }
        if case .rects(var last)? = items.last, last.color == rects.color {
            last.rects += rects.rects
            items[items.count - 1] = .rects(last)
            return
        }
        items.append(.rects(rects))
    }

    public mutating func append(_ lines: PolylinesPrimitive) {
        guard lines.runStarts.count > 1 else { return }
        items.append(.polylines(lines))
    }

    public mutating func append(_ stamp: StampPrimitive) {
        items.append(.stamp(stamp))
    }

    public mutating func append(_ request: BasemapRequest) {
        items.append(.basemap(request))
    }

    public mutating func append(_ text: TextPrimitive) {
        guard !text.text.isEmpty else { return }
        items.append(.text(text))
    }

    public var triangleCount: Int {
        items.reduce(0) { total, item in
            if case .mesh(let m) = item { return total + m.triangleCount }
            return total
        }
    }

    /// Whole pixels that opaque rectangles drawn after item `index` cover completely, at least
    /// `minimumSide` pixels each way (the interface's bars and panels): what is drawn up to that
    /// item there never shows, so the basemap need not be copied there. An area inside another
    /// (a button on its panel) is left out: it hides nothing more.
    public func opaqueAreas(after index: Int, minimumSide: Int) -> [PixelRect] {
        var areas: [PixelRect] = []
        for item in items.dropFirst(index + 1) {
            guard case .rects(let rects) = item, rects.color.a == 255 else { continue }
            for k in 0..<rects.count {
                // The pixels the rectangle fills (the painters round its edges the same way).
                let area = rects.pixelRect(k)
                if area.width >= minimumSide && area.height >= minimumSide { areas.append(area) }
            }
        }
        return areas.enumerated().filter { n, area in
            !areas.enumerated().contains { m, other in m != n && other.contains(area) && (other != area || m < n) }
        }.map(\.element)
    }

    public var texts: [TextPrimitive] {
        items.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }
}
