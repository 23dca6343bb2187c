import Foundation
import MapGeometry

/// A town name given a place on the map, with its box in screen pixels around its anchor.
public struct PlacedLabel: Sendable, Equatable {
    public var town: TownLabel
    public var size: Double
    public var bold: Bool
    public var halfWidth: Double
    public var halfHeight: Double
}

/// Chooses which town names to show at a zoom: biggest towns first, none overlapping.
///
/// Placement depends on the zoom alone (in half-level steps), never on where the map is panned, so
/// labels neither flicker nor jump while a finger drags the map; results are cached per step.
public final class LabelPlacer: @unchecked Sendable {
    // Guarded by `lock`: the render loop is the only caller, the lock keeps it honest.
    private let lock = NSLock()
    private var placements: [Int: [PlacedLabel]] = [:]
    /// Zoom steps by last use, most recent last: only a few are kept (memory stays flat for months).
    private var recentSteps: [Int] = []
    private let keptSteps = 6
    private var sizes: [String: Size] = [:]
    /// Extra room around each label, in pixels.
    public var padding = 4.0

    public init() {}

    /// Zoom steps at which placement is redone.
    static func step(_ zoom: Double) -> Int { Int((zoom * 2).rounded(.down)) }

    public func placed(towns: [TownLabel], style: MapStyle.Labels, zoom: Double, measurer: any TextMeasuring) -> [PlacedLabel] {
        let step = Self.step(zoom)
        lock.lock()
        defer { lock.unlock() }
        recentSteps.removeAll { $0 == step }
        recentSteps.append(step)
        if recentSteps.count > keptSteps { placements[recentSteps.removeFirst()] = nil }
        if let cached = placements[step] { return cached }
        let placementZoom = Double(step) / 2
        let scale = pow(2, placementZoom)
        // A grid over the world, cells about the size of a big label, for the overlap checks.
        let cell = 200 / scale
        var grid: [Int64: [(Double, Double, Double, Double)]] = [:]
        func cellKey(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(y))) }

        var out: [PlacedLabel] = []
        for town in towns {   // biggest first
            guard let rule = style.rule(forPopulation: town.population), placementZoom >= rule.minzoom else { continue }
            let bold = rule.bold ?? false
            let key = "\(rule.size)|\(bold)|\(town.name)"
            let size = sizes[key] ?? measurer.measure(town.name, size: rule.size, bold: bold)
            sizes[key] = size
            let hw = (size.width / 2 + padding) / scale, hh = (size.height / 2 + padding / 2) / scale
            let box = (town.position.x - hw, town.position.y - hh, town.position.x + hw, town.position.y + hh)
            let x0 = Int((box.0 / cell).rounded(.down)), x1 = Int((box.2 / cell).rounded(.down))
            let y0 = Int((box.1 / cell).rounded(.down)), y1 = Int((box.3 / cell).rounded(.down))
            var free = true
            outer: for gx in x0...x1 {
                for gy in y0...y1 {
                    for other in grid[cellKey(gx, gy)] ?? [] where
                        !(box.0 >= other.2 || box.2 <= other.0 || box.1 >= other.3 || box.3 <= other.1) {
                        free = false
                        break outer
                    }
                }
            }
            guard free else { continue }
            for gx in x0...x1 { for gy in y0...y1 { grid[cellKey(gx, gy), default: []].append(box) } }
            out.append(PlacedLabel(town: town, size: rule.size, bold: bold,
                                   halfWidth: size.width / 2, halfHeight: size.height / 2))
        }
        placements[step] = out
        return out
    }
}
