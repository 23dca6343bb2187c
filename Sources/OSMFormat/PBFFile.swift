import CZlib
import Foundation
import SwiftProtobuf

/// Why an OpenStreetMap PBF file was refused; the message names the file and, where it applies,
/// the byte where the faulty block starts.
public struct PBFError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var offset: UInt64?
    public var reason: String

    public var description: String {
        if let offset { return "\(file): block at byte \(offset): \(reason)" }
        return "\(file): \(reason)"
    }
}

/// An `.osm.pbf` file read one block at a time, so that memory stays that of one block whatever
/// the file's size. The file is a sequence of (length, `BlobHeader`, `Blob`); each blob holds a
/// zlib-compressed `HeaderBlock` (first) or `PrimitiveBlock`.
public final class PBFFile {
    /// What a primitive block holds: writers put one kind of object in each block.
    public enum BlockKind: Sendable, Equatable {
        case nodes, ways, relations, empty
    }

    /// A data block's place in the file, to come back to it in a later pass.
    public struct BlockLocation: Sendable, Equatable {
        public var offset: UInt64
        public var kind: BlockKind
    }

    public let url: URL
    public let size: UInt64
    public let header: OSMPBF_HeaderBlock
    private let handle: FileHandle
    private var position: UInt64 = 0

    /// Features this reader understands; a file requiring another is refused rather than misread.
    static let understoodFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]
    static let maxHeaderSize = 64 * 1024
    static let maxBlobSize = 32 * 1024 * 1024

    public init(url: URL) throws {
        self.url = url
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw PBFError(file: url.path, offset: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: 0)
        // Read the header with a reader of this same file before `self` is complete.
        var first = BlobReader(handle: handle, url: url, size: size)
        guard let (offset, type, data) = try first.nextBlob() else {
            throw PBFError(file: url.path, offset: nil, reason: "is empty: not an OpenStreetMap PBF file")
        }
        guard type == "OSMHeader" else {
            throw PBFError(file: url.path, offset: offset, reason: "the first block is \"\(type)\", not \"OSMHeader\": not an OpenStreetMap PBF file")
        }
        do {
            header = try OSMPBF_HeaderBlock(serializedBytes: data)
        } catch {
            throw PBFError(file: url.path, offset: offset, reason: "the header block cannot be decoded (\(error))")
        }
        let unknown = header.requiredFeatures.filter { !Self.understoodFeatures.contains($0) }
        guard unknown.isEmpty else {
            throw PBFError(file: url.path, offset: offset,
                           reason: "requires \(unknown.joined(separator: ", ")), which this reader does not understand (a history file? take a current extract)")
        }
        position = first.position
    }

    deinit { try? handle.close() }

    /// Where the next block starts.
    public var offset: UInt64 { position }

    /// Goes back to a block found in an earlier pass.
    public func seek(to offset: UInt64) throws {
        try handle.seek(toOffset: offset)
        position = offset
    }

    /// The next data block, inflated; nil at the end of the file.
    public func nextBlock() throws -> (location: UInt64, data: Data)? {
        var reading = BlobReader(handle: handle, url: url, size: size, position: position)
        defer { position = reading.position }
        while let (offset, type, data) = try reading.nextBlob() {
            if type == "OSMData" { return (offset, data) }
            // Unknown block types are skipped, as the format asks.
        }
        return nil
    }

    /// The kind of objects a primitive block holds, read from the first field of its first group
    /// without decoding the block.
    public static func kind(of block: Data) -> BlockKind {
        block.withUnsafeBytes { raw -> BlockKind in
            var wire = WireScanner(bytes: raw)
            while let (field, wireType) = wire.tag() {
                if field == 2 && wireType == 2 {
                    guard let length = wire.varint(), var group = wire.sub(length: Int(length)), let (inner, _) = group.tag() else { return .empty }
                    switch inner {
                    case 1, 2: return .nodes
                    case 3: return .ways
                    case 4: return .relations
                    default: return .empty
                    }
                }
                guard wire.skip(wireType) else { return .empty }
            }
            return .empty
        }
    }

    /// Reads (length, BlobHeader, Blob) triples from a position: the file's framing.
    struct BlobReader {
        let handle: FileHandle
        let url: URL
        let size: UInt64
        var position: UInt64 = 0

        func fail(_ offset: UInt64, _ reason: String) -> PBFError { PBFError(file: url.path, offset: offset, reason: reason) }

        func read(_ count: Int, at offset: UInt64, what: String) throws -> Data {
            let data = (try? handle.read(upToCount: count)) ?? Data()
            guard data.count == count else {
                throw fail(offset, "the file ends inside a block's \(what) (truncated download?)")
            }
            return data
        }

        mutating func nextBlob() throws -> (UInt64, String, Data)? {
            let offset = position
            guard offset < size else { return nil }
            let lengthBytes = try read(4, at: offset, what: "length")
            let headerLength = lengthBytes.reduce(0) { $0 << 8 | Int($1) }
            guard headerLength > 0 && headerLength <= PBFFile.maxHeaderSize else {
                throw fail(offset, "a block header of \(headerLength) bytes is not possible: not an OpenStreetMap PBF file, or a damaged one")
            }
            let blobHeader: OSMPBF_BlobHeader
            do {
                blobHeader = try OSMPBF_BlobHeader(serializedBytes: try read(headerLength, at: offset, what: "header"))
            } catch let error as PBFError {
                throw error
            } catch {
                throw fail(offset, "the block header cannot be decoded (\(error))")
            }
            let blobSize = Int(blobHeader.datasize)
            guard blobSize >= 0 && blobSize <= PBFFile.maxBlobSize else {
                throw fail(offset, "a block of \(blobSize) bytes exceeds the format's 32 MiB")
            }
            let blobData = try read(blobSize, at: offset, what: "data")
            position = offset + 4 + UInt64(headerLength) + UInt64(blobSize)
            let blob: OSMPBF_Blob
            do { blob = try OSMPBF_Blob(serializedBytes: blobData) } catch {
                throw fail(offset, "the block cannot be decoded (\(error))")
            }
            return (offset, blobHeader.type, try contents(of: blob, at: offset))
        }

        func contents(of blob: OSMPBF_Blob, at offset: UInt64) throws -> Data {
            switch blob.data {
            case .raw(let data):
                return data
            case .zlibData(let compressed):
                let expected = Int(blob.rawSize)
                guard expected > 0 && expected <= PBFFile.maxBlobSize else {
                    throw fail(offset, "an uncompressed size of \(expected) bytes is not possible")
                }
                var output = Data(count: expected)
                var produced = uLongf(expected)
                let status = output.withUnsafeMutableBytes { out in
                    compressed.withUnsafeBytes { input in
                        uncompress(out.bindMemory(to: Bytef.self).baseAddress, &produced,
                                   input.bindMemory(to: Bytef.self).baseAddress, uLong(compressed.count))
                    }
                }
                guard status == Z_OK && Int(produced) == expected else {
                    throw fail(offset, "the block's zlib data is damaged (zlib status \(status))")
                }
                return output
            case .lzmaData: throw fail(offset, "LZMA-compressed blocks are not supported (convert with `osmium cat in.osm.pbf -o out.osm.pbf`)")
            case .lz4Data: throw fail(offset, "LZ4-compressed blocks are not supported (convert with `osmium cat in.osm.pbf -o out.osm.pbf`)")
            case .zstdData: throw fail(offset, "Zstandard-compressed blocks are not supported (convert with `osmium cat in.osm.pbf -o out.osm.pbf`)")
            case .obsoleteBzip2Data: throw fail(offset, "bzip2-compressed blocks are obsolete and not supported")
            case nil: throw fail(offset, "a block without data")
            }
        }
    }
}
