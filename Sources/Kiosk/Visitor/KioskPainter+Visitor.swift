import Foundation
import MapGeometry
import MapScene
import Places
import QRCodes

/// Drawing the places and the visitor's panels.
extension KioskPainter {
    var markerStyle: MapStyle.Markers { kiosk.map.style.markerStyle }

    /// Markers by category (colour and pictogram), approximate ones hollow; clusters with their
    /// count; the selected place (or the pressed list row's) ringed; the "near here" origin and a
    /// missing place's pin.
    func paintMarkers(into list: inout DisplayList) {
        // The open card's place, or the one whose list row a finger is on: the row shows its marker.
        var selected = kiosk.selectedPlace
        if case .placeRow(let i)? = kiosk.pressed { selected = i }
        let outline = markerOutline
        let places = kiosk.placeLayer.directory.places
        func radius(_ marker: (center: Point, radius: Double, members: [Int])) -> Double {
            marker.members.count == 1 && marker.members[0] == selected ? marker.radius * 1.3 : marker.radius
        }
        // The selected place comes last, over its neighbours; the others keep their order, so
        // that overlapping markers do not swap from one frame to the next.
        func isSelected(_ m: (center: Point, radius: Double, members: [Int])) -> Bool { m.members.count == 1 && m.members[0] == selected }
        let ordered = markers.filter { !isSelected($0) } + markers.filter(isSelected)
        let style = markerStyle
        let accent = ui.accent
        for marker in ordered {
            let r = radius(marker)
            let ring = isSelected(marker) ? outline * 2.5 : 0
            let glyph: MarkerGlyph
            let fill: RGBA
            if marker.members.count > 1 {
                glyph = .none
                fill = style.cluster
            } else {
                let category = kiosk.placeLayer.directory.network(marker.members[0])
                fill = category.color(style)
                glyph = places[marker.members[0]].isApproximate ? .ring : MarkerGlyph(category)
            }
            // Drawn once per look, then copied: a marker costs one small copy a frame.
            let look = MarkerLook(glyph: glyph, quarterPixels: Int((r * 4).rounded()), outlineQuarterPixels: Int((outline * 4).rounded()),
                                  fill: fill, outline: style.outline, ring: ring > 0 ? accent : nil, ringQuarterPixels: Int((ring * 4).rounded()))
            list.append(StampPrimitive(key: StampKey(look), center: marker.center, radius: r + outline + ring + 1))
        }
        for marker in ordered where marker.members.count > 1 {
            list.append(TextPrimitive(String(marker.members.count), at: marker.center, size: max(12, marker.radius * 0.95),
                                      color: style.clusterText, bold: true))
        }
        if kiosk.panel == .nearby {
            paintHere(kiosk.camera.screenPoint(of: WebMercator.project(kiosk.nearbyCenter)), into: &list)
        }
        if let report = kiosk.missingPlace, report.step == .position, let position = report.position {
            let p = kiosk.camera.screenPoint(of: WebMercator.project(position))
            let s = mm(14)
            Pictograms.pin(in: Rect(x: p.x - s / 2, y: p.y - s, width: s, height: s), color: ui.accent, hole: markerStyle.outline, into: &list)
        }
    }

    /// "Vous êtes ici": a dot with a halo.
    func paintHere(_ p: Point, into list: inout DisplayList) {
        var halo = markerStyle.here
        halo.a = 70
        list.append(Shapes.circle(center: p, radius: mm(9), color: halo))
        list.append(Shapes.circle(center: p, radius: mm(3.5) + 2, color: markerStyle.outline))
        list.append(Shapes.circle(center: p, radius: mm(3.5), color: markerStyle.here))
    }

