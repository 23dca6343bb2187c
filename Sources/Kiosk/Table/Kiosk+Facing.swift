import InputModel
import MapGeometry

/// A table read from both long edges: the whole interface turned for a group across it, and
/// each panel opened facing the hand that asked for it.
extension Kiosk {
    /// The side the whole interface faces now (the turn control; the configured side at rest).
    public var interfaceFacing: Facing { visitor.interfaceFacing ?? settings.facing }

    /// The side the visitor's panels face, within the interface: where the touch that opened
    /// them came from.
    public var panelFacing: Facing { visitorView.facing }

    /// The side the interface faces at rest (replays, screenshots, a kiosk set up the other way).
    public mutating func setRestingFacing(_ facing: Facing) {
        settings.facing = facing
        visitor.interfaceFacing = nil
        relayout()
        needsRedraw = true
    }

    /// Turns the open panel to face a side, as a touch from there would (screenshots).
    public mutating func facePanels(_ facing: Facing) {
        visitor.panelFacing = facing
        refreshVisitorView()
        needsRedraw = true
    }

    /// The turn control: the interface (bar, title, panels, map) faces the other long edge.
    mutating func turnInterface() {
        visitor.interfaceFacing = interfaceFacing.opposite
        visitor.panelFacing = .bottom
        refreshVisitorView()
    }

    /// On a table, the panels a touch opens face its side: a touch in the upper half of the
    /// interface is a hand from across the table. Touches on the open panel keep its side.
    mutating func facePanels(towardTouchAt p: Point) {
        guard settings.screenMode == .table, !visitorView.covers(layoutPoint(p)) else { return }
        visitor.panelFacing = p.y < viewport.height / 2 ? .top : .bottom
    }

    /// A touch where the screen felt it, in the interface's own coordinates.
    func interfacePoint(_ event: InputEvent) -> InputEvent {
        let facing = interfaceFacing
        guard facing == .top else { return event }
        let size = viewport
        func turn(_ p: Point) -> Point { facing.point(p, within: size) }
        switch event {
        case .fingerDown(let id, let p): return .fingerDown(id: id, position: turn(p))
        case .fingerMotion(let id, let p): return .fingerMotion(id: id, position: turn(p))
        case .fingerUp(let id, let p): return .fingerUp(id: id, position: turn(p))
        case .mouseDown(let p): return .mouseDown(position: turn(p))
        case .mouseMotion(let p): return .mouseMotion(position: turn(p))
        case .mouseUp(let p): return .mouseUp(position: turn(p))
        case .wheel(let notches, let p): return .wheel(notches: notches, position: turn(p))
        case .key, .resize: return event
        }
    }

    /// Where a point of the interface is on the screen (the inverse of ``interfacePoint(_:)``).
    public func screenPoint(ofInterfacePoint p: Point) -> Point {
        interfaceFacing.point(p, within: viewport)
    }
}
