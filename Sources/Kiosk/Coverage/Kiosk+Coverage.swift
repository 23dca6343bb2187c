import Coverage
import Foundation
import MapGeometry
import MapScene
import Places

/// The coverage view: communes shaded by distance to help, digital fragility or priority, the
/// region's headline, and a card per commune. It shows the filters the chips and the moment make.
extension Kiosk {
    /// The communes of the region (nil: no coverage view, no "Couverture" button) and the basemap
    /// source whose features are they, named by their INSEE code.
    public mutating func setCoverage(_ territories: TerritoryTable?, source: String) {
        coverageAwaited = false
        coverage = territories.map { CoverageModel(territories: $0, directory: placeLayer.directory, source: source) }
        if coverage == nil { visitor.coverage = nil }
        relayout()
        refreshCoverage()
        needsRedraw = true
    }

    /// The site has a coverage view, whose territories come later (the shell reads them after the
    /// first frame, which does not need them): its button is there from the first frame, as it
    /// will be, and answers once ``setCoverage(_:source:)`` has given them.
    public mutating func awaitCoverage() {
        guard coverage == nil else { return }
        coverageAwaited = true
        relayout()
        needsRedraw = true
    }

    /// The territories' colours the basemap is drawn with now.
    public var coverageShading: ThematicShading? { visitor.coverage == nil ? nil : coverage?.shading }

    /// The figures shown now (the coverage view open).
    public var coverageFigures: CoverageFigures? { visitor.coverage == nil ? nil : coverage?.figures }

    /// Makes the figures again when the filter changed, and the shading when they, the layer or
    /// the style's palette did.
    mutating func refreshCoverage() {
        guard var model = coverage, let choice = visitor.coverage else { return }
        let filter = placeFilter
        if model.figures?.filter != filter {
            model.figures = model.calculator.figures(for: filter)
            model.shadedWith = nil
        }
        let palette = map.style.coverage?[choice.layer.rawValue]
        if let figures = model.figures, model.shadedWith.map({ $0.layer != choice.layer || $0.palette != palette }) ?? true {
            model.shading = CoverageShading.make(figures, layer: choice.layer, model: model, style: map.style)
            model.shadedWith = (choice.layer, palette)
        }
        coverage = model
    }

    mutating func activateCoverageControl(_ control: Control) {
        switch control {
        case .coverage:
            guard coverage != nil else { return }
            if visitor.coverage == nil {
                visitor.coverage = CoverageChoice()
                // The moment buttons stand for "open now" in this view.
                if visitor.chips.remove(.openNow) != nil { visitor.coverage?.moment = .now }
                switch visitor.panel {
                case .details, .commune, .none: break
                default: visitor.panel = .none
                }
            } else {
                visitor.coverage = nil
                if case .commune = visitor.panel { visitor.panel = .none }
            }
        case .coverageLayer(let layer):
            visitor.coverage?.layer = layer
        case .coverageMoment(let moment):
            visitor.coverage?.moment = moment
        default:
            return
        }
        refreshClusters()
        refreshCoverage()
        relayout()
    }

    /// Opens the coverage view with a layer (render command, tests).
    public mutating func showCoverage(layer: CoverageLayer) {
        if visitor.coverage == nil { activateCoverageControl(.coverage) }
        activateCoverageControl(.coverageLayer(layer))
        needsRedraw = true
    }

    /// Opens a commune's card in the coverage view.
    public mutating func showCommune(_ index: Int) {
        guard visitor.coverage != nil, let model = coverage, model.territories.communes.indices.contains(index) else { return }
        visitor.panel = .commune(index)
        refreshVisitorView()
        needsRedraw = true
    }

    /// A tap on the map in the coverage view, on no marker: the commune under it opens its card.
    mutating func tapCommune(at p: Point) -> Bool {
        guard visitor.coverage != nil, let model = coverage,
              let code = map.basemap.feature(of: model.source, at: camera.worldPoint(atScreen: p), zoom: camera.zoom),
              let index = model.territories.index(ofCode: code) else { return false }
        visitor.panel = .commune(index)
        return true
    }
}
