import MapGeometry
import MapScene

/// The interface's controls, each a touch target.
public enum Control: Hashable, Sendable {
    case home, zoomIn, zoomOut, language
}

/// Where the home screen's parts go, in pixels, from sizes in millimetres. The controls sit in a
/// bar along the bottom edge, the one facing a visitor at a table or kiosk.
public struct HomeLayout: Sendable, Equatable {
    public var bar: Rect
    public var controls: [Control: Rect]
    public var titlePanel: Rect
    public var attribution: Rect
    public var textSize: Double
    public var titleSize: Double
    public var smallTextSize: Double

    public init(viewport: Size, metrics: ScreenMetrics, measurer: any TextMeasuring,
                languageLabel: String, homeLabel: String, title: String, subtitle: String, attribution credit: String) {
        let mm = metrics.px
        textSize = max(16, mm(8))
        titleSize = max(20, mm(10))
        smallTextSize = max(12, mm(4.5))
        let barHeight = max(mm(30), 56)
        let gap = mm(4)
        let target = barHeight - 2 * mm(3)          // ≥ 18 mm tall: well above the 9 mm minimum
        bar = Rect(x: 0, y: viewport.height - barHeight, width: viewport.width, height: barHeight)
        let top = bar.y + (barHeight - target) / 2

        // Right: zoom out, zoom in (square, pictograms). Left: home, language (pictogram + word).
        let zoomIn = Rect(x: viewport.width - gap - target, y: top, width: target, height: target)
        let zoomOut = Rect(x: zoomIn.x - gap - target, y: top, width: target, height: target)
        let homeWidth = measurer.measure(homeLabel, size: textSize, bold: true).width + target + mm(4)
        let home = Rect(x: gap, y: top, width: homeWidth, height: target)
        let languageWidth = measurer.measure(languageLabel, size: textSize, bold: true).width + target + mm(4)
        let language = Rect(x: home.maxX + gap, y: top, width: languageWidth, height: target)
        controls = [.zoomIn: zoomIn, .zoomOut: zoomOut, .home: home, .language: language]

        let titleWidth = max(measurer.measure(title, size: titleSize, bold: true).width,
                             measurer.measure(subtitle, size: textSize, bold: false).width)
        titlePanel = Rect(x: gap, y: gap, width: min(titleWidth + 2 * gap, viewport.width - 2 * gap),
                          height: titleSize * 1.3 + textSize * 1.3 + 2 * mm(3))
        let attributionSize = measurer.measure(credit, size: smallTextSize, bold: false)
        self.attribution = Rect(x: viewport.width - attributionSize.width - mm(3), y: bar.y - attributionSize.height - mm(1),
                           width: attributionSize.width + mm(3), height: attributionSize.height + mm(1))
    }

    /// The control under a point, if any.
    public func control(at p: Point) -> Control? {
        controls.first(where: { $0.value.contains(p) })?.key
    }

    /// Whether a point is on the interface rather than on the map.
    public func isOverInterface(_ p: Point) -> Bool {
        bar.contains(p) || titlePanel.contains(p)
    }
}