    func paintChips(into list: inout DisplayList) {
        guard !kiosk.visitorView.modal else { return }
        // "Tout afficher" (a cross: every place back on the map) and "Légende" (a question mark).
        for (control, rect, key) in [(Control.clearFilters, layout.clearFiltersChip, StringCatalog.Key.clearFilters), (.legend, layout.legendChip, .legendButton),
                                     (.moreFilters, layout.moreFiltersChip, .moreFilters)] {
            guard let rect else { continue }
            let pressed = kiosk.pressed == control || (control == .legend && kiosk.panel == .legend) || (control == .moreFilters && kiosk.panel == .moreFilters)
            let fill = pressed ? ui.accent : ui.button, ink = pressed ? ui.ink(on: ui.accent) : ui.buttonText
            Shapes.roundedFill(rect, radius: rect.height / 2, color: ui.bar, into: &list)
            Shapes.roundedFill(rect.insetBy(dx: 2, dy: 2), radius: rect.height / 2 - 2, color: fill, into: &list)
            let box = Rect(x: rect.x + rect.height * 0.3, y: rect.y + rect.height * 0.3, width: rect.height * 0.4, height: rect.height * 0.4)
            var label = kiosk.catalog.text(key, kiosk.language)
            switch control {
            case .clearFilters: Pictograms.cross(in: box, width: max(2, mm(1)), color: ink, into: &list)
            case .moreFilters:
                Pictograms.plus(in: box, width: max(2, mm(1)), color: ink, into: &list)
                let chosen = kiosk.visitor.publics.count + kiosk.visitor.support.count
                if chosen > 0 { label += " (\(chosen))" }
            default: list.append(TextPrimitive("?", at: box.center, size: rect.height * 0.55, color: ink, bold: true))
            }
            list.append(TextPrimitive(label, at: Point(x: box.maxX + rect.height * 0.25, y: rect.center.y),
                                      size: layout.chipTextSize, color: ink, alignment: .left, bold: true))
        }
        for (chip, rect) in layout.chips {
            let on = kiosk.chips.contains(chip)
            let pressed = kiosk.pressed == .chip(chip)
            let fill = pressed ? ui.accent : (on ? ui.bar : ui.button)
            let ink = pressed ? ui.ink(on: ui.accent) : (on ? ui.barText : ui.buttonText)
            Shapes.roundedFill(rect, radius: rect.height / 2, color: on ? ui.barText : ui.bar, into: &list)
            Shapes.roundedFill(rect.insetBy(dx: 2, dy: 2), radius: rect.height / 2 - 2, color: fill, into: &list)
            let box = Rect(x: rect.x + rect.height * 0.3, y: rect.y + rect.height * 0.3, width: rect.height * 0.4, height: rect.height * 0.4)
            if on {
                Pictograms.check(in: box, width: max(2, mm(1)), color: ink, reflected: kiosk.readsRightToLeft, into: &list)
            } else {
                list.append(Shapes.circle(center: box.center, radius: box.width * 0.45, color: ink))
                list.append(Shapes.circle(center: box.center, radius: box.width * 0.3, color: fill))
            }
            list.append(TextPrimitive(kiosk.catalog.text(chip.labelKey, kiosk.language),
                                      at: Point(x: box.maxX + rect.height * 0.25, y: rect.center.y), size: layout.chipTextSize,
                                      color: ink, alignment: .left, bold: true))
        }
    }

    /// The panels as laid out, turned as a whole when they face the far side of the table.
    func paintVisitorView(into list: inout DisplayList) {
        guard kiosk.visitorView.facing == .top else { return paintUprightVisitorView(into: &list) }
        var panels = DisplayList(background: .clear)
        paintUprightVisitorView(into: &panels)
        list.append(contentsOf: panels.turned(within: kiosk.viewport))
    }

