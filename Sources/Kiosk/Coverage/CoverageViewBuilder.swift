import Coverage
import Foundation
import MapGeometry
import MapScene
import Places

/// The coverage view's panels: the headline at the top, the layers, legend and moments on the
/// left, and a commune's card on the right.
extension VisitorViewBuilder {
    func text(_ key: StringCatalog.Key, values: [String: String]) -> String {
        kiosk.catalog.text(key, kiosk.language, values: values)
    }

    var language: String { kiosk.language }

    mutating func coverageView(_ choice: CoverageChoice, model: CoverageModel) {
        guard let figures = model.figures else { return }
        let headlineBottom = headline(figures)
        controls(choice, model: model, top: headlineBottom + gap)
    }

    /// "312 000 habitants (5,2 %) vivent à plus de 10 km d'un lieu qui aide", in large type, with
    /// how it is measured and the filters it counts.
    mutating func headline(_ figures: CoverageFigures) -> Double {
        let right = kiosk.panel == .none ? kiosk.viewport.width - gap : sidePanel.x - gap
        // Room kept on the right for "Écouter", which reads the headline and the legend.
        let listenLabel = text(kiosk.speaking == .title ? .listenStop : .listen)
        let listenHeight = max(mm(18), size * 2.2)
        let listenWidth = kiosk.speechAvailable ? kiosk.measurer.measure(listenLabel, size: size, bold: true).width + listenHeight + mm(4) : 0
        let width = min(right - gap - (listenWidth > 0 ? listenWidth + gap : 0), mm(320))
        let region = figures.region
        let headline = CoverageLegend.headline(region, catalog: kiosk.catalog, language: language)
        let titleSize = kiosk.layout.titleSize
        let x = gap + gap, inner = width - 2 * gap
        var lines = TextWrapper.lines(headline, width: inner, size: titleSize, bold: true, measurer: kiosk.measurer, maxLines: 3).count
        lines = max(1, lines)
        var what = [text(.coverageCrowFlies)]
        let needs = FilterChip.allCases.filter { kiosk.chips.contains($0) && $0 != .openNow }.map { text($0.labelKey) }
        let moment = kiosk.visitor.coverage?.moment ?? .anyTime
        let filters = needs + (moment == .anyTime ? [] : [text(CoverageLegend.moment(moment))])
        what.append(filters.isEmpty ? text(.coverageAllPlaces) : text(.coverageFilters, values: ["n": filters.joined(separator: text(.listComma))]))
        let detail = what.joined(separator: " ")
        let detailLines = TextWrapper.lines(detail, width: inner, size: small, bold: false, measurer: kiosk.measurer, maxLines: 3).count
        let panel = Rect(x: gap, y: gap, width: width,
                         height: Double(lines) * titleSize * 1.3 + Double(detailLines) * small * 1.35 + 2 * mm(3))
        view.panels.append(panel)
        if listenWidth > 0 {
            button(.listen(.title), Rect(x: panel.maxX + gap, y: panel.y, width: listenWidth, height: listenHeight), listenLabel)
        }
        var y = panel.y + mm(3)
        y = paragraph(headline, x: x, y: y - titleSize * 0.02, width: inner, size: titleSize, bold: true, maxLines: 3)
        y -= (titleSize * 1.35 - titleSize * 1.3) * Double(lines)
        paragraph(detail, x: x, y: y, width: inner, size: small, maxLines: 3)
        return panel.maxY
    }

