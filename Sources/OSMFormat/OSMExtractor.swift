import Foundation
import MapGeometry
import MapScene

/// What an extract gives the basemap: features classed by the style's ``OSMSelection`` (under the
/// property ``OSMExtractor/classProperty``), the named places, and what each stage took.
public struct OSMExtract: Sendable {
    public var features: [MapFeature]
    public var places: [TownLabel]
    public var stages: [Stage]
    public var counts: Counts

    public struct Stage: Sendable {
        public var name: String
        public var seconds: Double
    }

    public struct Counts: Sendable, Equatable {
        public var blocks = 0
        public var nodesRead = 0
        public var waysRead = 0
        public var relationsRead = 0
        public var waysKept = 0
        public var relationsKept = 0
        public var nodesKept = 0
        /// Nodes the kept ways use that the file lacks (cut off at the extract's edge).
        public var nodesMissing = 0
    }
}

/// Reads an `.osm.pbf` extract in passes over its blocks, keeping only what the style selects:
/// 1. ways and relations (their tags decide what is kept; every block's kind is noted),
/// 2. the member ways of the kept multipolygons (only when there are some),
/// 3. the locations of the nodes the kept ways use, and the named places,
/// then builds lines and polygons in world units. Memory grows with what is kept, not with the
/// file: the nodes of buildings, which are most of an extract, are read and let go.
public struct OSMExtractor {
    /// The property that holds each feature's class, for the style's layers.
    public static let classProperty = "class"

    public let selection: OSMSelection
    private let lookup: OSMSelection.Lookup
    /// Told the stage's name and the share of the file read so far, at most once per block.
    public var progress: ((String, Double) -> Void)?

    public init(selection: OSMSelection, progress: ((String, Double) -> Void)? = nil) {
        self.selection = selection
        lookup = OSMSelection.Lookup(selection)
        self.progress = progress
    }

