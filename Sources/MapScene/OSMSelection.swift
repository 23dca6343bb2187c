/// Which OpenStreetMap objects a style keeps from an `.osm.pbf` source, and the class each gets:
/// the style's layers then pick them by class, as they pick a GeoJSON source's features by a
/// property. What is not selected (buildings, shops, footpaths a style does not draw) is never
/// stored.
public struct OSMSelection: Sendable, Codable, Equatable {
    /// Objects tagged `key` with one of `values` become features of class `class` (the tag's value
    /// when absent). `area` rules take closed ways and multipolygon relations as polygons; the
    /// others take ways as lines.
    public struct Rule: Sendable, Codable, Equatable {
        public var key: String
        public var values: [String]
        public var area: Bool?
        public var `class`: String?

        public init(key: String, values: [String], area: Bool? = nil, class: String? = nil) {
            self.key = key
            self.values = values
            self.area = area
            self.class = `class`
        }

        public var isArea: Bool { area ?? false }
    }

    /// What a matched object becomes.
    public struct Match: Sendable, Equatable {
        /// The rule's position: the first matching rule wins.
        public var rule: Int
        public var featureClass: String
        public var isArea: Bool
    }

    /// Checked in order; the first rule an object's tags satisfy decides its class.
    public var features: [Rule]
    /// `place=*` values whose named nodes become town labels, with the population assumed when
    /// the node has no `population` tag (a village's name shows from a closer zoom than a city's).
    public var places: [String: Int]?

    public init(features: [Rule], places: [String: Int]? = nil) {
        self.features = features
        self.places = places
    }

    /// The keys any rule reads, for scanning tags without building strings for the others.
    public var keys: Set<String> { Set(features.map(\.key)) }

    /// The match for one tag, if a rule takes it (`closed`: whether the object is a closed way
    /// or a multipolygon). Builds the lookup each time: for many tags, keep a ``Lookup``.
    public func match(key: String, value: String, closed: Bool) -> Match? {
        Lookup(self).match(key: key, value: value, closed: closed)
    }

    /// The rules by key and value, for matching millions of tags without a search through the
    /// rules for each.
    public struct Lookup: Sendable {
        private var matches: [String: [String: [Match]]] = [:]

        public init(_ selection: OSMSelection) {
            for (index, rule) in selection.features.enumerated() {
                for value in rule.values {
                    matches[rule.key, default: [:]][value, default: []]
                        .append(Match(rule: index, featureClass: rule.class ?? value, isArea: rule.isArea))
                }
            }
        }

        public func match(key: String, value: String, closed: Bool) -> Match? {
            matches[key]?[value]?.first { closed || !$0.isArea }
        }
    }

    /// The population a place node stands for: its `population` tag, else the kind's default;
    /// nil for kinds not kept.
    public func population(place: String, tagged: String?) -> Int? {
        guard let assumed = places?[place] else { return nil }
        if let tagged, let value = Int(tagged.filter { $0.isNumber }), value > 0 { return value }
        return assumed
    }
}
