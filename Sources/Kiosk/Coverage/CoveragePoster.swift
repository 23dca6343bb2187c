import Coverage
import Foundation
import MapGeometry
import MapScene
import Places

/// A printable poster of the coverage figures, for a lab to hand to a council: the region shaded
/// by one layer, its legend, the headline figures, a table by department, the filters used and
/// the data sources. Pure drawing: the command line renders the list into a PNG.
public struct CoveragePoster {
    public var figures: CoverageFigures
    public var model: CoverageModel
    public var layer: CoverageLayer
    public var map: MapRenderer
    public var catalog: StringCatalog
    public var language: String
    public var measurer: any TextMeasuring
    /// The places that pass the filter, drawn as dots.
    public var places: [GeoCoordinate]
    /// One line per data source ("Lieux : … (2024-02-12)").
    public var sources: [String]
    public var made: Date

    public init(figures: CoverageFigures, model: CoverageModel, layer: CoverageLayer, map: MapRenderer, catalog: StringCatalog,
                language: String, measurer: any TextMeasuring, places: [GeoCoordinate], sources: [String], made: Date) {
        (self.figures, self.model, self.layer, self.map, self.catalog, self.language, self.measurer, self.places, self.sources, self.made)
            = (figures, model, layer, map, catalog, language, measurer, places, sources, made)
    }

    func text(_ key: StringCatalog.Key, _ values: [String: String] = [:]) -> String {
        catalog.text(key, language, values: values)
    }

    static let ink = RGBA(25, 25, 35)
    static let paper = RGBA(255, 255, 255)
    static let rule = RGBA(190, 190, 200)

    public func draw(size: Size) -> DisplayList {
        var list = DisplayList(background: Self.paper)
        let u = size.width / 1000           // the poster's unit: a thousandth of its width
        let margin = 40 * u
        let width = size.width - 2 * margin

        // The map first, then the paper around it drawn over what spills out.
        let mapTop = size.height * 0.2, mapBottom = size.height * 0.68
        let mapArea = Rect(x: margin, y: mapTop, width: width, height: mapBottom - mapTop)
        drawMap(in: mapArea, into: &list)
        list.append(Shapes.fill(Rect(x: 0, y: 0, width: size.width, height: mapArea.y), color: Self.paper))
        list.append(Shapes.fill(Rect(x: 0, y: mapArea.maxY, width: size.width, height: size.height - mapArea.maxY), color: Self.paper))
        list.append(Shapes.fill(Rect(x: 0, y: mapArea.y, width: mapArea.x, height: mapArea.height), color: Self.paper))
        list.append(Shapes.fill(Rect(x: mapArea.maxX, y: mapArea.y, width: size.width - mapArea.maxX, height: mapArea.height), color: Self.paper))

        // Title, the layer, the headline.
        var y = margin
        y = paragraph(text(.posterTitle), x: margin, y: y, width: width, size: 34 * u, bold: true, into: &list)
        y = paragraph(text(CoverageLegend.title(layer)), x: margin, y: y, width: width, size: 20 * u, color: RGBA(90, 90, 110), into: &list) + 10 * u
        let region = figures.region
        y = paragraph(CoverageLegend.headline(region, catalog: catalog, language: language) + ".",
                      x: margin, y: y, width: width, size: 24 * u, bold: true, into: &list)
        var facts = [text(.posterBeyond20km, ["people": CoverageLegend.count(region.populationBeyond20km, language: language),
                                                "share": CoverageLegend.percent(region.shareBeyond20km ?? 0, language: language)])]
        if let mean = region.meanDistance {
            facts.append(text(.posterMeanDistance, ["n": CoverageLegend.decimal(mean / 1000, places: 1, language: language) + " km"]))
        }
        facts.append(text(.posterPlaces, ["n": CoverageLegend.count(figures.matchingPlaces, language: language),
                                           "rate": CoverageLegend.decimal(region.placesPer10k ?? 0, places: 2, language: language)]))
        paragraph(facts.joined(separator: " · "), x: margin, y: y, width: width, size: 15 * u, into: &list)
        list.append(Shapes.fill(Rect(x: margin, y: mapArea.y - 6 * u, width: width, height: max(1, 2 * u)), color: Self.rule))

        // Under the map: the legend on the left, the departments on the right.
        y = mapArea.maxY + 20 * u
        let columnWidth = width * 0.36
        var legendY = paragraph(text(CoverageLegend.title(layer)), x: margin, y: y, width: columnWidth, size: 16 * u, bold: true, into: &list)
        let palette = map.style.coverage?[layer.rawValue] ?? CoverageLegend.fallbackPalette(layer)
        let labels = CoverageLegend.classes(layer).map { text($0) } + [text(.coverageNoData)]
        for (color, label) in zip(palette.classes + [palette.noData], labels) {
            let swatch = Rect(x: margin, y: legendY + 3 * u, width: 36 * u, height: 18 * u)
            list.append(Shapes.fill(swatch.insetBy(dx: -u, dy: -u), color: Self.ink))
            list.append(Shapes.fill(swatch, color: color))
            legendY = max(legendY + 24 * u, paragraph(label, x: swatch.maxX + 10 * u, y: legendY, width: columnWidth - 46 * u, size: 14 * u, into: &list))
        }
        let dot = Rect(x: margin + 18 * u - 5 * u, y: legendY + 7 * u, width: 10 * u, height: 10 * u)
        list.append(Shapes.circle(center: dot.center, radius: 6 * u, color: Self.paper))
        list.append(Shapes.circle(center: dot.center, radius: 4.5 * u, color: Self.ink))
        legendY = paragraph(text(.posterPlaceDot), x: margin + 46 * u, y: legendY, width: columnWidth - 46 * u, size: 14 * u, into: &list)
        drawDepartments(x: margin + columnWidth + 30 * u, y: y, width: width - columnWidth - 30 * u, unit: u, into: &list)

        // How it was made: the filters, the distances, the sources, the date.
        var footY = max(legendY, y + 230 * u) + 20 * u
        list.append(Shapes.fill(Rect(x: margin, y: footY - 10 * u, width: width, height: max(1, 2 * u)), color: Self.rule))
        var notes = [filterLine(), text(.coverageCrowFlies)]
        notes.append(text(.posterSources) + " " + sources.joined(separator: " ; ") + ".")
        let date = made.formatted(Date.FormatStyle(date: .long, time: .omitted).locale(CoverageLegend.locale(language)))
        notes.append(text(.posterMade, ["n": date]))
        for note in notes { footY = paragraph(note, x: margin, y: footY, width: width, size: 12 * u, color: RGBA(70, 70, 85), into: &list) + 4 * u }
        return list
    }

