import Foundation
import Testing
@testable import Coverage
@testable import MapGeometry
@testable import MapScene
@testable import Places
import SDLBackend

/// The coverage view and poster as the binary renders them: the colours on screen are those the
/// legend gives each commune's class, and the images match their golden ones.
@Suite(.serialized) struct CoverageRenderTests {
    static let root = InclusionMapBinary.packageRoot
    static let territories = try! TerritoryTable.load(
        population: root.appendingPathComponent("assets/population/communes-hdf-population.csv"),
        fragility: root.appendingPathComponent("assets/population/indice-fragilite-numerique-hdf.csv"))
    static let style = try! MapStyle.load(from: root.appendingPathComponent("assets/styles/calm.json"))

    /// The places the binary imported into the shared state folder, as it sees them.
    static func figures() throws -> CoverageFigures {
        let result = try InclusionMapBinary.run(["places", "--json", "--state-dir", InclusionMapBinary.sharedStateDirectory])
        #expect(result.status == 0, "\(result.stderr)")
        struct Row: Decodable { var id: String; var nom: String; var latitude: Double?; var longitude: Double?; var code_insee: String? }
        let rows = try JSONDecoder().decode([Row].self, from: Data(result.stdout.utf8))
        let places = rows.map { row in
            Place(id: row.id, name: row.nom, address: "", postalCode: "", commune: "", inseeCode: row.code_insee,
                  coordinate: row.latitude.map { GeoCoordinate(latitude: $0, longitude: row.longitude!) }, isApproximate: false,
                  typology: [], emails: [], websites: [], services: [], publics: [], accessModes: [], labels: [], sources: [])
        }
        return CoverageCalculator(territories: territories, directory: PlaceDirectory(places: places)).figures(for: .init())
    }

    /// For each class of each layer, a commune of that class, the map centred on its town hall at
    /// zoom 12: most pixels on a ring around the centre (clear of the town's name) are the
    /// legend's colour for that class.
    @Test(arguments: [CoverageLayer.distance, .fragility])
    func renderedColoursFollowTheLegend(layer: CoverageLayer) throws {
        let figures = try Self.figures()
        let palette = Self.style.coverage![layer.rawValue]!
        let dir = try InclusionMapBinary.temporaryDirectory()
        var classesSeen = 0
        for level in 0..<CoverageLayer.classCount {
            // The most populous commune of the class whose neighbours share it: its town hall's
            // surroundings are then that colour whatever the commune's shape.
            let candidates = figures.communes.filter {
                layer.classIndex(of: $0, in: Self.territories) == level && Self.territories.communes[$0.commune].townHall != nil
            }
            let sameClassAround = candidates.filter { row in
                let hall = Self.territories.communes[row.commune].townHall!
                let neighbours = figures.communes.filter { other in
                    guard let h = Self.territories.communes[other.commune].townHall else { return false }
                    return other.commune != row.commune && h.distance(to: hall) < 3_000
                }
                return neighbours.allSatisfy { layer.classIndex(of: $0, in: Self.territories) == level }
            }
            // With every place counted, no town hall is over 20 km from help: that class has no commune.
            guard let pick = (sameClassAround.isEmpty ? candidates : sameClassAround).max(by: {
                (Self.territories.communes[$0.commune].population ?? 0) < (Self.territories.communes[$1.commune].population ?? 0)
            }) else { continue }
            classesSeen += 1
            let commune = Self.territories.communes[pick.commune]
            let hall = commune.townHall!
            let out = dir.appendingPathComponent("\(layer.rawValue)-\(level).png").path
            let result = try InclusionMapBinary.run(["render", "--coverage", layer.rawValue, "--center", "\(hall.latitude),\(hall.longitude)",
                                                     "--zoom", "12", "--size", "960x540", "--out", out,
                                                     "--state-dir", InclusionMapBinary.sharedStateDirectory])
            #expect(result.status == 0, "\(result.stderr)")
            let image = try RGBAImage.load(path: out)
            let want = palette.classes[level]
            var hits = 0
            let samples = 24
            for k in 0..<samples {
                let angle = Double(k) / Double(samples) * 2 * .pi
                let x = Int(480 + 70 * cos(angle)), y = Int(270 + 45 * sin(angle))
                let i = (y * image.width + x) * 4
                let p = image.pixels
                if abs(Int(p[i]) - Int(want.r)) <= 2 && abs(Int(p[i + 1]) - Int(want.g)) <= 2 && abs(Int(p[i + 2]) - Int(want.b)) <= 2 { hits += 1 }
            }
            if hits < samples / 2 { try? FileManager.default.copyItem(atPath: out, toPath: "/tmp/coverage-colour-failure-\(layer.rawValue)-\(level).png") }
            #expect(hits >= samples / 2, "\(commune.code) \(commune.name), class \(level) of \(layer): \(hits)/\(samples) pixels of \(want)")
        }
        #expect(classesSeen >= (layer == .distance ? 3 : 4))
    }

