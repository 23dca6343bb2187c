import CPixelKernels
import Foundation

/// A tile's pixels (or the last basemap drawn directly), owned, and reused for other tiles (see
/// ``TileRenderWorker/recycle(_:)``).
///
/// Kept as indices into the tile's own palette when it has at most 256 colours (a basemap tile has
/// the style's few fills and lines), a quarter of the memory of 32-bit pixels; as 32-bit pixels
/// otherwise. The copies to the screen look the indices up as they go (``PixelCopy``).
///
/// Mapped from the system directly rather than taken from the heap: the worker thread that fills
/// tiles also allocates and frees its geometry scratch, and 256 KB blocks interleaved with that
/// left its heap fragmented (a higher peak at 4K). An unmapped tile is gone at once. The mapping
/// has room for 32-bit pixels, but only the pages written take memory, and an indexed fill hands
/// back those its 32-bit pixels used before.
final class TilePixels: @unchecked Sendable {
    let width: Int
    let height: Int
    /// What a copy reads (valid until the next `fill`).
    private(set) var source: PixelSource
    private let memory: UnsafeMutableRawPointer
    private let mappedBytes: Int

    static let paletteBytes = 256 * MemoryLayout<UInt32>.size

    /// Room for `width` × `height` pixels, not yet filled (every index 0 of an all-zero palette).
    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        mappedBytes = max(width * height * 4, Self.indexedBytes(width: width, height: height))
        let mapped = mmap(nil, mappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != MAP_FAILED else { fatalError("out of memory for \(width)×\(height) pixels") }
        memory = mapped
        source = .indexed(IndexedPixels(indices: UnsafePointer((mapped + Self.paletteBytes).assumingMemoryBound(to: UInt8.self)),
                                        palette: UnsafePointer(mapped.assumingMemoryBound(to: UInt32.self)),
                                        width: width, height: height, pitch: width))
    }

    /// The palette, then a byte a pixel.
    private static func indexedBytes(width: Int, height: Int) -> Int { paletteBytes + width * height }

    deinit { munmap(memory, mappedBytes) }

    /// Whether the pixels are kept as indices (at most 256 colours).
    var isIndexed: Bool {
        if case .indexed = source { true } else { false }
    }

    /// Bytes of pixels (and palette) held.
    var byteCount: Int {
        switch source {
        case .direct: width * height * 4
        case .indexed: Self.indexedBytes(width: width, height: height)
        }
    }

    /// Takes the pixels of `picture` (of this size): indexed if they have at most 256 colours.
    func fill(from picture: PixelBuffer) {
        precondition(picture.width == width && picture.height == height, "a \(picture.width)×\(picture.height) picture in \(width)×\(height) pixels")
        let palette = memory.assumingMemoryBound(to: UInt32.self)
        let indices = (memory + Self.paletteBytes).assumingMemoryBound(to: UInt8.self)
        let colours = im_index_pixels(picture.pixels.assumingMemoryBound(to: UInt32.self), picture.pitch / 4, width, height,
                                      indices, width, palette)
        if colours >= 0 {
            if !isIndexed { handBackPagesPastIndices() }  // what the 32-bit pixels used
            source = .indexed(IndexedPixels(indices: UnsafePointer(indices), palette: UnsafePointer(palette), width: width, height: height, pitch: width))
        } else {
            let buffer = PixelBuffer(pixels: memory, width: width, height: height, pitch: width * 4)
            buffer.copy(.direct(picture), filling: buffer.bounds, within: buffer.bounds)
            source = .direct(buffer)
        }
    }

    /// Gives the pages past the palette and indices back to the system (they read as zeros after).
    private func handBackPagesPastIndices() {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let kept = (Self.indexedBytes(width: width, height: height) + page - 1) / page * page
        if kept < mappedBytes { madvise(memory + kept, mappedBytes - kept, MADV_DONTNEED) }
    }
}
