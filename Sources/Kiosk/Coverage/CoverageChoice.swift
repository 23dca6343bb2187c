import Coverage
import Foundation
import MapScene
import Places

/// What a visitor chose in the coverage view: the layer shown and the moment places must be
/// open at. The needs come from the chips, as on the plain map.
public struct CoverageChoice: Sendable, Equatable {
    public var layer = CoverageLayer.distance
    public var moment = CoverageMoment.anyTime
    public init() {}
}

/// "Open at" in the coverage view: the moments people ask about, as buttons.
public enum CoverageMoment: String, Sendable, CaseIterable, Hashable {
    case anyTime, now, saturdayMorning, weekdayEvening

    /// The instant places must be open at, in Paris time: now (to the minute), the next Saturday
    /// at 10:00, the next weekday (Monday to Friday) at 18:30; nil for any time.
    public func instant(after now: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = OpeningHours.paris
        switch self {
        case .anyTime: return nil
        case .now: return Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        case .saturdayMorning:
            return calendar.nextDate(after: now, matching: DateComponents(hour: 10, minute: 0, weekday: 7), matchingPolicy: .nextTime)
        case .weekdayEvening:
            let candidates = (2...6).compactMap {
                calendar.nextDate(after: now, matching: DateComponents(hour: 18, minute: 30, weekday: $0), matchingPolicy: .nextTime)
            }
            return candidates.min()
        }
    }
}

/// The coverage figures the kiosk shows, with the calculator that makes them (made again with
/// the places, see ``Kiosk/setCoverage(_:source:)``) and the last figures made, for one filter.
public struct CoverageModel: Sendable {
    public let territories: TerritoryTable
    public internal(set) var calculator: CoverageCalculator
    /// The basemap source whose features are the communes (named by their INSEE code).
    public let source: String
    public internal(set) var figures: CoverageFigures?
    /// The shading of the last figures, for ``shadedWith``.
    public internal(set) var shading: ThematicShading?
    /// The layer and palette ``shading`` was made with (the contrast button changes the palette).
    var shadedWith: (layer: CoverageLayer, palette: ClassPalette?)?

    public init(territories: TerritoryTable, directory: PlaceDirectory, source: String) {
        self.territories = territories
        calculator = CoverageCalculator(territories: territories, directory: directory)
        self.source = source
    }

    public var layers: [CoverageLayer] {
        territories.hasFragilityIndex ? CoverageLayer.allCases : [.distance]
    }
}
