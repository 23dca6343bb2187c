/// What a directory works out of all its places at once: the nearest-place tree, and the offers,
/// publics and supports some place has (the filters worth offering). A snapshot keeps it, so
/// that a start reads it instead of building the tree and looking through every place.
struct DirectoryOverview: Sendable {
    var index: NearestIndex
    var offersPresent: Set<PlaceOffer>
    /// In the standard's order.
    var publicsPresent: [String]
    var supportPresent: [String]

    /// `located`: the places with a position, whose coordinates the tree holds in that order.
    init(places: [Place], located: [Int]) {
        // The tree on one core, what the data offers on the other.
        (index, (offersPresent, publicsPresent, supportPresent)) = ChunkedMap.both({
            NearestIndex(coordinates: located.map { places[$0].coordinate! })
        }, {
            // The vocabulary is a few words, each looked up in the places' lists: no set of every
            // place's values is built.
            (Set(PlaceOffer.allCases.filter { offer in places.contains(where: offer.isMet) }),
             StandardVocabulary.publics.filter { value in places.contains { $0.publics.contains(value) } },
             StandardVocabulary.specificSupport.filter { value in places.contains { $0.specificSupport.contains(value) } })
        })
    }

    func write(to writer: inout ByteWriter) {
        index.write(to: &writer)
        let offers = PlaceOffer.allCases.filter(offersPresent.contains)
        for list in [offers.map(\.rawValue), publicsPresent, supportPresent] {
            writer.writeCount(list.count)
            for value in list { writer.write(value) }
        }
    }

    init(from reader: inout ByteReader) throws {
        index = try NearestIndex(from: &reader)
        func strings() throws -> [String] {
            let count = try reader.readCount()
            guard count <= reader.bytes.count - reader.offset else {
                throw ByteReader.Damaged(offset: reader.offset, reason: "\(count) texts in \(reader.bytes.count - reader.offset) bytes")
            }
            return try (0..<count).map { _ in try reader.readString() }
        }
        let at = reader.offset
        offersPresent = Set(try strings().map { name in
            guard let offer = PlaceOffer(rawValue: name) else { throw ByteReader.Damaged(offset: at, reason: "no offer named \(name)") }
            return offer
        })
        publicsPresent = try strings()
        supportPresent = try strings()
    }
}
