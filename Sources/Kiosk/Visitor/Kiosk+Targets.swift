import Coverage
import FeedbackModel
import Foundation
import MapGeometry
import MapScene

/// Scripted input: touching things by name, for replay traces that outlive layout changes.
extension Kiosk {
    public struct TargetError: Error, CustomStringConvertible {
        public var target: String
        public var reason: String
        public var description: String { "target \"\(target)\": \(reason)" }
    }

    /// Plays one trace entry at `time` (seconds): raw events as they are, `tap` and `type` by
    /// finding their targets on screen now.
    public mutating func play(_ entry: InputTrace.Entry, at time: Double) throws {
        switch entry.type {
        case .tap:
            let target = entry.target ?? ""
            guard let p = position(of: target) else {
                throw TargetError(target: target, reason: "not on screen at \(Int(time * 1000)) ms")
            }
            tap(at: p, time: time)
        case .type:
            for character in entry.text ?? "" {
                let name = "control:key:" + String(character).lowercased()
                guard let p = position(of: name) else {
                    throw TargetError(target: name, reason: "no such key on screen at \(Int(time * 1000)) ms")
                }
                tap(at: p, time: time)
            }
        default:
            if let event = InputTrace.event(for: entry, viewport: viewport) { handle(event, at: time) }
        }
    }

    /// A short touch: down, then up 50 ms later, with a finger id no gesture uses.
    mutating func tap(at p: Point, time: Double) {
        handle(.fingerDown(id: 9_001, position: p), at: time)
        handle(.fingerUp(id: 9_001, position: p), at: time + 0.05)
    }

    /// Where a named target is on screen now (turned with the interface and the panels), or nil.
    public mutating func position(of target: String) -> Point? {
        interfacePosition(of: target).map(screenPoint(ofInterfacePoint:))
    }

    /// Where a named target is in the interface's own coordinates.
    private mutating func interfacePosition(of target: String) -> Point? {
        let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "control":
            guard let control = Control(name: parts[1]) else { return nil }
            if let button = visitorView.buttons.last(where: { $0.control == control }) { return shownRect(visitorView.shown(button.rect)).center }
            guard !visitorView.modal else { return nil }
            return layout.controls[control].map { shownRect($0).center }
        case "row":
            guard let n = Int(parts[1]) else { return nil }
            let rows = visitorView.buttons.filter { $0.style == .row }
            return rows.indices.contains(n) ? shownRect(visitorView.shown(rows[n].rect)).center : nil
        case "place":
            guard let index = placeLayer.directory.index(ofID: parts[1]) else { return nil }
            return visibleMarkers().first { $0.members == [index] }.map(\.center)
        case "geo":
            guard let c = GeoCoordinate(parsing: parts[1]) else { return nil }
            let p = camera.screenPoint(of: WebMercator.project(c))
            return Rect(x: 0, y: 0, width: viewport.width, height: viewport.height).contains(p) ? p : nil
        default:
            return nil
        }
    }
}

extension Control {
    /// Names as scripted traces write them: `nearby`, `chip:openNow`, `key:a`, `answer:oui`,
    /// `coverage`, `layer:ifn`, `moment:saturdayMorning`…
    public init?(name: String) {
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts[0], parts.count > 1 ? parts[1] : nil) {
        case ("home", nil): self = .home
        case ("zoomIn", nil): self = .zoomIn
        case ("zoomOut", nil): self = .zoomOut
        case ("language", nil): self = .language
        case ("nearby", nil): self = .nearby
        case ("search", nil): self = .search
        case ("closePanel", nil): self = .closePanel
        case ("giveFeedback", nil): self = .giveFeedback
        case ("skip", nil): self = .skip
        case ("back", nil): self = .back
        case ("send", nil): self = .send
        case ("keepAnswering", nil): self = .keepAnswering
        case ("next", nil): self = .next
        case ("missingPlace", nil): self = .missingPlace
        case ("thanksOK", nil): self = .thanksOK
        case ("backspace", nil): self = .backspace
        case ("clearText", nil): self = .clearText
        case ("key", let k?): self = .key(k)
        case ("answer", let v?):
            guard let value = AnswerValue(rawValue: v) else { return nil }
            self = .answer(value)
        case ("chip", let c?):
            guard let chip = FilterChip(rawValue: c) else { return nil }
            self = .chip(chip)
        case ("coverage", nil): self = .coverage
        case ("largeText", nil): self = .largeText
        case ("setLanguage", let code?): self = .setLanguage(code)
        case ("contrast", nil): self = .contrast
        case ("turn", nil): self = .turn
        case ("clearFilters", nil): self = .clearFilters
        case ("restart", nil): self = .restart
        case ("legend", nil): self = .legend
        case ("moreFilters", nil): self = .moreFilters
        case ("public", let value?): self = .publicFilter(value)
        case ("support", let value?): self = .supportFilter(value)
        case ("listen", let t?):
            guard let target = ListenTarget(rawValue: t) else { return nil }
            self = .listen(target)
        case ("layer", let l?):
            guard let layer = CoverageLayer(rawValue: l) else { return nil }
            self = .coverageLayer(layer)
        case ("moment", let m?):
            guard let moment = CoverageMoment(rawValue: m) else { return nil }
            self = .coverageMoment(moment)
        default: return nil
        }
    }
}
