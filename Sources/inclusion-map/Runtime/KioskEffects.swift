import Feedback
import Foundation
import Kiosk
import Logging
import MapGeometry
import Places

/// Carries out what the kiosk asks of its shell (store an answer, search the place store, reload,
/// deliver now, remember where the kiosk stands) and hands back what came of it, right away: a
/// replay and a live run take the same path, and a step's outcome never waits on the machine.
struct KioskEffects {
    var outbox: Outbox?
    var placeStore: PlaceStore?
    var logger: Logger
    /// An answer was queued (wakes the delivery task).
    var onFeedbackQueued: () -> Void = {}
    var reloadData: () -> Void = {}
    var syncNow: () -> Void = {}
    var setKioskLocation: (GeoCoordinate) -> Void = { _ in }
    /// What the staff screen lists, for where the kiosk stands now.
    var staffReport: (GeoCoordinate?) -> [StaffReportLine] = { _ in [] }
    /// Reads aloud; nil when this machine cannot (the kiosk then offers no "Écouter").
    var speech: SpeechPlayer?
    /// Queues usage events; nil when `[usage]` is off or there is no outbox.
    var usage: UsageRecorder?
    /// Places installed while the kiosk runs (a dataset from the lab), swapped in between frames.
    var livePlaces: LivePlaces?

    /// Tells the kiosk whether the outbox takes answers (at start, and after a reload).
    func announceIntake(to kiosk: inout Kiosk) {
        guard kiosk.settings.feedback != nil else { return }
        kiosk.receive(.feedbackIntake(hasRoom: outbox.map { (try? $0.hasRoom()) ?? false } ?? false))
    }

    /// Performs every effect the kiosk has asked for since the last call.
    func performPending(on kiosk: inout Kiosk) {
        if speech?.takeEnded() == true { kiosk.receive(.speechEnded) }
        if let livePlaces, kiosk.canTakeNewPlaces, let places = livePlaces.take() {
            let start = ProcessMetrics.monotonicSeconds()
            kiosk.setPlaces(places)
            let milliseconds = (ProcessMetrics.monotonicSeconds() - start) * 1000
            livePlaces.noteSwap(milliseconds: milliseconds)
            logger.info("new places shown", metadata: ["places": "\(places.count)", "swap_ms": "\(String(format: "%.1f", milliseconds))"])
        }
        for effect in kiosk.takeEffects() {
            perform(effect, on: &kiosk)
        }
    }

    private func perform(_ effect: KioskEffect, on kiosk: inout Kiosk) {
        switch effect {
        case .commitFeedback(let item):
            kiosk.receive(.feedbackCommitted(id: item.id, outcome: commit(item)))
            announceIntake(to: &kiosk)
        case .reloadData:
            reloadData()
        case .syncNow:
            syncNow()
        case .setKioskLocation(let latitude, let longitude):
            setKioskLocation(GeoCoordinate(latitude: latitude, longitude: longitude))
        case .staffReport:
            kiosk.receive(.staffReport(staffReport(kiosk.settings.kioskLocation)))
        case .speak(let text, let language):
            speech?.speak(text, language: language)
        case .stopSpeaking:
            speech?.stop()
        case .usage(let event):
            usage?.record(event)
        }
    }

    /// Commits the answer (fsynced) before the kiosk may say "Merci".
    private func commit(_ item: FeedbackItem) -> EffectResult.CommitOutcome {
        guard let outbox else {
            logger.error("an answer was given but the outbox is unavailable", metadata: ["id": "\(item.id)"])
            return .failed
        }
        do {
            try outbox.enqueue(item)
            onFeedbackQueued()
            return .stored
        } catch FeedbackError.outboxFull {
            logger.warning("the feedback queue is full: answer not taken", metadata: ["id": "\(item.id)"])
            return .full
        } catch {
            logger.error("answer not stored", metadata: ["id": "\(item.id)", "error": "\(error)"])
            return .failed
        }
    }
}
