import Foundation
import MapGeometry
import MapScene
import Places
import QRCodes

/// What the visitor's panels show, already placed on screen: one description serves drawing and
/// hit-testing, so what is seen is what is touched.
public struct VisitorView: Sendable {
    public enum ButtonStyle: Sendable, Equatable {
        /// The main action of a panel ("Donner mon avis", "Envoyer").
        case primary
        case secondary
        /// A list row (left-aligned text drawn separately).
        case row
        case key
        /// A large answer of the form, with its pictogram.
        case answer
    }

    public enum Icon: Sendable, Equatable {
        case yes, no, unknown, face(Int), ramp, portableRamp, noRamp
    }

    public struct Button: Sendable {
        public var control: Control
        public var rect: Rect
        public var label: String
        public var style: ButtonStyle
        public var icon: Icon?
        /// A chosen answer or a pressed chip is shown as selected.
        public var selected = false
    }

    /// A coloured dot: open (green) or closed (red) beside a line.
    public struct Dot: Sendable {
        public var center: Point
        public var radius: Double
        public var color: RGBA
    }

    /// A patch of colour: a legend's key, a bar of a score.
    public struct Swatch: Sendable {
        public var rect: Rect
        public var color: RGBA
    }

    /// A QR code to take along, its quiet zone included in `rect` (whole pixels a module).
    public struct Code: Sendable {
        public var rect: Rect
        public var code: QRCode
        /// What it holds (the link, the vCard), for tests and logs.
        public var text: String
    }

    /// A marker drawn in the legend, as the map draws it.
    struct LegendMarker: Sendable {
        enum Kind: Sendable { case place(PlaceNetwork), approximate(PlaceNetwork), cluster }
        var center: Point
        var radius: Double
        var kind: Kind
    }

    public var panels: [Rect] = []
    public var codes: [Code] = []
    var legendMarkers: [LegendMarker] = []
    public var swatches: [Swatch] = []
    public var buttons: [Button] = []
    public var texts: [TextPrimitive] = []
    public var dots: [Dot] = []
    /// Text fields (drawn in the button colour, under their text).
    public var fields: [Rect] = []
    /// Covers the whole screen: the map does not move beneath.
    public var modal = false
    /// The side of the table the panels face. Everything above is laid out upright; facing the
    /// top, it is shown turned by 180° about the middle of `screen`, and touched there.
    public var facing = Facing.bottom
    public var screen = Size(width: 0, height: 0)

    public static let empty = VisitorView()

    public func control(at p: Point) -> Control? {
        let p = facing.point(p, within: screen)
        return buttons.last { $0.rect.contains(p) }?.control
    }

    /// Whether a touch at `p` belongs to the panels rather than to the map.
    public func covers(_ p: Point) -> Bool {
        let p = facing.point(p, within: screen)
        return modal || panels.contains { $0.contains(p) } || buttons.contains { $0.rect.contains(p) }
    }

    /// Where a rectangle of the layout is shown (turned with the panels).
    public func shown(_ r: Rect) -> Rect { facing.rect(r, within: screen) }
}
