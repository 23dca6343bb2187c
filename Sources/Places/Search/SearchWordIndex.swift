import Foundation
import TextFolding

/// The words of each place's name, commune, address and postcode, folded: what a search
/// compares as the visitor types (see ``PlaceSearch``). Made the first time a search asks, or
/// ahead of it on a spare core (``prepareInBackground()``), not at start: a start shows no
/// search, and with many places the words are much of what a snapshot holds. A snapshot keeps
/// them (``Encoded``), read then; without one they are worked out of the places.
final class SearchWordIndex: @unchecked Sendable {
    /// A snapshot's words section as read, not yet decoded: per place, a count and that many
    /// numbers in the snapshot's texts.
    struct Encoded: Sendable {
        var records: [UInt8]
        /// Where each place's record starts, and where the last ends.
        var offsets: [Int]
        var strings: [String]
    }

    private let lock = NSLock()
    // Guarded by `lock`:
    private var places: [Place]?
    private var encoded: Encoded?
    private var words: [[String]] = []

    init(places: [Place], encoded: Encoded? = nil) {
        self.places = places
        self.encoded = encoded
    }

    static func words(of place: Place) -> [String] {
        TextFolding.wordList([place.name, place.commune, place.address, place.postalCode].joined(separator: " "))
    }

    /// Every place's words, in the directory's order.
    func all() -> [[String]] {
        lock.lock()
        defer { lock.unlock() }
        if let places {
            // The snapshot's checksum vouches for its bytes; should they still not decode, the
            // words are worked out of the places rather than lost.
            // By index: each place is read where it is, not copied for the call.
            words = (try? encoded.map(Self.decode)) ?? ChunkedMap.map(Array(places.indices)) { Self.words(of: places[$0]) }
            self.places = nil
            encoded = nil
        }
        return words
    }

    /// Makes the words on another thread, and returns at once.
    func prepareInBackground() {
        DispatchQueue.global(qos: .utility).async { _ = self.all() }
    }

    private static func decode(_ encoded: Encoded) throws -> [[String]] {
        try encoded.records.withUnsafeBytes { records in
            try ChunkedMap.map(Array(encoded.offsets.indices.dropLast())) { i in
                var reader = ByteReader(UnsafeRawBufferPointer(rebasing: records[encoded.offsets[i]..<encoded.offsets[i + 1]]))
                let words = try (0..<(try reader.readCount())).map { _ in try SnapshotTable.entry(encoded.strings, &reader) }
                guard reader.isAtEnd else { throw ByteReader.Damaged(offset: encoded.offsets[i] + reader.offset, reason: "a record longer than its words") }
                return words
            }
        }
    }
}

extension SearchWordIndex.Encoded {
    /// Each place's record: its words' numbers in `table`.
    static func records(_ words: [[String]], table: inout SnapshotTable.Builder) -> [[UInt8]] {
        words.map { list in
            var writer = ByteWriter()
            writer.writeCount(list.count)
            for word in list { writer.writeCount(table.id(of: word)) }
            return writer.bytes
        }
    }
}