    private func paintUprightVisitorView(into list: inout DisplayList) {
        let view = kiosk.visitorView
        if view.modal { paintShade(into: &list) }
        for panel in view.panels {
            Shapes.roundedFill(panel, radius: mm(3), color: ui.panel, into: &list)
        }
        for swatch in view.swatches {
            list.append(Shapes.fill(swatch.rect.insetBy(dx: -1, dy: -1), color: ui.panelText))
            list.append(Shapes.fill(swatch.rect, color: swatch.color))
        }
        for field in view.fields {
            Shapes.roundedFill(field, radius: mm(2), color: ui.bar, into: &list)
            Shapes.roundedFill(field.insetBy(dx: 2, dy: 2), radius: mm(2) - 2, color: ui.button, into: &list)
        }
        for button in view.buttons { paintButton(button, into: &list) }
        for dot in view.dots { list.append(Shapes.circle(center: dot.center, radius: dot.radius, color: dot.color)) }
        for text in view.texts { list.append(text) }
        for code in view.codes { paintCode(code, into: &list) }
        for marker in view.legendMarkers { paintLegendMarker(marker, into: &list) }
    }

    /// A marker of the legend, drawn as the map draws it (a cluster: its disc and a number).
    func paintLegendMarker(_ marker: VisitorView.LegendMarker, into list: inout DisplayList) {
        let style = markerStyle
        let glyph: MarkerGlyph
        let fill: RGBA
        switch marker.kind {
        case .place(let category): (glyph, fill) = (MarkerGlyph(category), category.color(style))
        case .approximate(let category): (glyph, fill) = (.ring, category.color(style))
        case .cluster: (glyph, fill) = (.none, style.cluster)
        }
        let look = MarkerLook(glyph: glyph, quarterPixels: Int((marker.radius * 4).rounded()), outlineQuarterPixels: Int((markerOutline * 4).rounded()),
                              fill: fill, outline: style.outline, ring: nil, ringQuarterPixels: 0)
        list.append(contentsOf: look.shapes(centeredAt: marker.center))
        if case .cluster = marker.kind {
            list.append(TextPrimitive("12", at: marker.center, size: max(12, marker.radius * 0.95), color: style.clusterText, bold: true))
        }
    }

    /// Black modules on white with the quiet zone, whatever the style: what cameras expect.
    /// A row's dark modules side by side are one rectangle. In a right-to-left interface, which
    /// is shown reflected, the columns are laid out reflected so that the code reads true.
    func paintCode(_ code: VisitorView.Code, into list: inout DisplayList) {
        list.append(Shapes.fill(code.rect, color: .white))
        let qr = code.code
        let module = (code.rect.width / Double(qr.sizeWithQuietZone)).rounded(.down)
        let origin = Point(x: code.rect.x + Double(QRCode.quietZone) * module, y: code.rect.y + Double(QRCode.quietZone) * module)
        var rects: [Float] = []
        for y in 0..<qr.size {
            var x = 0
            while x < qr.size {
                guard qr.isDark(x: x, y: y) else { x += 1; continue }
                var end = x + 1
                while end < qr.size, qr.isDark(x: end, y: y) { end += 1 }
                let column = kiosk.readsRightToLeft ? qr.size - end : x
                rects += [Float(origin.x + Double(column) * module), Float(origin.y + Double(y) * module), Float(Double(end - x) * module), Float(module)]
                x = end
            }
        }
        list.append(RectsPrimitive(rects: rects, color: .black))
    }

