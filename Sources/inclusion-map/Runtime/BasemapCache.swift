import Foundation
import MapScene
import Places

/// The prepared basemap on disk, under the state directory, keyed by a hash of everything it was
/// made from: the source files' bytes, their names and classes, the towns file and the format.
/// A second start reads it instead of parsing and triangulating again.
struct BasemapCache {
    let directory: URL

    var file: URL { directory.appendingPathComponent("basemap.cache") }

    /// FNV-1a over the inputs (a cache key, not a security measure).
    static func key(for configuration: KioskConfiguration, styles: [MapStyle]) throws -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes {
                hash ^= UInt64(b)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        mix(withUnsafeBytes(of: BasemapArchive.formatVersion.littleEndian) { Array($0) })
        // What the style draws of each source changes what is prepared, so it is part of the key.
        var inputs = configuration.basemapSources.sorted { $0.key < $1.key }.map { name, file in
            let shadeProperty = configuration.shadeProperty(of: name)
            let needs = configuration.needs(of: name, styles: styles)
            return ("\(name)|\(file.classProperty ?? "")|\(needs.fills)|\(needs.thinLines)|\(needs.wideLines)|\(needs.shades)|\(shadeProperty ?? "")", file.url)
        }
        if let towns = configuration.townsFile { inputs.append(("towns", towns)) }
        for (label, url) in inputs {
            mix(label.utf8)
            let data = try Data(contentsOf: url, options: .alwaysMapped)
            data.withUnsafeBytes { raw in
                var h = hash
                for b in raw.bindMemory(to: UInt8.self) {
                    h ^= UInt64(b)
                    h = h &* 0x0000_0100_0000_01b3
                }
                hash = h
            }
        }
        return hash
    }

    func load(key: UInt64) -> PreparedBasemap? {
        guard let data = try? Data(contentsOf: file, options: .alwaysMapped) else { return nil }
        return try? BasemapArchive.decode(data, expectedKey: key)
    }

    /// Room the cache never takes: the disk's last megabytes are for visitors' answers.
    static let roomLeftForAnswers: UInt64 = 4 << 20

    /// Writes atomically (temporary file, then rename), so a crash never leaves half a cache, and
    /// only when the disk keeps ``roomLeftForAnswers`` beside it.
    func store(_ basemap: PreparedBasemap, key: UInt64) throws {
        let data = try BasemapArchive.encode(basemap, key: key)
        if let free = StorageFault.freeBytes(near: file.path), free < UInt64(data.count) + Self.roomLeftForAnswers {
            throw StorageFault(cause: .diskFull, path: file.path,
                               detail: "\(data.count >> 20) MB to write, \(free >> 20) MB free, \(Self.roomLeftForAnswers >> 20) MB kept for answers")
        }
        try data.write(to: file, options: .atomic)
    }
}
