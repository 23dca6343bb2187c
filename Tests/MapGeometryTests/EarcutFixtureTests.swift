import Foundation
import Testing
@testable import MapGeometry

/// Upstream earcut's own suite (`Fixtures/earcut/`, from mapbox/earcut 3.2.2, ISC licence): every
/// fixture, as drawn and turned by 90°, 180° and 270°, gives upstream's triangle count and a
/// deviation within upstream's allowed error.
@Suite struct EarcutFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/earcut")

    struct Expected: Decodable {
        var triangles: [String: Int]
        var errors: [String: Double]
        var errorsWithRotation: [String: Double]

        enum CodingKeys: String, CodingKey {
            case triangles, errors
            case errorsWithRotation = "errors-with-rotation"
        }
    }

    static let expected: Expected = try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))

    /// A fixture's rings flattened as earcut takes them, turned by `quarterTurns` × 90°.
    static func flattened(_ id: String, quarterTurns: Int) throws -> (coords: [Double], holes: [Int]) {
        let rings = try JSONDecoder().decode([[[Double]]].self, from: Data(contentsOf: folder.appendingPathComponent("\(id).json")))
        let (xx, xy, yx, yy): (Double, Double, Double, Double) = [(1, 0, 0, 1), (0, -1, 1, 0), (-1, 0, 0, -1), (0, 1, -1, 0)][quarterTurns % 4]
        var coords: [Double] = []
        var holes: [Int] = []
        for (n, ring) in rings.enumerated() {
            if n > 0 { holes.append(coords.count / 2) }
            for point in ring {
                coords.append(xx * point[0] + xy * point[1])
                coords.append(yx * point[0] + yy * point[1])
            }
        }
        return (coords, holes)
    }

    @Test func theSuiteHasEveryFixture() {
        #expect(Self.expected.triangles.count == 59)
    }

    @Test(arguments: EarcutFixtureTests.expected.triangles.keys.sorted())
    func fixture(_ id: String) throws {
        let want = try #require(Self.expected.triangles[id])
        for turns in 0..<4 {
            let (coords, holes) = try Self.flattened(id, quarterTurns: turns)
            let triangles = Earcut.triangulate(coords, holeIndices: holes)
            if turns == 0 {
                #expect(triangles.count / 3 == want, "\(id): \(triangles.count / 3) triangles, upstream makes \(want)")
            }
            #expect(triangles.allSatisfy { $0 >= 0 && Int($0) < coords.count / 2 })
            if want > 0 {
                let allowed = (turns != 0 ? Self.expected.errorsWithRotation[id] : nil) ?? Self.expected.errors[id] ?? 0
                let deviation = Earcut.deviation(coords, holeIndices: holes, triangles: triangles)
                #expect(deviation <= allowed, "\(id) turned \(turns * 90)°: deviation \(deviation), upstream allows \(allowed)")
            }
        }
    }

    @Test func indicesOfAQuadAreUpstreams() {
        #expect(Earcut.triangulate([10, 0, 0, 50, 60, 60, 70, 10]) == [1, 0, 3, 1, 3, 2])
        #expect(Earcut.triangulate([]).isEmpty)
    }

    /// Upstream's regression for a polygon that once looped for ever.
    @Test func upstreamsInfiniteLoopCaseEnds() {
        _ = Earcut.triangulate([1, 2, 2, 2, 1, 2, 1, 1, 1, 2, 4, 1, 5, 1, 3, 2, 4, 2, 4, 1], holeIndices: [5])
    }
}
