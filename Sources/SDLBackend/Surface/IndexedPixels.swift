/// Pixels of one byte each, an index into a palette of up to 256 colours: a tile of few colours
/// in a quarter of the memory (see ``TilePixels``). A view only: whoever made it owns the memory.
struct IndexedPixels {
    var indices: UnsafePointer<UInt8>
    var palette: UnsafePointer<UInt32>
    var width: Int
    var height: Int
    /// Bytes from one row to the next.
    var pitch: Int
}

/// What a copy reads its pixels from: 32-bit pixels, or indices into a palette.
enum PixelSource {
    case direct(PixelBuffer)
    case indexed(IndexedPixels)

    var width: Int {
        switch self {
        case .direct(let buffer): buffer.width
        case .indexed(let indexed): indexed.width
        }
    }

    var height: Int {
        switch self {
        case .direct(let buffer): buffer.height
        case .indexed(let indexed): indexed.height
        }
    }
}
