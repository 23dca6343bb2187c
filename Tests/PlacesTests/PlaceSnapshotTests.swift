import Foundation
import GRDB
import MapGeometry
import Testing
@testable import Places

/// The place snapshot beside the store: what a start reads instead of every place's JSON. It must
/// give exactly the directory the records give, and any doubt (other data, another program, a
/// damaged or unwritable file) must send the reader back to the records and cost only time.
@Suite struct PlaceSnapshotTests {
    static func regionalStore() throws -> (PlaceStore, String) {
        let (store, path) = try PlaceStoreTests.temporaryStore()
        try store.importPlaces(try PlaceStoreTests.regionalBatches(), mode: .replace)
        return (store, path)
    }

    static func expectSameDirectory(_ a: PlaceDirectory, _ b: PlaceDirectory) {
        #expect(a.places == b.places)
        #expect(a.facts == b.facts)
        #expect(a.offersPresent == b.offersPresent && a.publicsPresent == b.publicsPresent && a.supportPresent == b.supportPresent)
        let lille = GeoCoordinate(latitude: 50.6292, longitude: 3.0573)
        let filter = PlaceDirectory.Filter(needs: [.procedures], service: "numerique")
        #expect(a.nearest(to: lille, k: 10, filter: filter) == b.nearest(to: lille, k: 10, filter: filter))
        #expect(a.filtered(filter) == b.filtered(filter))
    }

    @Test func aSecondLoadReadsTheSnapshotAndGetsTheSameDirectory() throws {
        let (store, _) = try Self.regionalStore()
        #expect(!FileManager.default.fileExists(atPath: store.snapshot.url.path))
        let first = try store.directory()
        #expect(first.source == .records(written: true) && first.problem == nil)
        #expect(FileManager.default.fileExists(atPath: store.snapshot.url.path))
        let second = try store.directory()
        #expect(second.source == .snapshot && second.problem == nil)
        #expect(second.directory.count == 896)
        Self.expectSameDirectory(second.directory, PlaceDirectory(places: try store.allPlaces()))
        // Parsed hours survive: some places have them, and they answer as the records' do.
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(second.directory.places.indices.filter { second.directory.hours($0) != nil }.count > 100)
        #expect(second.directory.places.indices.map { second.directory.isOpen($0, at: date) }
                == first.directory.places.indices.map { first.directory.isOpen($0, at: date) })
    }

    @Test func anotherImportIsNotReadFromTheOldSnapshot() throws {
        let (store, _) = try Self.regionalStore()
        _ = try store.directory()
        let batches = try PlaceStoreTests.regionalBatches()
        try store.importPlaces([(batches[1].file, Array(batches[1].places.prefix(10)))], mode: .replace)
        let after = try store.directory()
        #expect(after.source == .records(written: true))
        #expect(after.directory.count == 10)
        #expect(try store.directory().source == .snapshot)
        // A snapshot of other data, or of another program, is passed over without complaint.
        try store.snapshot.write(after.directory, dataKey: "import 99 of other data")
        let other = try store.directory()
        #expect(other.source == .records(written: true) && other.problem == nil)
    }

    @Test(arguments: ["cut", "garbage", "empty", "bytes", "a letter"])
    func aDamagedSnapshotSendsTheReaderToTheRecords(damage: String) throws {
        let (store, _) = try Self.regionalStore()
        _ = try store.directory()
        let url = store.snapshot.url
        var bytes = try Data(contentsOf: url)
        switch damage {
        case "cut": bytes = bytes.prefix(bytes.count * 2 / 3)
        case "garbage": bytes.replaceSubrange(0..<8, with: Data("PK\u{3}\u{4}zip!".utf8))
        case "empty": bytes = Data()
        case "bytes":
            // Bytes changed in the middle, as a failing disk would: wherever they fall (a text,
            // a length, an offset), the checksum sees it.
            let start = bytes.count - (bytes.count - 100) / 2
            bytes.replaceSubrange(start..<(start + 40), with: Data(repeating: 0xFF, count: 40))
        default:
            // One byte of one text: no length or offset changes.
            let text = Data("Prendre en main un ordinateur".utf8)
            let at = try #require(bytes.range(of: text)).lowerBound
            bytes[at] ^= 0x20
        }
        try bytes.write(to: url)
        let loaded = try store.directory()
        #expect(loaded.source == .records(written: true))
        #expect(loaded.problem?.contains("damaged") == true, "\(loaded.problem ?? "no problem said")")
        Self.expectSameDirectory(loaded.directory, PlaceDirectory(places: try store.allPlaces()))
        #expect(try store.directory().source == .snapshot)
    }

    @Test func aSnapshotThatCannotBeWrittenCostsOnlyTime() throws {
        let (store, _) = try Self.regionalStore()
        // Something in the way of the file: the write fails as on a full disk.
        try FileManager.default.createDirectory(at: store.snapshot.url, withIntermediateDirectories: false)
        let loaded = try store.directory()
        #expect(loaded.source == .records(written: false))
        #expect(loaded.problem?.contains("not written") == true, "\(loaded.problem ?? "no problem said")")
        #expect(loaded.directory.count == 896)
    }

    @Test func aReadOnlyStoreReadsTheSnapshotButNeverWritesOne() throws {
        let (store, path) = try Self.regionalStore()
        let readOnly = try PlaceStore(readingOnly: path)
        #expect(try readOnly.directory().source == .records(written: false))
        #expect(!FileManager.default.fileExists(atPath: readOnly.snapshot.url.path))
        _ = try store.directory()
        #expect(try readOnly.directory().source == .snapshot)
    }

    /// Every field of a place goes through the snapshot. A field added to `Place` and not to its
    /// snapshot bytes fails here: the place below must then set it too.
    @Test func everyFieldOfAPlaceGoesThrough() throws {
        let place = Place(
            id: "id-1", siret: "12345678901234", name: "Médiathèque مركز", address: "1 rue A", addressComplement: "bât. B",
            postalCode: "59000", commune: "Lille", inseeCode: "59350", coordinate: GeoCoordinate(latitude: 50.63, longitude: 3.06),
            isApproximate: true, typology: ["BIB"], phone: "+33 3 20 00 00 00", emails: ["a@b.fr"], websites: ["https://a.fr"],
            hours: "Mo-Fr 09:00-12:00", services: ["Réaliser des démarches"], publics: ["Seniors"], accessModes: ["Téléphoner"],
            labels: ["France Services"], specificSupport: ["Surdité"], accesLibreURL: "https://acceslibre.beta.gouv.fr/x",
            updated: "2024-01-02", fees: ["Gratuit"], supportModes: ["En autonomie"], itinerance: ["Fixe"],
            appointmentURL: "https://rdv.fr", summary: "Court", presentation: "Long", publisher: "Source", parentOrganisation: "Ville",
            trainingLabels: ["Pix"], otherLabels: ["Autre"], sources: [PlaceSource(file: "f.csv", row: -3, format: "CSV")])
        for field in Mirror(reflecting: place).children {
            let value = field.value
            let unset = (value as? [Any])?.isEmpty == true || String(describing: value) == "nil"
            #expect(!unset, "set \(field.label ?? "?") in this test's place, and in Place+Bytes")
        }
        // Two places sharing every text but their identifier and name: their shared texts are
        // written once and come back to both.
        var twin = place
        twin.id = "id-2"
        twin.name = "Autre lieu"
        twin.siret = nil
        let snapshot = PlaceSnapshot(url: FileManager.default.temporaryDirectory.appendingPathComponent("places-\(UUID().uuidString).snapshot"))
        defer { try? FileManager.default.removeItem(at: snapshot.url) }
        try snapshot.write(PlaceDirectory(places: [place, twin]), dataKey: "test")
        let read = try #require(try snapshot.read(dataKey: "test"))
        let facts = PlaceFacts(place)
        #expect(read.places == [place, twin])
        #expect(read.facts == [facts, PlaceFacts(twin)])
        // The overview comes back as the directory built it.
        let built = PlaceDirectory(places: [place, twin])
        #expect(read.offersPresent == built.offersPresent && !read.offersPresent.isEmpty)
        #expect(read.publicsPresent == ["Seniors"] && read.supportPresent == ["Surdité"])
        #expect(read.index.count == 2 && read.index.ids == built.index.ids && read.index.splits == built.index.splits)
        #expect(facts.hours != nil && facts.needMask != 0 && facts.network == .franceServices)
    }

    @Test func countsAndStringsOfAnySizeComeBack() throws {
        var writer = ByteWriter()
        let counts = [0, 1, 127, 128, 16_383, 16_384, 1 << 40]
        for count in counts { writer.writeCount(count) }
        let strings = ["", "a", String(repeating: "é", count: 300)]
        for string in strings { writer.write(string) }
        writer.write(-5)
        writer.write(Double.pi)
        try writer.bytes.withUnsafeBytes { (bytes) throws -> Void in
            var reader = ByteReader(bytes)
            #expect(try counts.map { _ in try reader.readCount() } == counts)
            #expect(try strings.map { _ in try reader.readString() } == strings)
            #expect(try reader.readInt() == -5 && reader.readDouble() == Double.pi && reader.isAtEnd)
            #expect(throws: ByteReader.Damaged.self) { try reader.readByte() }
        }
    }
}

