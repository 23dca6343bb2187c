import Foundation

/// How the map and the interface look: colours, widths, zoom ranges. Loaded from a JSON file in
/// `assets/styles/`, so that a calm and a high-contrast look are data, not code.
public struct MapStyle: Sendable, Codable, Equatable {
    public struct Layer: Sendable, Codable, Equatable {
        /// `shade`: the polygons of the source filled each with its own colour, as a
        /// ``ThematicShading`` gives them (nothing without one).
        public enum Kind: String, Sendable, Codable { case fill, line, shade }

        public var id: String
        /// The basemap source (a name from the configuration) whose features this layer draws.
        public var source: String
        public var type: Kind
        public var color: RGBA
        /// Line width in screen pixels, whatever the zoom.
        public var width: Double?
        public var minzoom: Double?
        public var maxzoom: Double?
        /// Only features of these classes (see the source's `class` property); all when absent.
        public var classes: [String]?

        public init(id: String, source: String, type: Kind, color: RGBA, width: Double? = nil,
                    minzoom: Double? = nil, maxzoom: Double? = nil, classes: [String]? = nil) {
            self.id = id
            self.source = source
            self.type = type
            self.color = color
            self.width = width
            self.minzoom = minzoom
            self.maxzoom = maxzoom
            self.classes = classes
        }

        private enum CodingKeys: String, CodingKey { case id, source, type, color, width, minzoom, maxzoom, classes }

        /// `color` is required but for `shade` layers, whose colours come with the shading.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            source = try c.decode(String.self, forKey: .source)
            type = try c.decode(Kind.self, forKey: .type)
            color = type == .shade ? try c.decodeIfPresent(RGBA.self, forKey: .color) ?? .clear : try c.decode(RGBA.self, forKey: .color)
            width = try c.decodeIfPresent(Double.self, forKey: .width)
            minzoom = try c.decodeIfPresent(Double.self, forKey: .minzoom)
            maxzoom = try c.decodeIfPresent(Double.self, forKey: .maxzoom)
            classes = try c.decodeIfPresent([String].self, forKey: .classes)
        }

        /// Lines up to this width are drawn as one-pixel polylines: a software rasteriser draws
        /// them about three times faster than the same lines as triangles.
        public static let thinLineWidth = 1.5

        public var isThin: Bool { (width ?? 1) <= Self.thinLineWidth }

        func draws(_ featureClass: String?) -> Bool {
            guard let classes else { return true }
            return featureClass.map(classes.contains) ?? false
        }

        public func isVisible(atZoom z: Double) -> Bool {
            z >= (minzoom ?? 0) && z < (maxzoom ?? 30)
        }
    }

    /// Colours of the interface drawn over the map.
    public struct Interface: Sendable, Codable, Equatable {
        public var bar: RGBA
        public var barText: RGBA
        public var button: RGBA
        public var buttonText: RGBA
        public var accent: RGBA
        public var panel: RGBA
        public var panelText: RGBA
        public var shade: RGBA
        public var attributionText: RGBA
        public var attributionBackground: RGBA

        /// The bar's or the buttons' ink, whichever reads better on `background` (a pressed
        /// control's accent colour is light in one style and dark in another).
        public func ink(on background: RGBA) -> RGBA {
            barText.contrastRatio(with: background) >= buttonText.contrastRatio(with: background) ? barText : buttonText
        }

        /// `color` for text on the panels when it reads at WCAG AA there (4.5:1), else the
        /// panels' own ink: a category's colour says something, but never at the cost of reading.
        public func readable(_ color: RGBA) -> RGBA {
            color.contrastRatio(with: panel) >= 4.5 ? color : panelText
        }
    }

    /// Place markers: a colour per kind of place, clusters, and the open/closed signs.
    public struct Markers: Sendable, Codable, Equatable {
        public var franceServices: RGBA
        public var conseillerNumerique: RGBA
        public var aidantsConnect: RGBA
        public var other: RGBA
        public var outline: RGBA
        public var cluster: RGBA
        public var clusterText: RGBA
        public var open: RGBA
        public var closed: RGBA
        public var here: RGBA

        public static let standard = Markers(
            franceServices: RGBA(0, 85, 164), conseillerNumerique: RGBA(0, 122, 61),
            aidantsConnect: RGBA(196, 78, 0), other: RGBA(90, 90, 110), outline: RGBA(255, 255, 255),
            cluster: RGBA(40, 40, 60), clusterText: RGBA(255, 255, 255), open: RGBA(0, 122, 61),
            closed: RGBA(190, 20, 30), here: RGBA(220, 0, 120))
    }

    /// Town names: which towns show from which zoom, and how big.
    public struct Labels: Sendable, Codable, Equatable {
        public struct Rule: Sendable, Codable, Equatable {
            public var minPopulation: Int
            public var minzoom: Double
            /// Font size in pixels.
            public var size: Double
            public var bold: Bool?

            public init(minPopulation: Int, minzoom: Double, size: Double, bold: Bool? = nil) {
                self.minPopulation = minPopulation
                self.minzoom = minzoom
                self.size = size
                self.bold = bold
            }
        }

        public init(color: RGBA, halo: RGBA, rules: [Rule]) {
            self.color = color
            self.halo = halo
            self.rules = rules
        }

        public var color: RGBA
        public var halo: RGBA
        /// Checked in order; the first rule a town's population reaches applies.
        public var rules: [Rule]

        /// The same labels `factor` times larger: sizes are written for the reference screen (a
        /// 43-inch full HD table, about 2 pixels a millimetre), and a screen with finer pixels
        /// shows names as tall in millimetres.
        public func scaled(by factor: Double) -> Labels {
            var copy = self
            copy.rules = rules.map { var rule = $0; rule.size = ($0.size * factor).rounded(); return rule }
            return copy
        }

        public func rule(forPopulation population: Int) -> Rule? {
            rules.first { population >= $0.minPopulation }
        }
    }

    public var name: String
    public var background: RGBA
    public var layers: [Layer]
    public var labels: Labels?
    public var ui: Interface
    /// Place markers; a style without them gets ``Markers/standard``.
    public var markers: Markers?

    public var markerStyle: Markers { markers ?? .standard }

    /// Palettes of the coverage view's layers, by layer name (`distance`, `ifn`, `priority`):
    /// sequential, told apart by colour-blind eyes too, from the best-off class to the worst.
    public var coverage: [String: ClassPalette]?

    /// What an OpenStreetMap extract source keeps, and as which classes (see ``OSMSelection``).
    public var osm: OSMSelection?

    /// Loads a style file; errors name the file and the key that is wrong.
    public static func load(from url: URL) throws -> MapStyle {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw StyleError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        do {
            let style = try JSONDecoder().decode(MapStyle.self, from: data)
            for layer in style.layers where layer.type == .line && (layer.width ?? 0) <= 0 {
                throw StyleError(file: url.path, reason: "layer \"\(layer.id)\": a line layer needs \"width\" > 0")
            }
            return style
        } catch let error as StyleError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw StyleError(file: url.path, reason: "missing key \"\(Self.path(context.codingPath + [key]))\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw StyleError(file: url.path, reason: "\"\(Self.path(context.codingPath))\": \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw StyleError(file: url.path, reason: "\"\(Self.path(context.codingPath))\": \(context.debugDescription)")
        } catch {
            throw StyleError(file: url.path, reason: "\(error)")
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

public struct StyleError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "style \(file): \(reason)" }
}