    /// The region fitted into `area`: drawn for a screen a little over a thousand pixels wide, then
    /// enlarged, so that names and borders keep a readable size on paper.
    func drawMap(in area: Rect, into list: inout DisplayList) {
        let factor = max(1, area.width / 1100)
        let viewport = Size(width: area.width / factor, height: area.height / factor)
        // The communes, not every source (coastlines reach far beyond the region).
        let region = map.basemap.bounds(of: model.source) ?? map.basemap.bounds
        let spanX = max(region.maxX - region.minX, 1e-9), spanY = max(region.maxY - region.minY, 1e-9)
        let zoom = log2(min(viewport.width / spanX, viewport.height / spanY) * 0.95)
        let camera = Camera(center: Point(x: (region.minX + region.maxX) / 2, y: (region.minY + region.maxY) / 2), zoom: zoom, viewport: viewport)
        var mapList = DisplayList(background: map.style.background)
        mapList.append(Shapes.fill(Rect(x: 0, y: 0, width: viewport.width, height: viewport.height), color: map.style.background))
        let shaded = map.shaded(by: CoverageShading.make(figures, layer: layer, model: model, style: map.style))
        shaded.drawGeometry(camera: camera, into: &mapList)
        for place in places {
            let p = camera.screenPoint(of: WebMercator.project(place))
            mapList.append(Shapes.circle(center: p, radius: 2.6, color: Self.paper))
            mapList.append(Shapes.circle(center: p, radius: 1.9, color: Self.ink))
        }
        shaded.drawLabels(camera: camera, into: &mapList)
        list.append(contentsOf: mapList.scaled(by: factor, offset: Point(x: area.x, y: area.y)))
    }

    /// Population, places, places per 10,000 inhabitants and share beyond 10 km, by department.
    func drawDepartments(x: Double, y: Double, width: Double, unit u: Double, into list: inout DisplayList) {
        var y = paragraph(text(.posterByDepartment), x: x, y: y, width: width, size: 16 * u, bold: true, into: &list)
        let columns: [(String, Double)] = [(text(.posterColumnDepartment), 0), (text(.posterColumnPopulation), 0.4),
                                           (text(.posterColumnPlaces), 0.53), (text(.posterColumnRate), 0.77), (text(.posterColumnBeyond), 1)]
        let size = 12.5 * u
        func row(_ cells: [String], bold: Bool) {
            for (n, cell) in cells.enumerated() {
                let alignment: TextPrimitive.Alignment = n == 0 ? .left : .right
                list.append(TextPrimitive(cell, at: Point(x: x + width * columns[n].1, y: y + size * 0.7), size: size, color: Self.ink,
                                          alignment: alignment, bold: bold))
            }
            y += size * 1.6
        }
        row(columns.map(\.0), bold: true)
        list.append(Shapes.fill(Rect(x: x, y: y - size * 0.3, width: width, height: max(1, u)), color: Self.rule))
        for department in figures.departments + [figures.region] {
            let name = department.territory.code == "region" ? text(.posterRegion) : department.territory.name
            row([name, CoverageLegend.count(department.population, language: language), CoverageLegend.count(department.places, language: language),
                 department.placesPer10k.map { CoverageLegend.decimal($0, places: 2, language: language) } ?? "–",
                 department.shareBeyond10km.map { CoverageLegend.percent($0, language: language) } ?? "–"],
                bold: department.territory.code == "region")
        }
    }

    /// "Lieux comptés : Démarches en ligne, ouverts le samedi 5 décembre 2026 à 10:00", or all.
    func filterLine() -> String {
        var parts = FilterChip.allCases.compactMap { chip -> String? in
            let counted = chip.need.map(figures.filter.needs.contains) ?? chip.offer.map(figures.filter.offers.contains) ?? false
            return counted ? text(chip.labelKey) : nil
        }
        if let service = figures.filter.service { parts.append("« \(service) »") }
        if let at = figures.filter.openAt {
            var style = Date.FormatStyle(date: .complete, time: .shortened).locale(CoverageLegend.locale(language))
            style.timeZone = OpeningHours.paris
            parts.append(text(.posterOpenAt, ["n": at.formatted(style)]))
        }
        return parts.isEmpty ? text(.coverageAllPlaces) : text(.coverageFilters, ["n": parts.joined(separator: ", ")])
    }

    @discardableResult
    func paragraph(_ s: String, x: Double, y: Double, width: Double, size: Double, bold: Bool = false, color: RGBA = ink,
                   into list: inout DisplayList) -> Double {
        var y = y
        for line in TextWrapper.lines(s, width: width, size: size, bold: bold, measurer: measurer, maxLines: 6) {
            list.append(TextPrimitive(line, at: Point(x: x, y: y + size * 0.65), size: size, color: color, alignment: .left, bold: bold))
            y += size * 1.35
        }
        return y
    }
}
