import MapGeometry
import MapScene

/// Where the home screen's parts go, in pixels, from sizes in millimetres. The controls sit in a
/// bar along the bottom edge, the one facing a visitor at a table or kiosk.
public struct HomeLayout: Sendable {
    public var bar: Rect
    public var controls: [Control: Rect]
    public var titlePanel: Rect
    /// The title and the hint under it, wrapped to the title panel (large text takes two lines).
    public var titleLines: [String] = []
    public var subtitleLines: [String] = []
    public var attribution: Rect
    public var textSize: Double
    public var titleSize: Double
    public var smallTextSize: Double

    /// Labels of the bar's buttons and chips, in the interface's language.
    public struct Labels: Sendable {
        public var home, language, nearby, search: String
        /// The coverage view's button; none when the site has no coverage figures.
        public var coverage: String?
        public var chips: [(FilterChip, String)]
        /// The chip that clears the filters, while some apply.
        public var clearFilters: String?
        /// The chip that opens the markers' legend.
        public var legend: String?
        /// The chip that opens "Plus de filtres" (when the data name publics or supports).
        public var moreFilters: String?
        public init(home: String, language: String, nearby: String, search: String, coverage: String? = nil, chips: [(FilterChip, String)]) {
            (self.home, self.language, self.nearby, self.search, self.coverage, self.chips) = (home, language, nearby, search, coverage, chips)
        }
        public static let none = Labels(home: "", language: "", nearby: "", search: "", chips: [])
    }

    /// The chips row, above the bar on the left.
    public var chips: [(FilterChip, Rect)]
    public var chipTextSize: Double