    func paintButton(_ button: VisitorView.Button, into list: inout DisplayList) {
        let pressed = kiosk.pressed == button.control
        let rect = button.rect
        switch button.style {
        case .row:
            Shapes.roundedFill(rect, radius: mm(2), color: pressed ? ui.accent : ui.button, into: &list)
            list.append(Shapes.fill(Rect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1), color: ui.shade))
        case .primary, .secondary, .key:
            // A chosen option (the coverage view's layer and moment) looks like a main action.
            let strong = button.style == .primary || button.selected
            let fill = pressed ? ui.accent : (strong ? ui.bar : ui.button)
            let ink = pressed ? ui.ink(on: ui.accent) : (strong ? ui.barText : ui.buttonText)
            if !strong {
                Shapes.roundedFill(rect, radius: mm(2.5), color: ui.bar, into: &list)
                Shapes.roundedFill(rect.insetBy(dx: 2, dy: 2), radius: mm(2.5) - 2, color: fill, into: &list)
            } else {
                Shapes.roundedFill(rect, radius: mm(2.5), color: fill, into: &list)
            }
            var size = button.style == .key ? min(layout.textSize * 1.1, rect.height * 0.5) : layout.textSize
            switch button.control {
            case .listen, .setLanguage:
                // A loudspeaker (a square to stop), or the bar's speech bubble for a language,
                // before the word: what it does without reading.
                let side = min(rect.height * 0.5, size * 1.3)
                let labelWidth = kiosk.measurer.measure(button.label, size: size, bold: true).width
                let left = rect.center.x - (side + mm(2) + labelWidth) / 2
                let icon = Rect(x: left, y: rect.center.y - side / 2, width: side, height: side)
                if case .listen(let target) = button.control, kiosk.speaking == target {
                    list.append(Shapes.fill(icon.insetBy(dx: side * 0.15, dy: side * 0.15), color: ink))
                } else if case .listen = button.control {
                    Pictograms.speaker(in: icon, color: ink, into: &list)
                } else {
                    Pictograms.speechBubble(in: icon, color: ink, into: &list)
                }
                list.append(TextPrimitive(button.label, at: Point(x: icon.maxX + mm(2), y: rect.center.y), size: size, color: ink,
                                          alignment: .left, bold: true))
                return
            default:
                break
            }
            var lines = [button.label]
            if kiosk.measurer.measure(button.label, size: size, bold: true).width > rect.width - mm(3) {
                // Two lines rather than a cut word: "Signaler un lieu manquant" stays whole.
                size = min(size, rect.height / 2.7)
                lines = TextWrapper.lines(button.label, width: rect.width - mm(3), size: size, bold: true, measurer: kiosk.measurer, maxLines: 2)
            }
            for (n, line) in lines.enumerated() {
                let y = rect.center.y + (Double(n) - Double(lines.count - 1) / 2) * size * 1.2
                list.append(TextPrimitive(line, at: Point(x: rect.center.x, y: y), size: size, color: ink, bold: true))
            }
        case .answer:
            let fill = pressed ? ui.accent : (button.selected ? ui.bar : ui.button)
            let ink = pressed ? ui.ink(on: ui.accent) : (button.selected ? ui.barText : ui.buttonText)
            Shapes.roundedFill(rect, radius: mm(3), color: ui.bar, into: &list)
            Shapes.roundedFill(rect.insetBy(dx: 3, dy: 3), radius: mm(3) - 3, color: fill, into: &list)
            let hasLabel = !button.label.isEmpty
            let iconSize = min(rect.width * 0.55, rect.height * (hasLabel ? 0.42 : 0.7))
            let iconRect = Rect(x: rect.center.x - iconSize / 2, y: rect.y + (hasLabel ? rect.height * 0.12 : (rect.height - iconSize) / 2),
                                width: iconSize, height: iconSize)
            paintIcon(button.icon, in: iconRect, ink: ink, background: fill, into: &list)
            if hasLabel {
                // Up to two lines: "Je ne sais pas" stays whole on a narrow button.
                let size = min(layout.textSize, rect.height * 0.16)
                let lines = TextWrapper.lines(button.label, width: rect.width - mm(3), size: size, bold: true, measurer: kiosk.measurer, maxLines: 2)
                for (n, line) in lines.enumerated() {
                    let y = rect.maxY - rect.height * 0.2 - Double(lines.count - 1 - n) * size * 1.25
                    list.append(TextPrimitive(line, at: Point(x: rect.center.x, y: y), size: size, color: ink, bold: true))
                }
            }
        }
    }

    func paintIcon(_ icon: VisitorView.Icon?, in r: Rect, ink: RGBA, background: RGBA, into list: inout DisplayList) {
        let w = max(3, r.width * 0.12)
        switch icon {
        case .yes: Pictograms.check(in: r.insetBy(dx: r.width * 0.1, dy: r.height * 0.15), width: w, color: ink == ui.barText ? ink : markerStyle.open,
                                    reflected: kiosk.readsRightToLeft, into: &list)
        case .no: Pictograms.cross(in: r.insetBy(dx: r.width * 0.18, dy: r.height * 0.18), width: w, color: ink == ui.barText ? ink : markerStyle.closed, into: &list)
        case .unknown:
            list.append(TextPrimitive("?", at: r.center, size: r.height * 0.8, color: ink, bold: true))
        case .face(let level): Pictograms.face(level, in: r, color: ink, background: background, into: &list)
        case .ramp: Pictograms.ramp(in: r.insetBy(dx: r.width * 0.1, dy: r.height * 0.2), color: ink, into: &list)
        case .portableRamp: Pictograms.portableRamp(in: r.insetBy(dx: r.width * 0.1, dy: r.height * 0.2), color: ink, into: &list)
        case .noRamp:
            Pictograms.ramp(in: r.insetBy(dx: r.width * 0.1, dy: r.height * 0.2), color: ink, into: &list)
            Pictograms.cross(in: r.insetBy(dx: r.width * 0.1, dy: r.height * 0.1), width: w, color: markerStyle.closed, into: &list)
        case nil: break
        }
    }
}