    /// Tolerance and re-recording: see ``GoldenImage``.
    func compare(_ name: String, _ arguments: [String], output: String = "--out") throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let actual = dir.appendingPathComponent("\(name).png").path
        let result = try InclusionMapBinary.run(arguments + ["--state-dir", InclusionMapBinary.sharedStateDirectory, output, actual],
                                                environment: ["SOURCE_DATE_EPOCH": "1796083200"])
        #expect(result.status == 0, "\(result.stderr)")
        let golden = Self.root.appendingPathComponent("Tests/EndToEndTests/Golden/\(name).png").path
        let outcome = try GoldenImage().compare(actualPath: actual, goldenPath: golden, failureDirectory: dir.appendingPathComponent("golden-failure"))
        #expect(outcome.matches, "\(name): \(outcome.message)")
    }

    @Test func goldenPoster() throws {
        try compare("poster-ifn-1240x1754", ["coverage", "--need", "demarches", "--layer", "ifn", "--size", "1240x1754"], output: "--poster")
    }

    @Test func posterAndFiguresRefuseWhatTheyCannotDo() throws {
        let state = ["--state-dir", InclusionMapBinary.sharedStateDirectory]
        var result = try InclusionMapBinary.run(["coverage", "--poster", "/tmp/x.png", "--csv"] + state)
        #expect(result.status != 0 && result.stderr.contains("--poster makes an image"))
        result = try InclusionMapBinary.run(["coverage", "--poster", "/tmp/x.png", "--size", "10x10"] + state)
        #expect(result.status != 0 && result.stderr.contains("--size"))
        result = try InclusionMapBinary.run(["coverage", "--need", "nope"] + state)
        #expect(result.status != 0 && result.stderr.contains("--need nope: expected one of demarches"))
        result = try InclusionMapBinary.run(["coverage", "--poster", "/nonexistent-dir/x.png"] + state)
        #expect(result.status != 0 && result.stderr.contains("/nonexistent-dir/x.png"))
    }

    /// The command line's figures are the pure module's, in JSON and CSV alike, by every grouping.
    @Test func theCommandLinesFiguresAreTheCalculators() throws {
        let state = ["--state-dir", InclusionMapBinary.sharedStateDirectory]
        let json = try InclusionMapBinary.run(["coverage", "--json", "--need", "demarches"] + state)
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == Self.territories.communes.count)
        #expect(rows.allSatisfy { Set($0.keys) == ["code", "nom", "population", "ifn", "nearest_id", "nearest_nom", "nearest_m", "places_10km"] })
        let csv = try InclusionMapBinary.run(["coverage", "--csv", "--need", "demarches"] + state)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "code,nom,population,ifn,nearest_id,nearest_nom,nearest_m,places_10km")
        #expect(lines.count == rows.count + 1)
        for by in ["epci", "departement"] {
            let result = try InclusionMapBinary.run(["coverage", "--by", by, "--json"] + state)
            let groups = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(groups.count == (by == "epci" ? 92 : 5))
            for group in groups {
                for key in ["share_beyond_10km", "share_beyond_20km"] {
                    let share = try #require(group[key] as? Double)
                    #expect((0...1).contains(share))
                }
            }
        }
        // Written to a file with -o, the same bytes.
        let file = try InclusionMapBinary.temporaryDirectory().appendingPathComponent("c.csv")
        _ = try InclusionMapBinary.run(["coverage", "--csv", "--need", "demarches", "-o", file.path] + state)
        #expect(try String(contentsOf: file, encoding: .utf8) == csv.stdout)
    }
}