    /// The layer buttons, the legend of the layer shown, and the moment buttons, in one column.
    mutating func controls(_ choice: CoverageChoice, model: CoverageModel, top: Double) {
        let layers = model.layers
        let moments = CoverageMoment.allCases
        // As wide as the longest button's words, in the bar's type.
        let words = layers.map { text(CoverageLegend.title($0)) } + moments.map { text(CoverageLegend.moment($0)) }
        let longest = words.map { kiosk.measurer.measure($0, size: size, bold: true).width }.max() ?? 0
        let width = min(max(mm(110), longest + mm(10) + 2 * gap), kiosk.viewport.width * 0.4)
        let bottom = kiosk.layout.chipsTop - gap
        // Buttons at least 12 mm tall (18 when there is room), rows of the legend as tall as the text.
        let rowHeight = small * 1.5
        let palette = kiosk.map.style.coverage?[choice.layer.rawValue] ?? CoverageLegend.fallbackPalette(choice.layer)
        let labels = CoverageLegend.classes(choice.layer).map { text($0) } + [text(.coverageNoData)]
        let inner = width - 2 * gap
        let swatchWidth = rowHeight * 1.4
        // A label too long for one line takes two.
        let labelLines = labels.map {
            TextWrapper.lines($0, width: inner - swatchWidth - mm(2), size: small, bold: false, measurer: kiosk.measurer, maxLines: 2).count
        }
        let legendHeight = zip(labelLines, labels).reduce(0.0) { $0 + max(rowHeight, Double($1.0) * small * 1.35) }
        let fixed = 2 * small * 1.4 + legendHeight + 4 * gap
        // Buttons as tall as their words need, 18 mm when there is room; the moments go two by
        // two when one column would not fit above the chips.
        let minimum = max(mm(12), size * 1.7)
        let step = mm(1.5)
        let oneColumn = Double(layers.count + moments.count)
        var buttonHeight = max(minimum, min(mm(18), (bottom - top - fixed) / oneColumn - step))
        let momentColumns = fixed + oneColumn * (buttonHeight + step) > bottom - top ? 2 : 1
        if momentColumns == 2 {
            let rows = Double(layers.count) + Double(moments.count) / 2
            buttonHeight = max(minimum, min(mm(18), (bottom - top - fixed) / rows - step))
        }
        var panel = Rect(x: gap, y: top, width: width, height: bottom - top)
        let panelIndex = view.panels.count
        view.panels.append(panel)
        let x = panel.x + gap
        var y = panel.y + gap
        for layer in layers {
            button(.coverageLayer(layer), Rect(x: x, y: y, width: inner, height: buttonHeight), text(CoverageLegend.title(layer)),
                   style: .secondary, selected: layer == choice.layer)
            y += buttonHeight + mm(1.5)
        }
        y += mm(1)
        for (n, (color, label)) in zip(palette.classes + [palette.noData], labels).enumerated() {
            let height = max(rowHeight, Double(labelLines[n]) * small * 1.35)
            let swatch = Rect(x: x, y: y + (height - rowHeight * 0.7) / 2, width: swatchWidth, height: rowHeight * 0.7)
            view.swatches.append(.init(rect: swatch, color: color))
            paragraph(label, x: swatch.maxX + mm(2), y: y + (height - Double(labelLines[n]) * small * 1.35) / 2,
                      width: inner - swatchWidth - mm(2), size: small, maxLines: 2)
            y += height
        }
        y += gap
        y = paragraph(text(.coverageWhenTitle), x: x, y: y, width: inner, size: small, bold: true, maxLines: 1)
        let momentWidth = (inner - Double(momentColumns - 1) * step) / Double(momentColumns)
        for (n, moment) in moments.enumerated() {
            let column = n % momentColumns
            button(.coverageMoment(moment), Rect(x: x + Double(column) * (momentWidth + step), y: y, width: momentWidth, height: buttonHeight),
                   text(CoverageLegend.moment(moment)), style: .secondary, selected: moment == choice.moment)
            if column == momentColumns - 1 || n == moments.count - 1 { y += buttonHeight + step }
        }
        // The panel ends under its last button: the map shows below.
        panel.height = min(panel.height, y - mm(1.5) + gap - panel.y)
        view.panels[panelIndex] = panel
    }