/// The summary the staff screen and `STATUS=` show comes from the import that made the data.
@Suite struct PlaceSummaryTests {
    @Test func theSummaryIsTheLastImports() throws {
        let (store, _) = try PlaceSnapshotTests.regionalStore()
        let places = try store.allPlaces()
        let summary = try store.summary()
        #expect(summary.places == places.count)
        #expect(summary.dataDate == places.compactMap(\.updated).max() && summary.dataDate != nil)
        let (empty, _) = try PlaceStoreTests.temporaryStore()
        #expect(try empty.summary().places == 0 && empty.summary().dataDate == nil)
    }

    /// A store made before the data's date was kept with its import gets it from its places.
    @Test func anOlderStoreGetsItsDataDate() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("places-\(UUID().uuidString).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try PlaceStore.migrator.migrate(queue, upTo: "places-v2-dataset-version")
        try queue.write { db in
            for (rowid, updated) in [(1, "2023-05-01"), (2, "2024-02-12"), (3, "2022-12-01")] {
                try db.execute(sql: "INSERT INTO place (rowid, id, name, commune, record) VALUES (?, ?, 'n', 'c', ?)",
                               arguments: [rowid, "p\(rowid)", "{\"updated\":\"\(updated)\"}"])
            }
            try db.execute(sql: "INSERT INTO import_run (imported_at, mode, files, rows, places) VALUES (?, 'replace', '[]', 3, 3)",
                           arguments: [Date()])
        }
        try queue.close()
        let store = try PlaceStore(path: path)
        #expect(try store.summary().places == 3 && store.summary().dataDate == "2024-02-12")
        // An import by an earlier version, once this one has migrated the store, records no date.
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO import_run (imported_at, mode, files, rows, places) VALUES (?, 'merge', '[]', 3, 3)",
                           arguments: [Date()])
        }
        #expect(try store.summary().dataDate == "2024-02-12")
    }
}
