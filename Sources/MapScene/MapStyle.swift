import Foundation

/// How the map and the interface look: colours, widths, zoom ranges. Loaded from a JSON file in
/// `assets/styles/`, so that a calm and a high-contrast look are data, not code.
public struct MapStyle: Sendable, Codable, Equatable {
    public struct Layer: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable { case fill, line }

        public var id: String
        /// The basemap source (a name from the configuration) whose features this layer draws.
        public var source: String
        public var type: Kind
        public var color: RGBA
        /// Line width in screen pixels, whatever the zoom.
        public var width: Double?
        public var minzoom: Double?
        public var maxzoom: Double?

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
    }

    public var name: String
    public var background: RGBA
    public var layers: [Layer]
    public var ui: Interface

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
