import Foundation
import Testing
@testable import OSMFormat

/// The file layer: blocks found, inflated and told apart; damaged or foreign files refused by name.
@Suite struct PBFFileTests {
    @Test func blocksAreReadAndToldApartWithoutDecoding() throws {
        let file = try PBFFile(url: try OSMFixtures.lille())
        #expect(file.header.requiredFeatures.contains("OsmSchema-V0.6"))
        var kinds: [PBFFile.BlockKind] = []
        while let (_, data) = try file.nextBlock() { kinds.append(PBFFile.kind(of: data)) }
        // osmium writes nodes, then ways, then relations, each kind in blocks of its own.
        #expect(kinds.first == .nodes)
        #expect(kinds.last == .relations)
        #expect(kinds.contains(.ways))
        #expect(kinds == kinds.sorted { order($0) < order($1) })
    }

    func order(_ kind: PBFFile.BlockKind) -> Int {
        switch kind {
        case .nodes: 0
        case .ways: 1
        case .relations: 2
        case .empty: 3
        }
    }

    @Test func uncompressedBlocksReadAsCompressedOnes() throws {
        let zlib = try OSMExtractor(selection: try OSMFixtures.calmSelection()).extract(fileAt: try OSMFixtures.lille())
        let raw = try OSMExtractor(selection: try OSMFixtures.calmSelection()).extract(fileAt: try OSMFixtures.lilleUncompressed())
        #expect(raw.counts == zlib.counts)
        #expect(raw.features.count == zlib.features.count)
        #expect(try Data(contentsOf: try OSMFixtures.lilleUncompressed()).count > Data(contentsOf: try OSMFixtures.lille()).count)
    }

    @Test func aTruncatedDownloadIsRefusedNamingTheFileAndTheBlock() throws {
        let whole = try Data(contentsOf: try OSMFixtures.lille())
        let cut = OSMFixtures.folder.appendingPathComponent("cut-\(UUID().uuidString).osm.pbf")
        try whole.prefix(whole.count * 2 / 3).write(to: cut)
        let error = try #require(throws: PBFError.self) {
            try OSMExtractor(selection: try OSMFixtures.calmSelection()).extract(fileAt: cut)
        }
        #expect(error.file == cut.path)
        #expect(error.offset != nil)
        #expect(error.description.contains("truncated"))
    }

    @Test func aFileThatIsNotAnExtractIsRefused() throws {
        let geojson = OSMFixtures.packageRoot.appendingPathComponent("assets/basemap/lille-centre-osm-2017/railway_line.json")
        let error = try #require(throws: PBFError.self) { try PBFFile(url: geojson) }
        #expect(error.description.contains("railway_line.json"))
        #expect(error.description.contains("not an OpenStreetMap PBF file"))

        let missing = OSMFixtures.folder.appendingPathComponent("nowhere.osm.pbf")
        let absent = try #require(throws: PBFError.self) { try PBFFile(url: missing) }
        #expect(absent.description.contains("nowhere.osm.pbf") && absent.description.contains("cannot be read"))
    }

    @Test func aDamagedBlockIsRefusedNotMisread() throws {
        var bytes = [UInt8](try Data(contentsOf: try OSMFixtures.lille()))
        // Past the header block: flip bytes in the middle of the file's compressed data.
        for index in stride(from: bytes.count / 2, to: bytes.count / 2 + 64, by: 1) { bytes[index] ^= 0x5a }
        let damaged = OSMFixtures.folder.appendingPathComponent("damaged-\(UUID().uuidString).osm.pbf")
        try Data(bytes).write(to: damaged)
        let error = try #require(throws: PBFError.self) {
            try OSMExtractor(selection: try OSMFixtures.calmSelection()).extract(fileAt: damaged)
        }
        #expect(error.file == damaged.path)
        #expect(error.offset != nil)
    }
}
