import Foundation
import MapGeometry

/// Converts physical sizes to pixels for the screen at hand, so that touch targets and text keep
/// their size in millimetres on a 4K table as on a 1080p kiosk.
public struct ScreenMetrics: Sendable, Equatable {
    public var pixelsPerMillimetre: Double

    public init(pixelsPerMillimetre: Double) {
        self.pixelsPerMillimetre = pixelsPerMillimetre
    }

    /// From the screen's diagonal in inches and its resolution.
    public init(diagonalInches: Double, resolution: Size) {
        let diagonalPixels = (resolution.width * resolution.width + resolution.height * resolution.height).squareRoot()
        self.init(pixelsPerMillimetre: diagonalPixels / (diagonalInches * 25.4))
    }

    public func px(_ millimetres: Double) -> Double { (millimetres * pixelsPerMillimetre).rounded() }

    /// The screen the styles' pixel sizes are written for: a 43-inch full HD table.
    public static let reference = ScreenMetrics(diagonalInches: 43, resolution: Size(width: 1920, height: 1080))

    /// How much larger than the styles' pixel sizes the map's names must be to keep their size in
    /// millimetres here (never smaller: a coarse screen keeps names its pixels can draw).
    public var labelScale: Double { max(1, pixelsPerMillimetre / Self.reference.pixelsPerMillimetre) }

    /// The smallest touch target the kiosk draws (DESIGN: at least 9 mm).
    public static let minimumTargetMillimetres = 9.0
}