    public func extract(fileAt url: URL) throws -> OSMExtract {
        let file = try PBFFile(url: url)
        var counts = OSMExtract.Counts()
        var stages: [OSMExtract.Stage] = []
        let clock = ContinuousClock()
        func timed<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
            let start = clock.now
            let result = try work()
            let elapsed = clock.now - start
            stages.append(.init(name: name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
            return result
        }

        var blocks: [PBFFile.BlockLocation] = []
        /// The smallest and largest way id of each way block, so that pass 2 reads only the
        /// blocks that may hold a wanted member.
        var wayIDRanges: [UInt64: ClosedRange<Int64>] = [:]
        var kept = KeptWays()
        var relations: [KeptRelation] = []
        try timed("osm ways and relations") {
            while let (offset, data) = try file.nextBlock() {
                let kind = PBFFile.kind(of: data)
                blocks.append(.init(offset: offset, kind: kind))
                progress?("ways and relations", Double(file.offset) / Double(max(file.size, 1)))
                guard kind == .ways || kind == .relations else { continue }
                let block = try decode(data, file: file, offset: offset)
                let strings = BlockStrings(block.stringtable.s, interesting: selection.keys.union(["type"]))
                for group in block.primitivegroup {
                    if let first = group.ways.first?.id {
                        let ids = group.ways.lazy.map(\.id)
                        let range = (ids.min() ?? first) ... (ids.max() ?? first)
                        wayIDRanges[offset] = wayIDRanges[offset].map { min($0.lowerBound, range.lowerBound) ... max($0.upperBound, range.upperBound) } ?? range
                    }
                    counts.waysRead += group.ways.count
                    counts.relationsRead += group.relations.count
                    for way in group.ways { keep(way, strings: strings, into: &kept) }
                    for relation in group.relations {
                        if let relation = keep(relation, strings: strings) { relations.append(relation) }
                    }
                }
            }
        }
        counts.blocks = blocks.count
        counts.waysKept = kept.count
        counts.relationsKept = relations.count

        var memberRefs: [Int64: [Int64]] = [:]
        if !relations.isEmpty {
            let wanted = Set(relations.flatMap { $0.members.map(\.way) })
            let sortedWanted = wanted.sorted()
            func mayHoldMembers(_ location: PBFFile.BlockLocation) -> Bool {
                guard let range = wayIDRanges[location.offset] else { return false }
                var low = 0, high = sortedWanted.count
                while low < high {
                    let mid = (low + high) / 2
                    if sortedWanted[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
                }
                return low < sortedWanted.count && sortedWanted[low] <= range.upperBound
            }
            try timed("osm multipolygon members") {
                try forEachBlock(of: .ways, in: blocks.filter(mayHoldMembers), file: file, stage: "multipolygon members") { block in
                    for group in block.primitivegroup {
                        for way in group.ways where wanted.contains(way.id) {
                            memberRefs[way.id] = Self.undelta(way.refs)
                        }
                    }
                }
            }
        }

        var locations = NodeLocationIndex(wanted: kept.refs + memberRefs.values.joined())
        var places: [TownLabel] = []
        try timed("osm node locations") {
            try forEachBlock(of: .nodes, in: blocks, file: file, stage: "node locations") { block in
                counts.nodesRead += readNodes(of: block, into: &locations, places: &places)
            }
        }
        counts.nodesKept = locations.found
        counts.nodesMissing = locations.count - locations.found

        let features = timed("osm geometry") { () -> [MapFeature] in
            // One dictionary per class, shared by its features (a million of them would each
            // hold a copy otherwise).
            let classProperties = kept.classNames.map { [Self.classProperty: $0] }
            var features: [MapFeature] = []
            features.reserveCapacity(kept.count + relations.count)
            for index in 0 ..< kept.count {
                let refs = kept.refs(of: index)
                let properties = classProperties[Int(kept.classes[index])]
                if kept.isArea[index] {
                    guard let ring = Self.ring(refs, locations) else { continue }
                    features.append(MapFeature(geometry: .polygons([Polygon(rings: [ring])]), properties: properties))
                } else {
                    let parts = Self.lines(refs, locations)
                    if !parts.isEmpty { features.append(MapFeature(geometry: .lines(parts), properties: properties)) }
                }
            }
            for relation in relations {
                let polygons = Self.polygons(of: relation, memberRefs: memberRefs, locations: locations)
                if !polygons.isEmpty {
                    features.append(MapFeature(geometry: .polygons(polygons), properties: [Self.classProperty: relation.featureClass]))
                }
            }
            return features
        }
        return OSMExtract(features: features, places: places, stages: stages, counts: counts)
    }

    // MARK: - Blocks

    /// A later pass: the blocks of one kind found by the first, read again and decoded.
    func forEachBlock(of kind: PBFFile.BlockKind, in blocks: [PBFFile.BlockLocation], file: PBFFile, stage: String,
                      _ body: (OSMPBF_PrimitiveBlock) throws -> Void) throws {
        let chosen = blocks.filter { $0.kind == kind }
        for (done, location) in chosen.enumerated() {
            try file.seek(to: location.offset)
            guard let (offset, data) = try file.nextBlock() else { break }
            progress?(stage, Double(done + 1) / Double(chosen.count))
            try body(try decode(data, file: file, offset: offset))
        }
    }

    func decode(_ data: Data, file: PBFFile, offset: UInt64) throws -> OSMPBF_PrimitiveBlock {
        do {
            // `partial`: the few required fields are checked where they are used, not twice.
            return try OSMPBF_PrimitiveBlock(serializedBytes: data, partial: true)
        } catch {
            throw PBFError(file: file.url.path, offset: offset, reason: "a data block cannot be decoded (\(error))")
        }
    }

    /// Ways kept in pass 1, in flat arrays: millions of them stay a few arrays, not objects.
    struct KeptWays {
        var classes: [UInt16] = []
        var isArea: [Bool] = []
        var starts: [Int] = [0]
        var refs: [Int64] = []
        var classNames: [String] = []
        var classIndex: [String: UInt16] = [:]

        var count: Int { classes.count }

        func refs(of index: Int) -> ArraySlice<Int64> { refs[starts[index] ..< starts[index + 1]] }

        mutating func append(featureClass: String, area: Bool, refs wayRefs: [Int64]) {
            let code: UInt16
            if let known = classIndex[featureClass] {
                code = known
            } else {
                code = UInt16(classNames.count)
                classNames.append(featureClass)
                classIndex[featureClass] = code
            }
            classes.append(code)
            isArea.append(area)
            refs += wayRefs
            starts.append(refs.count)
        }
    }

    struct KeptRelation {
        var featureClass: String
        var members: [(way: Int64, inner: Bool)]
    }

    func keep(_ way: OSMPBF_Way, strings: BlockStrings, into kept: inout KeptWays) {
        guard way.keys.contains(where: { strings.isInteresting($0) }) else { return }
        let refs = Self.undelta(way.refs)
        guard refs.count >= 2 else { return }
        let closed = refs.count >= 4 && refs.first == refs.last
        var best: OSMSelection.Match?
        for (key, value) in zip(way.keys, way.vals) where strings.isInteresting(key) {
            guard let match = lookup.match(key: strings[key], value: strings[value], closed: closed) else { continue }
            if best == nil || match.rule < best!.rule { best = match }
        }
        guard let best else { return }
        kept.append(featureClass: best.featureClass, area: best.isArea, refs: refs)
    }

    func keep(_ relation: OSMPBF_Relation, strings: BlockStrings) -> KeptRelation? {
        var isMultipolygon = false
        var best: OSMSelection.Match?
        for (key, value) in zip(relation.keys, relation.vals) where strings.isInteresting(key) {
            let keyText = strings[key], valueText = strings[value]
            if keyText == "type" {
                isMultipolygon = valueText == "multipolygon"
                continue
            }
            guard let match = lookup.match(key: keyText, value: valueText, closed: true), match.isArea else { continue }
            if best == nil || match.rule < best!.rule { best = match }
        }
        guard isMultipolygon, let best else { return nil }
        var members: [(way: Int64, inner: Bool)] = []
        var id: Int64 = 0
        for index in relation.memids.indices {
            id += relation.memids[index]
            guard index < relation.types.count, relation.types[index] == .way else { continue }
            let role = index < relation.rolesSid.count ? strings[UInt32(relation.rolesSid[index])] : ""
            members.append((id, role == "inner"))
        }
        return members.isEmpty ? nil : KeptRelation(featureClass: best.featureClass, members: members)
    }

    /// Reads a block's nodes: locations of the wanted ones, and named places. Returns how many
    /// nodes the block held.
    func readNodes(of block: OSMPBF_PrimitiveBlock, into locations: inout NodeLocationIndex, places: inout [TownLabel]) -> Int {
        let granularity = Int64(block.granularity)
        let latOffset = block.latOffset, lonOffset = block.lonOffset
        // Nanodegrees to the index's 10⁻⁷ degrees.
        func fixed(_ value: Int64, _ offset: Int64) -> Int32 { Int32(truncatingIfNeeded: (offset + granularity * value) / 100) }
        let strings = BlockStrings(block.stringtable.s, interesting: selection.places == nil ? [] : ["place", "name", "population"])
        var read = 0
        for group in block.primitivegroup {
            if group.hasDense {
                let dense = group.dense
                var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
                var tagCursor = 0
                let keysVals = dense.keysVals
                let count = min(dense.id.count, dense.lat.count, dense.lon.count)
                read += count
                for index in 0 ..< count {
                    id += dense.id[index]
                    lat += dense.lat[index]
                    lon += dense.lon[index]
                    let latitude = fixed(lat, latOffset), longitude = fixed(lon, lonOffset)
                    locations.record(id: id, latitude: latitude, longitude: longitude)
                    guard tagCursor < keysVals.count else { continue }
                    var tags: [(UInt32, UInt32)] = []
                    while tagCursor < keysVals.count, keysVals[tagCursor] != 0 {
                        if tagCursor + 1 < keysVals.count { tags.append((UInt32(keysVals[tagCursor]), UInt32(keysVals[tagCursor + 1]))) }
                        tagCursor += 2
                    }
                    tagCursor += 1
                    if !tags.isEmpty, let place = place(tags: tags, strings: strings, latitude: latitude, longitude: longitude) {
                        places.append(place)
                    }
                }
            }
            read += group.nodes.count
            for node in group.nodes {
                let latitude = fixed(node.lat, latOffset), longitude = fixed(node.lon, lonOffset)
                locations.record(id: node.id, latitude: latitude, longitude: longitude)
                if let place = place(tags: Array(zip(node.keys, node.vals)), strings: strings, latitude: latitude, longitude: longitude) {
                    places.append(place)
                }
            }
        }
        return read
    }

    func place(tags: [(UInt32, UInt32)], strings: BlockStrings, latitude: Int32, longitude: Int32) -> TownLabel? {
        guard selection.places != nil else { return nil }
        var kind: String?, name: String?, population: String?
        for (key, value) in tags where strings.isInteresting(key) {
            switch strings[key] {
            case "place": kind = strings[value]
            case "name": name = strings[value]
            case "population": population = strings[value]
            default: break
            }
        }
        guard let kind, let name, !name.isEmpty, let people = selection.population(place: kind, tagged: population) else { return nil }
        let position = WebMercator.project(GeoCoordinate(latitude: Double(latitude) * 1e-7, longitude: Double(longitude) * 1e-7))
        return TownLabel(name: name, population: people, position: position)
    }

    // MARK: - Geometry

    static func undelta(_ deltas: [Int64]) -> [Int64] {
        var value: Int64 = 0
        return deltas.map { value += $0; return value }
    }

    static func point(_ id: Int64, _ locations: NodeLocationIndex) -> Point? {
        locations.location(of: id).map { WebMercator.project(GeoCoordinate(latitude: $0.latitude, longitude: $0.longitude)) }
    }

    /// A way's line, split where its nodes are missing from the file.
    static func lines(_ refs: ArraySlice<Int64>, _ locations: NodeLocationIndex) -> [[Point]] {
        var parts: [[Point]] = []
        var current: [Point] = []
        for id in refs {
            if let p = point(id, locations) {
                current.append(p)
            } else {
                if current.count >= 2 { parts.append(current) }
                current = []
            }
        }
        if current.count >= 2 { parts.append(current) }
        return parts
    }

    /// A closed way's ring, open (the last point is not the first); nil if a node is missing.
    static func ring<C: Collection<Int64>>(_ refs: C, _ locations: NodeLocationIndex) -> [Point]? {
        var ring: [Point] = []
        ring.reserveCapacity(refs.count)
        for id in refs.dropLast() {
            guard let p = point(id, locations) else { return nil }
            ring.append(p)
        }
        return ring.count >= 3 ? ring : nil
    }

    /// A multipolygon's polygons: outer rings with the inner rings that lie in them.
    static func polygons(of relation: KeptRelation, memberRefs: [Int64: [Int64]], locations: NodeLocationIndex) -> [Polygon] {
        let outerWays = relation.members.filter { !$0.inner }.compactMap { memberRefs[$0.way] }
        let innerWays = relation.members.filter(\.inner).compactMap { memberRefs[$0.way] }
        let outers = RingAssembler.rings(of: outerWays).compactMap { ring($0, locations) }
        var holes = Array(repeating: [[Point]](), count: outers.count)
        for inner in RingAssembler.rings(of: innerWays).compactMap({ ring($0, locations) }) {
            if let owner = outers.firstIndex(where: { Polygon(rings: [$0]).contains(inner[0]) }) { holes[owner].append(inner) }
        }
        return outers.indices.map { Polygon(rings: [outers[$0]] + holes[$0]) }
    }
}
