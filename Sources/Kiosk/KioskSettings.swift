import Foundation
import MapGeometry
import MapScene
import Places

/// What a site configures about the kiosk's behaviour (read from the configuration file by the
/// executable; this module reads no files).
public struct KioskSettings: Sendable {
    /// Where the map returns after a visitor leaves.
    public var homeCenter: GeoCoordinate
    /// The home view's zoom, unless ``homeFitsRegion``.
    public var homeZoom: Double
    /// The home view shows the whole region (the constraints' bounds about ``homeCenter``) in the
    /// map's free part, between the title and the chips, whatever the screen's size.
    public var homeFitsRegion = false
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
    /// Where the kiosk stands, for "Près d'ici" (the home view's centre when not set).
    public var kioskLocation: GeoCoordinate?
    /// How many places "Près d'ici" lists.
    public var nearbyCount = 8
    /// The time of day, for "open now": the shell's clock, or a fixed start for replays and tests.
    public var wallClock: WallClock = .system
    /// Who signs visitors' answers; without it (no outbox) the card has no "Donner mon avis".
    public var feedback: FeedbackIdentity?
    /// The shell can read aloud (speech configured on, a voice, a sound device): "Écouter" shows.
    public var speech = false
    /// Whether to emit anonymous usage events (the shell's `[usage] enabled` and an outbox).
    public var usage = false
    /// Upright on a wall or flat as a table: on a table, panels face the hand that opened them
    /// and the bar has the turn control.
    public var screenMode = ScreenMode.wall
    /// The side the interface faces at rest.
    public var facing = Facing.bottom
    /// What each source file is, by the start of its name ("france-services" → "France Services
    /// (ANCT)"): cards name their sources so, not by file.
    public var sourceNames: [String: String] = [:]
    /// What the acronyms and kinds of places in names mean: the card explains them.
    public var placeGlossary = PlaceGlossary()
    /// The search in visitors' words (its everyday vocabulary comes from the site's data).
    public var placeSearch = PlaceSearch()
    /// Seconds at rest (after the idle reset, nobody touching) before the invitation starts; nil: never.
    public var attractAfter: Double?

    public init(homeCenter: GeoCoordinate, homeZoom: Double, constraints: CameraConstraints,
                idleTimeout: Double = 90, idleWarning: Double = 20, screenDiagonalInches: Double = 43,
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

/// The time of day as the kiosk sees it.
public enum WallClock: Sendable, Equatable {
    /// What the shell reads from the system clock and hands over at each step.
    case system
    /// `start` plus the kiosk's own seconds: replays and golden images show the same "open now".
    case fixed(start: Date)
}

/// Who the kiosk's answers come from, written into each one.
public struct FeedbackIdentity: Sendable, Equatable {
    public var kioskID: String
    public var appVersion: String

    public init(kioskID: String, appVersion: String) {
        self.kioskID = kioskID
        self.appVersion = appVersion
    }
}
