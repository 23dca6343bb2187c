import Foundation
import TextFolding

/// What filters and markers read of one place, worked out once: the needs it meets, its texts
/// folded, its hours parsed, its network. A filter then costs a few nanoseconds a
/// candidate, not a fold; a snapshot stores these so that a start need not work them out again.
struct PlaceFacts: Sendable, Equatable {
    /// Bit i: the place meets `PlaceNeed.allCases[i]`.
    var needMask: UInt8
    /// Services, labels and typology folded, one a line, for the service filter.
    var foldedServices: [UInt8]
    /// Publics and specific supports folded, for the "Plus de filtres" filters.
    var foldedPublics: [String]
    var foldedSupport: [String]
    /// Nil when missing or not parsable ("horaires à vérifier").
    var hours: OpeningHours?
    var network: PlaceNetwork
}

extension PlaceFacts {
    /// Worked out of `place` (in an extension, so that the memberwise initialiser stays).
    init(_ place: Place) {
        let services = place.services.map(TextFolding.fold), labels = place.labels.map(TextFolding.fold)
        let support = place.specificSupport.map(TextFolding.fold)
        self.init(needMask: PlaceNeed.allCases.enumerated().reduce(UInt8(0)) { mask, need in
                      need.element.isMet(services: services, labels: labels, support: support) ? mask | (1 << need.offset) : mask },
                  foldedServices: Array((services + labels + place.typology.map(TextFolding.fold)).joined(separator: "\n").utf8),
                  foldedPublics: place.publics.map(TextFolding.fold),
                  foldedSupport: support,
                  hours: place.hours.flatMap { try? OpeningHours($0) },
                  network: PlaceNetwork(place))
    }
}

extension PlaceFacts {
    func write(to writer: inout ByteWriter, table: inout SnapshotTable.Builder) {
        writer.write(needMask)
        writer.writeCount(table.id(of: foldedServices))
        table.write(foldedPublics, to: &writer)
        table.write(foldedSupport, to: &writer)
        writer.writeCount(hours.map { table.id(of: $0) + 1 } ?? 0)
        writer.write(network.rawValue)
    }

    init(from reader: inout ByteReader, table: SnapshotTable) throws {
        self.init(needMask: try reader.readByte(), foldedServices: try table.blob(&reader), foldedPublics: try table.list(&reader),
                  foldedSupport: try table.list(&reader), hours: try table.optionalHours(&reader),
                  network: try Self.network(&reader))
    }

    private static func network(_ reader: inout ByteReader) throws -> PlaceNetwork {
        let offset = reader.offset, byte = try reader.readByte()
        guard let network = PlaceNetwork(rawValue: byte) else { throw ByteReader.Damaged(offset: offset, reason: "no network numbered \(byte)") }
        return network
    }
}
