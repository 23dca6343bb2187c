import MapGeometry
import MapScene

/// Keys of the PIN pad and buttons of the staff screen.
public enum StaffControl: Hashable, Sendable {
    case digit(Int)
    case erase
    case confirm
    case cancel
    case reload
    case syncNow
    case placeKiosk
    case close
}

/// Where the PIN pad and the staff screen put their parts, centred, in millimetres.
struct StaffLayout: Sendable {
    var panel: Rect
    var controls: [StaffControl: Rect]
    var display: Rect

    /// A 3×4 pad (1–9, erase, 0, OK) under a display of the dots typed, and a cancel button.
    /// `keepsDigitsLeftToRight`: the pad is about to be shown reflected (a right-to-left
    /// interface), so its columns are laid out the other way round: digits read 1 2 3 in every
    /// language, as on a phone.
    static func pinPad(viewport: Size, metrics: ScreenMetrics, keepsDigitsLeftToRight reflected: Bool = false) -> StaffLayout {
        // 16 mm keys, and never smaller than the text they carry on a small, dense screen.
        let key = max(metrics.px(16), 56), gap = max(metrics.px(3), 8), title = max(metrics.px(10), 36)
        let width = 3 * key + 4 * gap
        let height = key * 0.9 + 4 * key + key * 0.8 + 7 * gap + title
        let panel = Rect(x: (viewport.width - width) / 2, y: max(gap, (viewport.height - height) / 2), width: width, height: height)
        let display = Rect(x: panel.x + gap, y: panel.y + title, width: width - 2 * gap, height: key * 0.9)
        var controls: [StaffControl: Rect] = [:]
        let order: [StaffControl] = [.digit(1), .digit(2), .digit(3), .digit(4), .digit(5), .digit(6),
                                     .digit(7), .digit(8), .digit(9), .erase, .digit(0), .confirm]
        for (i, control) in order.enumerated() {
            let row = Double(i / 3), col = Double(reflected ? 2 - i % 3 : i % 3)
            controls[control] = Rect(x: panel.x + gap + col * (key + gap), y: display.maxY + gap + row * (key + gap),
                                     width: key, height: key)
        }
        controls[.cancel] = Rect(x: panel.x + gap, y: display.maxY + gap + 4 * (key + gap), width: width - 2 * gap, height: key * 0.8)
        return StaffLayout(panel: panel, controls: controls, display: display)
    }

    /// The report lines over three buttons: reload the data, send the feedback now, close.
    static func staffScreen(viewport: Size, metrics: ScreenMetrics, lines: Int) -> StaffLayout {
        let gap = max(metrics.px(4), 10), line = max(metrics.px(9), 30), button = max(metrics.px(16), 56)
        let width = min(viewport.width - 2 * gap, max(metrics.px(180), 640))
        let height = max(metrics.px(14), 48) + Double(lines) * line + button + 3 * gap
        let panel = Rect(x: (viewport.width - width) / 2, y: max(gap, (viewport.height - height) / 2), width: width, height: height)
        let quarter = (width - 5 * gap) / 4
        let buttonsY = panel.maxY - gap - button
        func at(_ n: Double) -> Rect { Rect(x: panel.x + gap + n * (quarter + gap), y: buttonsY, width: quarter, height: button) }
        return StaffLayout(panel: panel, controls: [.reload: at(0), .syncNow: at(1), .placeKiosk: at(2), .close: at(3)], display: Rect(x: panel.x + gap, y: panel.y + max(metrics.px(14), 48), width: width - 2 * gap, height: Double(lines) * line))
    }

    func control(at p: Point) -> StaffControl? {
        controls.first { $0.value.contains(p) }?.key
    }
}
