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

    /// The smallest touch target the kiosk draws (DESIGN: at least 9 mm).
    public static let minimumTargetMillimetres = 9.0
}
