/// How staff reach their screen: a deliberate gesture (three fingers held still), then a PIN.
/// The PIN itself never reaches this module: `verifyPIN` checks it against the stored hash.
public struct StaffAccess: Sendable {
    /// Seconds three fingers must rest on the screen to open the PIN pad.
    public var holdSeconds: Double
    public var verifyPIN: @Sendable (String) -> Bool
    /// What the staff screen lists: (label, value) pairs made fresh each time it opens.
    public var report: @Sendable () -> [(String, String)]
    public var maxAttempts = 5
    /// Seconds the PIN pad stays locked after `maxAttempts` wrong PINs.
    public var lockoutSeconds = 300.0

    public init(holdSeconds: Double, verifyPIN: @escaping @Sendable (String) -> Bool,
                report: @escaping @Sendable () -> [(String, String)]) {
        self.holdSeconds = holdSeconds
        self.verifyPIN = verifyPIN
        self.report = report
    }
}

/// Something the kiosk asks its shell to do (it does no I/O itself).
public enum KioskEffect: Sendable, Equatable {
    /// Staff asked to reload the configuration and data.
    case reloadData
    /// Staff asked to deliver the queued feedback now.
    case syncNow
    /// Staff set where the kiosk stands ("Près d'ici" measures from there); the shell keeps it.
    case setKioskLocation(latitude: Double, longitude: Double)
}

/// Which screen is up.
public enum KioskScreen: Sendable, Equatable {
    case map
    case pinPad
    case staff
    /// Staff are showing where the kiosk stands by touching the map.
    case placingKiosk
}
