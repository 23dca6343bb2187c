import Foundation
import MapGeometry
import MapScene

/// Draws the kiosk's current state: the map, then the interface over it, then any overlay.
struct KioskPainter {
    let kiosk: Kiosk
    /// Markers and clusters on screen now (see ``Kiosk/visibleMarkers()``).
    var markers: [(center: Point, radius: Double, members: [Int])] = []

    var ui: MapStyle.Interface { kiosk.map.style.ui }
    var layout: HomeLayout { kiosk.layout }
    func text(_ key: StringCatalog.Key) -> String { kiosk.catalog.text(key, kiosk.language) }
    func mm(_ v: Double) -> Double { kiosk.metrics.px(v) }
    /// The white ring around every marker, in pixels.
    var markerOutline: Double { max(2, mm(0.8)) }

    func paint() -> DisplayList {
        var list = DisplayList(background: kiosk.map.style.background)
        list.turned = kiosk.interfaceFacing == .top
        // Markers are drawn over the names; names keep clear of them (outline included).
        var landmarks: [TextPrimitive] = []
        kiosk.map.shaded(by: kiosk.coverageShading).drawDeferred(camera: kiosk.camera, avoiding: markers.map { ($0.center, $0.radius + markerOutline) },
                                                                 into: &list, landmarksOver: &landmarks)
        paintMarkers(into: &list)
        // A big town's name that markers crowd on every side: over them, never under.
        for name in landmarks { list.append(name) }
        let interface = paintInterface()
        list.append(contentsOf: kiosk.readsRightToLeft ? interface.mirrored(within: kiosk.viewport) : interface)
        return list
    }

    /// Everything over the map, laid out left to right (a right-to-left language shows it reflected).
    func paintInterface() -> DisplayList {
        var list = DisplayList(background: .clear)
        // The coverage view's headline takes the title's place.
        if kiosk.visitor.coverage == nil { paintTitle(into: &list) }
        paintAttribution(into: &list)
        paintChips(into: &list)
        paintBar(into: &list)
        paintVisitorView(into: &list)
        if kiosk.isAttracting { paintInvitation(into: &list) }
        switch kiosk.screen {
        case .map: break
        case .pinPad: paintPINPad(into: &list)
        case .staff: paintStaffScreen(into: &list)
        case .placingKiosk: break
        }
        if case .warning = kiosk.idle { paintIdleWarning(into: &list) }
        return list
    }

