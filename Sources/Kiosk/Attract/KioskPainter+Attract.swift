import Foundation
import MapGeometry
import MapScene

extension KioskPainter {
    /// "Touchez la carte…" in large type, then the same in each other language, with a hand:
    /// low on the screen for whoever stands at its foot, and on a table turned again along the
    /// upper edge for whoever stands across it.
    func paintInvitation(into list: inout DisplayList) {
        let languages = [kiosk.language] + kiosk.catalog.languages.filter { $0 != kiosk.language }
        let lines = languages.enumerated().map { n, code in
            (text: kiosk.catalog.text(.attractInvitation, code), size: n == 0 ? layout.titleSize * 1.25 : layout.textSize * 1.1, bold: n == 0)
        }
        let pad = mm(6)
        let widest = lines.map { kiosk.measurer.measure($0.text, size: $0.size, bold: $0.bold).width }.max() ?? 0
        let hand = layout.titleSize * 2.2
        let width = min(kiosk.viewport.width - 2 * mm(4), widest + hand + 3 * pad)
        let height = max(hand, lines.reduce(0) { $0 + $1.size * 1.35 }) + 2 * pad
        let table = kiosk.settings.screenMode == .table
        // Above the chips, in the lower part of the map: under the visitor's eyes, clear of the towns' names in the middle.
        let centerY = min(layout.chipsTop - mm(6) - height / 2, kiosk.viewport.height * (table ? 0.72 : 0.62))
        let panel = Rect(x: (kiosk.viewport.width - width) / 2, y: centerY - height / 2, width: width, height: height)

        var invitation = DisplayList(background: .clear)
        Shapes.roundedFill(panel.insetBy(dx: -3, dy: -3), radius: mm(5) + 3, color: ui.accent, into: &invitation)
        Shapes.roundedFill(panel, radius: mm(5), color: ui.panel, into: &invitation)
        // A touch's ripple: rings round a fingertip.
        let touch = Point(x: panel.x + pad + hand / 2, y: panel.center.y)
        for (radius, color) in [(0.5, ui.accent), (0.42, ui.panel), (0.32, ui.accent), (0.24, ui.panel), (0.15, ui.accent)] {
            invitation.append(Shapes.circle(center: touch, radius: hand * radius, color: color))
        }
        var y = panel.center.y - lines.reduce(0) { $0 + $1.size * 1.35 } / 2
        for line in lines {
            invitation.append(TextPrimitive(line.text, at: Point(x: panel.x + 2 * pad + hand, y: y + line.size * 0.675), size: line.size,
                                            color: ui.panelText, alignment: .left, bold: line.bold))
            y += line.size * 1.35
        }
        list.append(contentsOf: invitation)
        if table { list.append(contentsOf: invitation.turned(within: kiosk.viewport)) }
    }
}
