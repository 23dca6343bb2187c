import Foundation
import MapGeometry
import MapScene

/// Draws the kiosk's current state: the map, then the interface over it, then any overlay.
struct KioskPainter {
    let kiosk: Kiosk

    var ui: MapStyle.Interface { kiosk.map.style.ui }
    var layout: HomeLayout { kiosk.layout }
    func text(_ key: StringCatalog.Key) -> String { kiosk.catalog.text(key, kiosk.language) }
    func mm(_ v: Double) -> Double { kiosk.metrics.px(v) }

    func paint() -> DisplayList {
        var list = DisplayList(background: kiosk.map.style.background)
        kiosk.map.draw(camera: kiosk.camera, into: &list)
        paintTitle(into: &list)
        paintAttribution(into: &list)
        paintBar(into: &list)
        if case .warning(let since) = kiosk.idle { paintIdleWarning(since: since, into: &list) }
        return list
    }

    func paintTitle(into list: inout DisplayList) {
        let r = layout.titlePanel
        Shapes.roundedFill(r, radius: mm(3), color: ui.panel, into: &list)
        let pad = mm(4)
        list.append(TextPrimitive(text(.appTitle), at: Point(x: r.x + pad, y: r.y + mm(3) + layout.titleSize * 0.65),
                                  size: layout.titleSize, color: ui.panelText, alignment: .left, bold: true))
        list.append(TextPrimitive(text(.appSubtitle),
                                  at: Point(x: r.x + pad, y: r.y + mm(3) + layout.titleSize * 1.3 + layout.textSize * 0.65),
                                  size: layout.textSize, color: ui.panelText, alignment: .left))
    }

    func paintAttribution(into list: inout DisplayList) {
        guard !kiosk.settings.attribution.isEmpty else { return }
        let r = layout.attribution
        list.append(Shapes.fill(r, color: ui.attributionBackground))
        list.append(TextPrimitive(kiosk.settings.attribution, at: Point(x: r.maxX - mm(1.5), y: r.center.y),
                                  size: layout.smallTextSize, color: ui.attributionText, alignment: .right))
    }

    func paintBar(into list: inout DisplayList) {
        list.append(Shapes.fill(layout.bar, color: ui.bar))
        for (control, rect) in layout.controls.sorted(by: { $0.value.x < $1.value.x }) {
            let pressed = kiosk.pressed == control
            Shapes.roundedFill(rect, radius: mm(3), color: pressed ? ui.accent : ui.button, into: &list)
            let ink = pressed ? ui.barText : ui.buttonText
            let icon = Rect(x: rect.x, y: rect.y, width: rect.height, height: rect.height).insetBy(dx: mm(4), dy: mm(4))
            switch control {
            case .zoomIn:
                Pictograms.plus(in: rect.insetBy(dx: mm(4.5), dy: mm(4.5)), width: mm(2), color: ink, into: &list)
            case .zoomOut:
                Pictograms.minus(in: rect.insetBy(dx: mm(4.5), dy: mm(4.5)), width: mm(2), color: ink, into: &list)
            case .home:
                Pictograms.house(in: icon, color: ink, background: pressed ? ui.accent : ui.button, into: &list)
                list.append(TextPrimitive(text(.home), at: Point(x: icon.maxX + mm(2.5), y: rect.center.y),
                                          size: layout.textSize, color: ink, alignment: .left, bold: true))
            case .language:
                Pictograms.speechBubble(in: icon, color: ink, into: &list)
                list.append(TextPrimitive(text(.languageSwitch), at: Point(x: icon.maxX + mm(2.5), y: rect.center.y),
                                          size: layout.textSize, color: ink, alignment: .left, bold: true))
            }
        }
    }

    func paintIdleWarning(since: Double, into list: inout DisplayList) {
        let v = kiosk.viewport
        list.append(Shapes.fill(Rect(x: 0, y: 0, width: v.width, height: v.height), color: ui.shade))
        let width = min(v.width - 2 * mm(10), max(mm(160), kiosk.measurer.measure(text(.idleWarning), size: layout.titleSize, bold: true).width + mm(20)))
        let panel = Rect(x: (v.width - width) / 2, y: v.height / 2 - mm(30), width: width, height: mm(60))
        Shapes.roundedFill(panel, radius: mm(4), color: ui.panel, into: &list)
        Pictograms.hand(center: Point(x: panel.center.x, y: panel.y + mm(16)), size: mm(18), color: ui.accent, into: &list)
        list.append(TextPrimitive(text(.idleWarning), at: Point(x: panel.center.x, y: panel.y + mm(36)),
                                  size: layout.titleSize, color: ui.panelText, bold: true))
        let remaining = Int(max(0, ceil(kiosk.settings.idleWarning - (lastKnownTime(since: since)))))
        list.append(TextPrimitive(kiosk.catalog.text(.idleCountdown, kiosk.language, n: remaining),
                                  at: Point(x: panel.center.x, y: panel.y + mm(50)),
                                  size: layout.textSize, color: ui.panelText))
    }

    /// Seconds elapsed in the warning, as last counted by the state machine.
    func lastKnownTime(since: Double) -> Double {
        kiosk.settings.idleWarning - Double(kiosk.countdown ?? Int(kiosk.settings.idleWarning))
    }
}
