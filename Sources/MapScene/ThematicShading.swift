/// Colours for the polygons of one source, feature by feature (a commune by its INSEE code): how
/// a map shows figures by territory. A style's `shade` layer draws it, in the basemap and so in
/// its tiles; a feature without a colour is not drawn by that layer.
///
/// Compared at each frame (and by the tile cache): copies share their colours, and two shadings
/// made apart compare by content.
public struct ThematicShading: Sendable, Equatable {
    /// The basemap source whose features are shaded.
    public let source: String
    /// The colour of features the dictionary does not name (none: not drawn).
    public let fallback: RGBA?
    private let storage: Storage

    private final class Storage: Sendable {
        let colors: [String: RGBA]
        init(_ colors: [String: RGBA]) { self.colors = colors }
    }

    public init(source: String, colors: [String: RGBA], fallback: RGBA? = nil) {
        self.source = source
        self.fallback = fallback
        storage = Storage(colors)
    }

    public var colors: [String: RGBA] { storage.colors }

    public func color(of key: String?) -> RGBA? { key.flatMap { storage.colors[$0] } ?? fallback }

    public static func == (a: ThematicShading, b: ThematicShading) -> Bool {
        a.source == b.source && a.fallback == b.fallback && (a.storage === b.storage || a.storage.colors == b.storage.colors)
    }
}

/// The colours of a coverage layer: one per class, best off first, and one for "no data".
public struct ClassPalette: Sendable, Codable, Equatable {
    public var classes: [RGBA]
    public var noData: RGBA

    public init(classes: [RGBA], noData: RGBA) {
        self.classes = classes
        self.noData = noData
    }
}
