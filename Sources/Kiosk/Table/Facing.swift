import MapGeometry

/// Which long edge of the screen a visitor stands at: the bottom one (the way a wall screen is
/// read) or the top one, across a table, who reads everything turned by 180°.
public enum Facing: String, Sendable, CaseIterable {
    case bottom, top

    public var opposite: Facing { self == .bottom ? .top : .bottom }

    /// A point as seen from this side: unchanged from the bottom, turned by 180° about the
    /// screen's middle from the top (the same turn maps back).
    public func point(_ p: Point, within screen: Size) -> Point {
        self == .bottom ? p : Point(x: screen.width - p.x, y: screen.height - p.y)
    }

    public func rect(_ r: Rect, within screen: Size) -> Rect {
        self == .bottom ? r : Rect(x: screen.width - r.maxX, y: screen.height - r.maxY, width: r.width, height: r.height)
    }
}

/// How the kiosk stands: upright on a wall or a desk (read from one side), or flat as a table
/// with visitors on every side (panels open facing the hand that asked for them).
public enum ScreenMode: String, Sendable, CaseIterable {
    case wall, table
}
