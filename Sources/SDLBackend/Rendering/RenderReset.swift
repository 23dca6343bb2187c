/// What a GPU lost, as SDL reports it: after a suspend, a driver restart or a display change the
/// renderer's textures, or just the contents of its render targets, are gone.
public enum RenderReset: String, Sendable, CaseIterable {
    /// `SDL_RENDER_TARGETS_RESET`: render targets kept, their pixels lost.
    case targets
    /// `SDL_RENDER_DEVICE_RESET`: every texture lost.
    case device
}

/// The textures a frame renderer holds, for statistics and soaks: bounded caches, not leaks.
public struct TextureFigures: Sendable, Equatable, Codable {
    /// Lines of text kept, and the bytes of their textures and pixels.
    public var textLines = 0
    public var textBytes = 0
    /// Stamps (markers, pictograms) kept.
    public var stamps = 0
    /// Lines and stamps made since the start (each cache miss, and everything again after a reset).
    public var textLinesMade = 0
    public var stampsMade = 0
    /// Basemap tiles kept (the software renderer's), those of them kept as palette indices, and
    /// the bytes of their pixels.
    public var basemapTiles = 0
    public var basemapTilesIndexed = 0
    public var basemapTileBytes = 0

    enum CodingKeys: String, CodingKey {
        case textLines = "text_lines", textBytes = "text_bytes", stamps
        case textLinesMade = "text_lines_made", stampsMade = "stamps_made"
        case basemapTiles = "basemap_tiles", basemapTilesIndexed = "basemap_tiles_indexed", basemapTileBytes = "basemap_tile_bytes"
    }
}
