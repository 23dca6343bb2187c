import MapGeometry
import MapScene

/// What a site configures about the kiosk's behaviour (read from the configuration file by the
/// executable; this module reads no files).
public struct KioskSettings: Sendable {
    /// Where the map returns after a visitor leaves.
    public var homeCenter: GeoCoordinate
    public var homeZoom: Double
    public var constraints: CameraConstraints
    /// Seconds without a touch before the warning appears.
    public var idleTimeout: Double
    /// Seconds the warning stays before the kiosk resets.
    public var idleWarning: Double
    /// Physical size of the screen, for millimetre-based layout.
    public var screenDiagonalInches: Double
    /// Data credits shown in a corner of the map.
    public var attribution: String
    /// The staff screen's gesture and PIN; none when the site has not set a PIN.
    public var staff: StaffAccess?

    public init(homeCenter: GeoCoordinate, homeZoom: Double, constraints: CameraConstraints,
                idleTimeout: Double = 90, idleWarning: Double = 10, screenDiagonalInches: Double = 43,
                attribution: String = "") {
        self.homeCenter = homeCenter
        self.homeZoom = homeZoom
        self.constraints = constraints
        self.idleTimeout = idleTimeout
        self.idleWarning = idleWarning
        self.screenDiagonalInches = screenDiagonalInches
        self.attribution = attribution
    }
}
