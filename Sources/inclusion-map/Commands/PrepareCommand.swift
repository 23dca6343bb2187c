import ArgumentParser
import Foundation
import MapScene

/// `inclusion-map prepare`: reads, projects, simplifies, triangulates and strokes the basemap once,
/// writes the cache, and prints what each stage took and produced.
struct PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Prepare the basemap cache now and print per-stage timings and counts.")

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Rebuild even if the cache is up to date.")
    var force = false

    func run() throws {
        let logger = common.logger("inclusion-map.prepare")
        let (configuration, stateDirectory) = try common.configurationAndState()
        if force { try? FileManager.default.removeItem(at: BasemapCache(directory: stateDirectory).file) }
        let progress = ProgressLine.onTerminal()
        let assembly = try KioskAssembly(configuration: configuration, stateDirectory: stateDirectory, logger: logger,
                                         progress: progress.map { line in { line.show($0, $1) } })
        progress?.finish()
        print("stage                                           ms")
        for t in assembly.timings {
            print(String(format: "%-40@ %9.1f", t.stage as NSString, t.milliseconds))
        }
        if let report = assembly.report {
            print("features: \(report.features)   vertices in: \(report.verticesIn)")
            for (zoom, count) in report.verticesOut.sorted(by: { $0.key < $1.key }) {
                print(String(format: "  level z%-4.1f vertices out: %d", zoom, count))
            }
            print("triangles: \(report.triangles)   rectangles: \(report.rectangles)   towns: \(assembly.basemap.towns.count)")
            print(String(format: "peak memory: %.0f MB   cache: %.1f MB", ProcessMetrics.peakRSSMegabytes(),
                         Double((try? FileManager.default.attributesOfItem(atPath: BasemapCache(directory: stateDirectory).file.path)[.size] as? Int) ?? 0) / 1_048_576))
        } else {
            print("loaded from cache \(BasemapCache(directory: stateDirectory).file.path) (up to date; --force rebuilds)")
        }
        print("sources (triangles at each level):")
        for (name, levels) in assembly.basemap.sources.sorted(by: { $0.key < $1.key }) {
            let counts = levels.map { level in
                level.fills.reduce(0) { $0 + $1.triangleCount } + level.lines.reduce(0) { $0 + $1.triangleCount }
            }
            print("  \(name): \(counts.map(String.init).joined(separator: " / "))")
        }
        if let refused = assembly.refusedSources {
            throw CommandFailure(description: "basemap sources refused; the kiosk shows the basemap prepared from the previous files until they are fixed: \(refused)")
        }
        if let fault = assembly.cacheFault {
            throw CommandFailure(description: "basemap prepared but not kept for the next start: \(fault)")
        }
    }
}