    /// A commune's card: its people, how fragile, the nearest place (a tap opens its card), the
    /// places within 10 km, and its intercommunality against the region.
    mutating func communeCard(_ index: Int) {
        guard let model = kiosk.coverage, let figures = model.figures, model.territories.communes.indices.contains(index) else { return }
        let commune = model.territories.communes[index]
        let row = figures.communes[index]
        let panel = sidePanel
        view.panels.append(panel)
        let x = panel.x + gap, width = panel.width - 2 * gap
        let closeTop = buttonRow(withListen([(.closePanel, text(.cardClose), .secondary)]), in: panel)
        let limit = closeTop - gap
        var y = panel.y + gap
        y = paragraph(commune.name, x: x, y: y, width: width, size: size * 1.15, bold: true, maxLines: 2)
        if let people = commune.population {
            y = paragraph(text(.communePopulation, values: ["n": CoverageLegend.count(people, language: language)]), x: x, y: y, width: width, size: small)
        }
        y += mm(2)

        // The nearest place, as a row to tap; the distance as the crow flies.
        y = paragraph(text(.communeNearest), x: x, y: y, width: width, size: small, bold: true)
        if let nearest = row.nearest {
            let rowHeight = max(mm(20), size * 2.6)
            placeRow(nearest.index, in: Rect(x: x, y: y, width: width, height: rowHeight), distance: nearest.distance)
            y += rowHeight + mm(1.5)
        } else {
            y = paragraph(text(commune.townHall == nil ? .coverageNoData : .communeNoPlace), x: x, y: y, width: width, size: size, bold: true)
        }
        y = paragraph(text(.communeWithin10km, values: ["n": String(row.placesNearby)]), x: x, y: y, width: width, size: size, bold: true)
        if let epci = commune.intercommunality.flatMap(figures.intercommunality(code:)), let rate = epci.placesPer10k,
           let regionRate = figures.region.placesPer10k {
            y = paragraph(text(.communeIntercommunality, values: [
                "name": epci.territory.name,
                "n": CoverageLegend.decimal(rate, places: 1, language: language),
                "region": CoverageLegend.decimal(regionRate, places: 1, language: language),
            ]), x: x, y: y, width: width, size: small, maxLines: 4)
        }
        y += mm(2)

        // The fragility index and its parts, each with a bar out of 10.
        guard y + small * 1.35 < limit else { return }
        guard let index = commune.fragility else {
            paragraph(text(.communeFragilityNone), x: x, y: y, width: width, size: small)
            return
        }
        y = paragraph(text(.communeFragility, values: ["n": CoverageLegend.decimal(index.total, places: 1, language: language)]),
                      x: x, y: y, width: width, size: size, bold: true)
        let parts: [(StringCatalog.Key, Double)] = [
            (.communePartBroadband, index.noBroadband), (.communePartMobile, index.noMobileData), (.communePartPoverty, index.poverty),
            (.communePartOlder, index.olderPeople), (.communePartDiploma, index.noDiploma),
        ]
        let barWidth = min(width * 0.35, mm(50))
        let palette = kiosk.map.style.coverage?["ifn"] ?? CoverageLegend.fallbackPalette(.fragility)
        for (key, score) in parts where y + small * 1.35 < limit {
            let bar = Rect(x: x + width - barWidth, y: y + small * 0.3, width: barWidth, height: small * 0.75)
            view.swatches.append(.init(rect: bar, color: ui.button))
            let level = CoverageLayer.fragilityClass(score)
            view.swatches.append(.init(rect: Rect(x: bar.x, y: bar.y, width: bar.width * min(1, max(0, score / 10)), height: bar.height),
                                       color: palette.classes[max(1, level)]))
            y = paragraph(text(key), x: x, y: y, width: width - barWidth - mm(2), size: small, maxLines: 1)
        }
    }

    /// What "Écouter" reads in the coverage view: the headline, how it is measured, and the
    /// legend of the layer shown, class by class.
    func spokenCoverage() -> String {
        guard let choice = kiosk.visitor.coverage, let figures = kiosk.coverage?.figures else { return "" }
        let region = figures.region
        var parts = [CoverageLegend.headline(region, catalog: kiosk.catalog, language: language), text(.coverageCrowFlies), text(CoverageLegend.title(choice.layer))]
        parts += CoverageLegend.classes(choice.layer).map { text($0) }
        return SpokenText.sentences(parts, language: language)
    }
}