    func paintTitle(into list: inout DisplayList) {
        let r = layout.titlePanel
        Shapes.roundedFill(r, radius: mm(3), color: ui.panel, into: &list)
        let pad = mm(4)
        var y = r.y + mm(3)
        for line in layout.titleLines {
            list.append(TextPrimitive(line, at: Point(x: r.x + pad, y: y + layout.titleSize * 0.65),
                                      size: layout.titleSize, color: ui.panelText, alignment: .left, bold: true))
            y += layout.titleSize * 1.3
        }
        for line in layout.subtitleLines {
            list.append(TextPrimitive(line, at: Point(x: r.x + pad, y: y + layout.textSize * 0.65),
                                      size: layout.textSize, color: ui.panelText, alignment: .left))
            y += layout.textSize * 1.3
        }
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
        for (control, rect) in layout.controls.sorted(by: { $0.value.x < $1.value.x }) where layout.bar.contains(rect.center) {
            let pressed = kiosk.pressed == control
            Shapes.roundedFill(rect, radius: mm(3), color: pressed ? ui.accent : ui.button, into: &list)
            let ink = pressed ? ui.ink(on: ui.accent) : ui.buttonText
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
            case .largeText:
                // "Aa": a small a and a big A; ringed while on.
                if kiosk.visitor.largeText && !pressed { Shapes.roundedFill(rect.insetBy(dx: 3, dy: 3), radius: mm(2.5), color: ui.accent, into: &list) }
                list.append(TextPrimitive("A", at: Point(x: rect.center.x + rect.width * 0.12, y: rect.center.y), size: rect.height * 0.55,
                                          color: ink, bold: true))
                list.append(TextPrimitive("a", at: Point(x: rect.center.x - rect.width * 0.2, y: rect.center.y + rect.height * 0.08),
                                          size: rect.height * 0.36, color: ink, bold: true))
            case .contrast:
                // A disc half dark, half light: the other contrast.
                let c = rect.center, r = rect.height * 0.3
                list.append(Shapes.circle(center: c, radius: r + 2, color: ink))
                list.append(Shapes.circle(center: c, radius: r, color: pressed ? ui.accent : ui.button))
                var half: [Float] = [Float(c.x), Float(c.y)]
                for k in 0...12 {
                    let a = -Double.pi / 2 + Double.pi * Double(k) / 12
                    half += [Float(c.x + r * cos(a)), Float(c.y + r * sin(a))]
                }
                list.append(MeshPrimitive(vertices: half, indices: (1...12).flatMap { [Int32(0), Int32($0), Int32($0 + 1)] }, color: ink))
            case .turn:
                Pictograms.halfTurn(in: rect.insetBy(dx: mm(3.5), dy: mm(3.5)), width: max(2, mm(1.3)), color: ink, into: &list)
            case .language:
                Pictograms.speechBubble(in: icon, color: ink, into: &list)
                list.append(TextPrimitive(kiosk.languageButtonLabel, at: Point(x: icon.maxX + mm(2.5), y: rect.center.y),
                                          size: layout.textSize, color: ink, alignment: .left, bold: true))
            case .nearby:
                let on = kiosk.panel == .nearby
                Pictograms.pin(in: icon, color: on && !pressed ? kiosk.map.style.markerStyle.here : ink,
                               hole: pressed ? ui.accent : ui.button, into: &list)
                list.append(TextPrimitive(text(.nearby), at: Point(x: icon.maxX + mm(2.5), y: rect.center.y),
                                          size: layout.textSize, color: ink, alignment: .left, bold: true))
            case .search:
                Pictograms.magnifier(in: icon, color: ink, background: pressed ? ui.accent : ui.button, into: &list)
                list.append(TextPrimitive(text(.search), at: Point(x: icon.maxX + mm(2.5), y: rect.center.y),
                                          size: layout.textSize, color: ink, alignment: .left, bold: true))
            case .coverage:
                let on = kiosk.visitor.coverage != nil
                let palette = kiosk.map.style.coverage?["distance"] ?? CoverageLegend.fallbackPalette(.distance)
                let background = pressed ? ui.accent : ui.button
                Pictograms.shadedSquares(in: icon, colors: on && !pressed ? palette.classes : [background, ink, ink, background],
                                         outline: ink, into: &list)
                list.append(TextPrimitive(text(.coverageButton), at: Point(x: icon.maxX + mm(2.5), y: rect.center.y),
                                          size: layout.textSize, color: ink, alignment: .left, bold: true))
            default:
                break
            }
        }
    }

    func paintShade(into list: inout DisplayList) {
        list.append(Shapes.fill(Rect(x: 0, y: 0, width: kiosk.viewport.width, height: kiosk.viewport.height), color: ui.shade))
    }

    func paintKey(_ rect: Rect, label: String, into list: inout DisplayList, bold: Bool = true) {
        Shapes.roundedFill(rect, radius: mm(2.5), color: ui.button, into: &list)
        list.append(TextPrimitive(label, at: rect.center, size: layout.textSize, color: ui.buttonText, bold: bold))
    }

    func paintPINPad(into list: inout DisplayList) {
        let pad = kiosk.staffLayout
        paintShade(into: &list)
        Shapes.roundedFill(pad.panel, radius: mm(4), color: ui.bar, into: &list)
        list.append(TextPrimitive(kiosk.pinMessage ?? text(.staffPinTitle), at: Point(x: pad.panel.center.x, y: (pad.panel.y + pad.display.y) / 2),
                                  size: layout.textSize, color: kiosk.pinMessage == nil ? ui.barText : ui.accent, bold: true))
        Shapes.roundedFill(pad.display, radius: mm(2), color: ui.panel, into: &list)
        list.append(TextPrimitive(String(repeating: "● ", count: kiosk.pinEntry.count), at: pad.display.center,
                                  size: layout.titleSize, color: ui.panelText))
        for (control, rect) in pad.controls {
            switch control {
            case .digit(let d): paintKey(rect, label: String(d), into: &list)
            case .erase: paintKey(rect, label: "⌫", into: &list)
            case .confirm: paintKey(rect, label: "OK", into: &list)
            case .cancel: paintKey(rect, label: text(.staffCancel), into: &list)
            default: break
            }
        }
    }

    func paintStaffScreen(into list: inout DisplayList) {
        let screen = kiosk.staffLayout
        paintShade(into: &list)
        Shapes.roundedFill(screen.panel, radius: mm(4), color: ui.panel, into: &list)
        list.append(TextPrimitive(text(.staffTitle), at: Point(x: screen.display.x, y: (screen.panel.y + screen.display.y) / 2),
                                  size: layout.titleSize, color: ui.panelText, alignment: .left, bold: true))
        for (i, line) in kiosk.staffLines.enumerated() {
            let lineHeight = screen.display.height / Double(max(1, kiosk.staffLines.count))
            list.append(TextPrimitive(line, at: Point(x: screen.display.x, y: screen.display.y + lineHeight * (Double(i) + 0.5)),
                                      size: layout.textSize * 0.85, color: ui.panelText, alignment: .left))
        }
        if let reload = screen.controls[.reload] { paintKey(reload, label: text(.staffReload), into: &list) }
        if let sync = screen.controls[.syncNow] { paintKey(sync, label: text(.staffSync), into: &list) }
        if let place = screen.controls[.placeKiosk] { paintKey(place, label: text(.staffPlaceKiosk), into: &list) }
        if let close = screen.controls[.close] { paintKey(close, label: text(.staffClose), into: &list) }
    }

    func paintIdleWarning(into list: inout DisplayList) {
        let v = kiosk.viewport
        list.append(Shapes.fill(Rect(x: 0, y: 0, width: v.width, height: v.height), color: ui.shade))
        let width = min(v.width - 2 * mm(10), max(mm(160), kiosk.measurer.measure(text(.idleWarning), size: layout.titleSize, bold: true).width + mm(20)))
        let panel = Rect(x: (v.width - width) / 2, y: v.height / 2 - mm(30), width: width, height: mm(60))
        Shapes.roundedFill(panel, radius: mm(4), color: ui.panel, into: &list)
        Pictograms.hand(center: Point(x: panel.center.x, y: panel.y + mm(16)), size: mm(18), color: ui.accent, into: &list)
        list.append(TextPrimitive(text(.idleWarning), at: Point(x: panel.center.x, y: panel.y + mm(36)),
                                  size: layout.titleSize, color: ui.panelText, bold: true))
        let remaining = kiosk.countdown ?? Int(kiosk.settings.idleWarning.rounded(.up))
        list.append(TextPrimitive(kiosk.catalog.text(.idleCountdown, kiosk.language, n: remaining),
                                  at: Point(x: panel.center.x, y: panel.y + mm(50)),
                                  size: layout.textSize, color: ui.panelText))
    }
}
