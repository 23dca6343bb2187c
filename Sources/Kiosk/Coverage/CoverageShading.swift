import Coverage
import MapScene

/// The communes' colours for a layer: each commune in its class's colour, "no data" for the rest.
public enum CoverageShading {
    public static func make(_ figures: CoverageFigures, layer: CoverageLayer, model: CoverageModel, style: MapStyle) -> ThematicShading {
        let palette = style.coverage?[layer.rawValue] ?? CoverageLegend.fallbackPalette(layer)
        var colors: [String: RGBA] = [:]
        colors.reserveCapacity(figures.communes.count)
        for row in figures.communes {
            let code = model.territories.communes[row.commune].code
            colors[code] = layer.classIndex(of: row, in: model.territories).map { palette.classes[min($0, palette.classes.count - 1)] } ?? palette.noData
        }
        return ThematicShading(source: model.source, colors: colors, fallback: palette.noData)
    }
}
