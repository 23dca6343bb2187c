import Coverage
import Foundation
import MapScene

/// The words and colours of the coverage view: the legend of each layer, the moments, the
/// numbers written as each language writes them.
enum CoverageLegend {
    /// When a style has no palette for a layer: ColorBrewer's sequential schemes, which
    /// colour-blind eyes also read in order.
    static func fallbackPalette(_ layer: CoverageLayer) -> ClassPalette {
        switch layer {
        case .distance: return ClassPalette(classes: [RGBA(255, 255, 212), RGBA(254, 217, 142), RGBA(254, 153, 41), RGBA(204, 76, 2)], noData: RGBA(200, 200, 200))
        case .fragility: return ClassPalette(classes: [RGBA(242, 240, 247), RGBA(203, 201, 226), RGBA(158, 154, 200), RGBA(106, 81, 163)], noData: RGBA(200, 200, 200))
        case .priority: return ClassPalette(classes: [RGBA(254, 235, 226), RGBA(251, 180, 185), RGBA(247, 104, 161), RGBA(174, 1, 126)], noData: RGBA(200, 200, 200))
        }
    }

    static func title(_ layer: CoverageLayer) -> StringCatalog.Key {
        switch layer {
        case .distance: return .coverageLayerDistance
        case .fragility: return .coverageLayerFragility
        case .priority: return .coverageLayerPriority
        }
    }

    /// The classes' words, best off first.
    static func classes(_ layer: CoverageLayer) -> [StringCatalog.Key] {
        switch layer {
        case .distance: return [.coverageDistance0, .coverageDistance1, .coverageDistance2, .coverageDistance3]
        case .fragility: return [.coverageFragility0, .coverageFragility1, .coverageFragility2, .coverageFragility3]
        case .priority: return [.coveragePriority0, .coveragePriority1, .coveragePriority2, .coveragePriority3]
        }
    }

    static func moment(_ moment: CoverageMoment) -> StringCatalog.Key {
        switch moment {
        case .anyTime: return .coverageWhenAny
        case .now: return .coverageWhenNow
        case .saturdayMorning: return .coverageWhenSaturday
        case .weekdayEvening: return .coverageWhenEvening
        }
    }

    /// "58 333 habitants (0,97 %) vivent à plus de 10 km d'un lieu qui aide": the view's headline,
    /// what "Écouter" reads first there, and the poster's.
    static func headline(_ region: TerritoryCoverage, catalog: StringCatalog, language: String) -> String {
        catalog.text(.coverageHeadline, language, values: [
            "people": count(region.populationBeyond10km, language: language),
            "share": percent(region.shareBeyond10km ?? 0, language: language),
        ])
    }

    /// 312 000 in French (a thin space between thousands), 312,000 in English, 312.000 where the
    /// decimal mark is a comma (Dutch, Arabic as written in the Maghreb).
    static func count(_ n: Int, language: String) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += language == "fr" ? "\u{202F}" : decimalComma(language) ? "." : "," }
            out.append(c)
        }
        return out
    }

    /// A decimal with `places` digits, with the language's decimal mark.
    static func decimal(_ value: Double, places: Int, language: String) -> String {
        let text = String(format: "%.\(places)f", value)
        return decimalComma(language) ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// Languages that write 5,2 rather than 5.2.
    static func decimalComma(_ language: String) -> Bool { ["fr", "nl", "ar"].contains(language) }

    /// The locale dates are written in.
    static func locale(_ language: String) -> Locale {
        Locale(identifier: ["fr": "fr_FR", "nl": "nl_NL", "ar": "ar"][language] ?? "en_GB")
    }

    /// "5,2 %" or "5.2%".
    /// Under 1 %, two decimals: 0,05 % is not "0,0 %".
    static func percent(_ share: Double, language: String) -> String {
        decimal(share * 100, places: share > 0 && share < 0.01 ? 2 : 1, language: language) + (language == "fr" ? "\u{202F}%" : "%")
    }
}
