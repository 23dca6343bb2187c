import FeedbackModel
import Foundation

/// How staff reach their screen: a deliberate gesture (three fingers held still), then a PIN.
/// The PIN itself never reaches this module: `verifyPIN` checks it against the stored hash.
public struct StaffAccess: Sendable {
    /// Seconds three fingers must rest on the screen to open the PIN pad.
    public var holdSeconds: Double
    /// Checks a PIN against the stored hash (computation only: no I/O).
    public var verifyPIN: @Sendable (String) -> Bool
    public var maxAttempts = 5
    /// Seconds the PIN pad stays locked after `maxAttempts` wrong PINs.
    public var lockoutSeconds = 300.0

    public init(holdSeconds: Double, verifyPIN: @escaping @Sendable (String) -> Bool) {
        self.holdSeconds = holdSeconds
        self.verifyPIN = verifyPIN
    }
}

/// Something the kiosk asks its shell to do (it does no I/O itself); what comes of it returns as
/// an ``EffectResult``.
public enum KioskEffect: Sendable, Equatable {
    /// Store the visitor's answer durably; answer with ``EffectResult/feedbackCommitted(id:outcome:)``.
    case commitFeedback(FeedbackItem)
    /// Read what the staff screen lists (versions, data, queue); answer with ``EffectResult/staffReport(_:)``.
    case staffReport
    /// Staff asked to reload the configuration and data.
    case reloadData
    /// Staff asked to deliver the queued feedback now.
    case syncNow
    /// Staff set where the kiosk stands ("Près d'ici" measures from there); the shell keeps it.
    case setKioskLocation(latitude: Double, longitude: Double)
    /// Read `text` aloud in `language` (stopping whatever was being read); answer with
    /// ``EffectResult/speechEnded`` once it has all been heard.
    case speak(text: String, language: String)
    /// Stop reading aloud, at once.
    case stopSpeaking
    /// Queue an anonymous usage event (only when ``KioskSettings/usage`` is on).
    case usage(UsageEvent)
}

/// What the shell says came of an effect, or changed beside the kiosk.
public enum EffectResult: Sendable, Equatable {
    case feedbackCommitted(id: UUID, outcome: CommitOutcome)
    /// Whether the outbox takes answers now (at start, and after each change).
    case feedbackIntake(hasRoom: Bool)
    /// What the staff screen lists, line by line.
    case staffReport([StaffReportLine])
    /// The text asked for was all spoken (not after a stop).
    case speechEnded

    public enum CommitOutcome: Sendable, Equatable {
        /// Committed: the answer will reach the lab.
        case stored
        /// The queue is at its bound; nothing queued was dropped.
        case full
        /// Not stored (the reason is the shell's to log).
        case failed
    }
}

/// A line of the staff screen: what, and its value ("Avis" : "3 en attente…").
public struct StaffReportLine: Sendable, Equatable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// The staff screens' state, closed by assigning a fresh value.
struct StaffSession: Sendable, Equatable {
    var screen = KioskScreen.map
    /// Digits typed on the PIN pad (shown as dots).
    var pinEntry = ""
    var lastPINWasWrong = false
    var lines: [String] = []
    /// Fingers that went down on the staff screens, and the key under each.
    var fingers: [Int: StaffControl?] = [:]
}

/// Which screen is up.
public enum KioskScreen: Sendable, Equatable {
    case map
    case pinPad
    case staff
    /// Staff are showing where the kiosk stands by touching the map.
    case placingKiosk
}
