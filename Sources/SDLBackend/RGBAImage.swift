import CSDL2
import Foundation

/// Pixels in memory, 8-bit RGBA rows top to bottom: screenshots and golden images.
public struct RGBAImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 4, "RGBA buffer of the wrong size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Reads a PNG (or any format SDL2_image knows).
    public static func load(path: String) throws -> RGBAImage {
        guard let loaded = IMG_Load(path) else { throw SDLError("loading image \(path)") }
        defer { SDL_FreeSurface(loaded) }
        guard let converted = SDL_ConvertSurfaceFormat(loaded, CSDL_PIXELFORMAT_ABGR8888, 0) else {
            throw SDLError("converting image \(path)")
        }
        defer { SDL_FreeSurface(converted) }
        let w = Int(converted.pointee.w), h = Int(converted.pointee.h), pitch = Int(converted.pointee.pitch)
        var pixels = [UInt8](repeating: 0, count: w * h * 4)
        let base = converted.pointee.pixels!.assumingMemoryBound(to: UInt8.self)
        pixels.withUnsafeMutableBufferPointer { out in
            for row in 0..<h {
                (out.baseAddress! + row * w * 4).update(from: base + row * pitch, count: w * 4)
            }
        }
        return RGBAImage(width: w, height: h, pixels: pixels)
    }

    /// Writes a real PNG file.
    public func savePNG(path: String) throws {
        var copy = pixels
        try copy.withUnsafeMutableBytes { raw in
            guard let surface = SDL_CreateRGBSurfaceWithFormatFrom(
                raw.baseAddress, Int32(width), Int32(height), 32, Int32(width * 4), CSDL_PIXELFORMAT_ABGR8888) else {
                throw SDLError("creating a surface for \(path)")
            }
            defer { SDL_FreeSurface(surface) }
            if IMG_SavePNG(surface, path) != 0 { throw SDLError("writing PNG \(path)") }
        }
    }
}
