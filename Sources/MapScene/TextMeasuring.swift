import MapGeometry

/// Measures text as the screen will draw it; the SDL backend answers with the real font.
public protocol TextMeasuring: Sendable {
    func measure(_ text: String, size: Double, bold: Bool) -> Size
}

/// An estimate from the average glyph width of a sans-serif font, for layout without a font
/// (unit tests of layout and hit-testing). Slightly generous, so that real text fits its estimate.
public struct EstimatedTextMeasurer: TextMeasuring {
    public init() {}

    public func measure(_ text: String, size: Double, bold: Bool) -> Size {
        Size(width: Double(text.count) * size * (bold ? 0.66 : 0.6), height: size * 1.2)
    }
}