/// Everything that sets a marker's look: the key its stamp is kept by, and all its drawing needs.
struct MarkerLook: Hashable, Sendable {
    var glyph: MarkerGlyph
    var quarterPixels: Int
    var outlineQuarterPixels: Int
    var fill: RGBA
    var outline: RGBA
    /// The selected place's ring.
    var ring: RGBA?
    var ringQuarterPixels: Int

    func shapes(centeredAt c: Point) -> DisplayList {
        let r = Double(quarterPixels) / 4, width = Double(outlineQuarterPixels) / 4, ringWidth = Double(ringQuarterPixels) / 4
        var shapes = DisplayList(background: .clear)
        if let ring { shapes.append(Shapes.circle(center: c, radius: r + width + ringWidth, color: ring)) }
        shapes.append(Shapes.circle(center: c, radius: r + width, color: outline))
        shapes.append(Shapes.circle(center: c, radius: r, color: fill))
        glyph.draw(center: c, radius: r, color: outline, background: fill, into: &shapes)
        return shapes
    }
}

/// The kiosk's stamps: its markers, drawn from their look.
public struct MarkerStamps: StampLibrary {
    public init() {}

    public func shapes(of key: StampKey, centeredAt center: Point) -> DisplayList? {
        (key.look.base as? MarkerLook)?.shapes(centeredAt: center)
    }
}

/// What a marker shows inside its disc.
enum MarkerGlyph: String, Sendable {
    case none, ring, house, monitor, hand, dot

    init(_ category: PlaceNetwork) {
        switch category {
        case .franceServices: self = .house
        case .conseillerNumerique: self = .monitor
        case .aidantsConnect: self = .hand
        case .other: self = .dot
        }
    }

    func draw(center c: Point, radius r: Double, color: RGBA, background: RGBA, into list: inout DisplayList) {
        let box = Rect(x: c.x - r * 0.55, y: c.y - r * 0.55, width: r * 1.1, height: r * 1.1)
        switch self {
        case .none: break
        // Hollow: a ring says "somewhere in this commune".
        case .ring: list.append(Shapes.circle(center: c, radius: r * 0.62, color: color))
        case .house: Pictograms.house(in: box, color: color, background: background, into: &list)
        case .monitor: Pictograms.monitor(in: box, color: color, into: &list)
        case .hand: Pictograms.hand(center: c, size: r * 1.2, color: color, into: &list)
        case .dot: list.append(Shapes.circle(center: c, radius: r * 0.3, color: color))
        }
    }
}