    /// `textScale`: the visitor's "Aa" (1.4) enlarges every text; the controls grow with it.
    /// `styleToggles`: the bar has the "Aa" and contrast buttons, and the turn button (a table).
    public init(viewport: Size, metrics: ScreenMetrics, measurer: any TextMeasuring,
                labels: Labels, title: String, subtitle: String, attribution credit: String,
                textScale: Double = 1, styleToggles: (text: Bool, contrast: Bool, turn: Bool) = (false, false, false)) {
        let mm = metrics.px
        titleSize = max(20, mm(10)) * textScale
        smallTextSize = max(12, mm(4.5)) * textScale
        let barHeight = max(mm(30), 56) * (textScale > 1 ? 1.15 : 1)
        let gap = mm(4)
        let target = barHeight - 2 * mm(3)          // ≥ 18 mm tall: well above the 9 mm minimum
        bar = Rect(x: 0, y: viewport.height - barHeight, width: viewport.width, height: barHeight)
        let top = bar.y + (barHeight - target) / 2

        // Left: home, language; middle: near here, search (pictogram + word); right: zoom out, in.
        // The words shrink (never under 5 mm) when a small screen cannot hold them all.
        let words = [labels.home, labels.language, labels.nearby, labels.search] + (labels.coverage.map { [$0] } ?? [])
        var size = max(16, mm(8)) * textScale
        let toggles = Double([styleToggles.text, styleToggles.contrast, styleToggles.turn].filter { $0 }.count)
        func totalWidth(_ size: Double) -> Double {
            words.reduce(0) { $0 + measurer.measure($1, size: size, bold: true).width + target + mm(4) } + (2 + toggles) * target + (7 + toggles) * gap
        }
        while totalWidth(size) + (labels.coverage == nil ? 0 : target + gap) > viewport.width && size > max(12, mm(5)) { size -= 1 }
        textSize = size
        func button(_ label: String, x: Double) -> Rect {
            Rect(x: x, y: top, width: measurer.measure(label, size: size, bold: true).width + target + mm(4), height: target)
        }
        let zoomIn = Rect(x: viewport.width - gap - target, y: top, width: target, height: target)
        let zoomOut = Rect(x: zoomIn.x - gap - target, y: top, width: target, height: target)
        let home = button(labels.home, x: gap)
        let language = button(labels.language, x: home.maxX + gap)
        var search = button(labels.search, x: 0)
        search.x = zoomOut.x - 2 * gap - search.width
        var nearby = button(labels.nearby, x: 0)
        nearby.x = search.x - gap - nearby.width
        controls = [.zoomIn: zoomIn, .zoomOut: zoomOut, .home: home, .language: language, .nearby: nearby, .search: search]
        // "Aa" and contrast: square buttons after the language, for the visitor's eyes.
        var toggleX = language.maxX
        if styleToggles.text {
            controls[.largeText] = Rect(x: toggleX + gap, y: top, width: target, height: target)
            toggleX += gap + target
        }
        if styleToggles.contrast {
            controls[.contrast] = Rect(x: toggleX + gap, y: top, width: target, height: target)
            toggleX += gap + target
        }
        if styleToggles.turn {
            controls[.turn] = Rect(x: toggleX + gap, y: top, width: target, height: target)
        }
        if let label = labels.coverage {
            var coverage = button(label, x: 0)
            coverage.x = nearby.x - 2 * gap - coverage.width
            controls[.coverage] = coverage
        }

        // The title keeps to the left part of the screen, clear of the cards on the right; longer
        // (large text, another language) it wraps rather than runs under them.
        let widest = min(viewport.width - 2 * gap, max(viewport.width * 0.6, mm(150))) - 2 * gap
        let big = titleSize, normal = size
        let wrappedTitle = TextWrapper.lines(title, width: widest, size: big, bold: true, measurer: measurer, maxLines: 3)
        let wrappedSubtitle = TextWrapper.lines(subtitle, width: widest, size: normal, bold: false, measurer: measurer, maxLines: 3)
        let titleWidth = max(wrappedTitle.map { measurer.measure($0, size: big, bold: true).width }.max() ?? 0,
                             wrappedSubtitle.map { measurer.measure($0, size: normal, bold: false).width }.max() ?? 0)
        titleLines = wrappedTitle
        subtitleLines = wrappedSubtitle
        titlePanel = Rect(x: gap, y: gap, width: min(titleWidth + 2 * gap, viewport.width - 2 * gap),
                          height: Double(wrappedTitle.count) * big * 1.3 + Double(wrappedSubtitle.count) * normal * 1.3 + 2 * mm(3))
        let attributionSize = measurer.measure(credit, size: smallTextSize, bold: false)
        self.attribution = Rect(x: viewport.width - attributionSize.width - mm(3), y: bar.y - attributionSize.height - mm(1),
                           width: attributionSize.width + mm(3), height: attributionSize.height + mm(1))

        // Chips: 14 mm tall, in one or two rows above the bar, left of the credits.
        chipTextSize = max(12, min(size, mm(6.5) * textScale))
        let chipHeight = max(mm(14), chipTextSize * 1.9)
        let right = attribution.x - gap
        var x = gap, row = 0.0
        var chips: [(FilterChip, Rect)] = []
        for (chip, label) in labels.chips {
            let width = measurer.measure(label, size: chipTextSize, bold: true).width + chipHeight + mm(4)
            if x + width > right && x > gap { x = gap; row += 1 }
            chips.append((chip, Rect(x: x, y: bar.y - gap - chipHeight - row * (chipHeight + mm(2)), width: width, height: chipHeight)))
            x += width + mm(2)
        }
        self.chips = chips
        for (chip, rect) in chips { controls[.chip(chip)] = rect }
        for (control, label) in [(Control.moreFilters, labels.moreFilters), (.clearFilters, labels.clearFilters), (.legend, labels.legend)] {
            guard let label else { continue }
            let width = measurer.measure(label, size: chipTextSize, bold: true).width + chipHeight + mm(4)
            if x + width > right && x > gap { x = gap; row += 1 }
            let rect = Rect(x: x, y: bar.y - gap - chipHeight - row * (chipHeight + mm(2)), width: width, height: chipHeight)
            x += width + mm(2)
            switch control {
            case .clearFilters: clearFiltersChip = rect
            case .moreFilters: moreFiltersChip = rect
            default: legendChip = rect
            }
            controls[control] = rect
        }
    }

    /// "Légende", last of the chips' row.
    public var legendChip: Rect?

    /// "Plus de filtres", after the chips.
    public var moreFiltersChip: Rect?

    /// "Tout afficher", after the chips while filters apply.
    public var clearFiltersChip: Rect?

    /// The top of the chips: panels stop above it.
    public var chipsTop: Double { (chips.map(\.1.y) + [clearFiltersChip?.y, legendChip?.y, moreFiltersChip?.y].compactMap { $0 }).min() ?? bar.y }

    /// The control under a point, if any.
    public func control(at p: Point) -> Control? {
        controls.first(where: { $0.value.contains(p) })?.key
    }

    /// Whether a point is on the interface rather than on the map.
    public func isOverInterface(_ p: Point) -> Bool {
        bar.contains(p) || titlePanel.contains(p) || chips.contains { $0.1.contains(p) } || clearFiltersChip?.contains(p) == true
            || legendChip?.contains(p) == true || moreFiltersChip?.contains(p) == true
    }
}
