import Foundation
import MapScene
import Places

/// The prepared basemap on disk, under the state directory, keyed by a hash of everything it was
/// made from: the source files' bytes (or, for an extract of hundreds of megabytes, its size, date
/// and ends), their names and classes, what the styles draw of them, the towns file and the
/// format. A second start reads it instead of parsing and triangulating again.
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
        // What the style draws of each source, and from which zoom, changes what is prepared, so it
        // is part of the key; so is what the styles keep of an OpenStreetMap extract.
        var inputs = try configuration.basemapSources.sorted { $0.key < $1.key }.map { name, file in
            let shadeProperty = configuration.shadeProperty(of: name)
            let needs = configuration.needs(of: name, styles: styles)
            let zooms = BasemapSource.DrawnZooms.of(name, in: styles)
            let spans = zooms.byClass.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
            var label = "\(name)|\(file.classProperty ?? "")|\(needs.fills)|\(needs.thinLines)|\(needs.wideLines)|\(needs.shades)|\(shadeProperty ?? "")|\(spans)|\(zooms.anyClass.map { "\($0)" } ?? "")"
            if file.isOpenStreetMapExtract {
                let selection = try configuration.osmSelection(of: name, styles: styles)
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                label += "|" + String(decoding: try encoder.encode(selection), as: UTF8.self)
            }
            return (label, file.url)
        }
        if let towns = configuration.townsFile { inputs.append(("towns", towns)) }
        for (label, url) in inputs {
            mix(label.utf8)
            let data = try Data(contentsOf: url, options: .alwaysMapped)
            // A region's extract is hundreds of megabytes: reading it all at each start would cost
            // seconds. Its size, date and both ends stand for it (a new download changes them).
            let sample: Data
            if data.count > Self.wholeHashLimit {
                let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
                let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                mix("\(data.count)|\(date)".utf8)
                sample = data.prefix(Self.sampledBytes) + data.suffix(Self.sampledBytes)
            } else {
                sample = data
            }
            // Eight bytes a step: every start hashes the sources, and a byte at a time shows.
            sample.withUnsafeBytes { raw in
                var h = hash
                let words = raw.count / 8
                for i in 0..<words {
                    h ^= raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                    h = h &* 0x0000_0100_0000_01b3
                    h ^= h >> 32
                }
                for b in raw[(words * 8)...] {
                    h ^= UInt64(b)
                    h = h &* 0x0000_0100_0000_01b3
                }
                hash = h
            }
        }
        return hash
    }

    /// Files larger than this are keyed by their size, date and ends rather than every byte.
    static let wholeHashLimit = 64 << 20
    static let sampledBytes = 1 << 20

    func load(key: UInt64) -> PreparedBasemap? {
        guard let data = try? Data(contentsOf: file, options: .alwaysMapped) else { return nil }
        return try? BasemapArchive.decode(data, expectedKey: key)
    }

    /// The cache whatever files it was made from, as long as this version can read it.
    func loadPrevious() -> PreparedBasemap? {
        guard let data = try? Data(contentsOf: file, options: .alwaysMapped) else { return nil }
        return try? BasemapArchive.decode(data, expectedKey: nil)
    }

    /// Room the cache never takes: the disk's last megabytes are for visitors' answers.
    static let roomLeftForAnswers: UInt64 = 4 << 20

    /// Writes atomically (a temporary file, then a rename), so a crash never leaves half a cache,
    /// in pieces (a region's cache is never whole in memory), and only when the disk keeps
    /// ``roomLeftForAnswers`` beside it.
    func store(_ basemap: PreparedBasemap, key: UInt64) throws {
        let size = BasemapArchive.encodedSize(of: basemap)
        if let free = StorageFault.freeBytes(near: file.path), free < UInt64(size) + Self.roomLeftForAnswers {
            throw StorageFault(cause: .diskFull, path: file.path,
                               detail: "\(size >> 20) MB to write, \(free >> 20) MB free, \(Self.roomLeftForAnswers >> 20) MB kept for answers")
        }
        let partial = directory.appendingPathComponent("basemap.cache.partial")
        try? FileManager.default.removeItem(at: partial)
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: partial.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: partial)
            defer { try? handle.close() }
            try BasemapArchive.write(basemap, key: key) { bytes in try handle.write(contentsOf: bytes) }
            try handle.synchronize()
            guard rename(partial.path, file.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}
