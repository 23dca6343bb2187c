import Foundation
import Logging
import SDLBackend
import Speech
import Synchronization

/// Reads aloud for the kiosk: synthesis on its own thread (never the render loop), the samples
/// queued to the sound device as they come, so the first are heard before the text is done.
/// ``stop()`` silences at once and abandons the synthesis; a finished text is reported through
/// ``takeEnded()`` and a wake-up of the render loop.
final class SpeechPlayer: @unchecked Sendable {
    let synthesizer: SpeechSynthesizer
    let output: AudioOutput
    private let thread = DispatchQueue(label: "inclusion-map.speech", qos: .userInitiated)
    /// Each text spoken gets the next number; a stop or a new text makes the older ones stale.
    private let generation = Mutex(0)
    private let ended = Mutex(false)
    private let logger: Logger
    /// Called on the speech thread when a text has been heard whole (wakes the render loop).
    var onEnded: @Sendable () -> Void = {}
    /// Called when the first samples of a text are queued, with the seconds since it was asked.
    var onFirstSamples: @Sendable (Double) -> Void = { _ in }

    init(synthesizer: SpeechSynthesizer, output: AudioOutput, logger: Logger) {
        self.synthesizer = synthesizer
        self.output = output
        self.logger = logger
    }

    /// Opens eSpeak NG and a sound device; nil (logged once) when either is missing: the kiosk then
    /// shows no "Écouter".
    static func make(voices: [String: String], volume: Int, logger: Logger) -> SpeechPlayer? {
        do {
            let synthesizer = try SpeechSynthesizer.shared(voices: voices, volume: volume)
            let output = try AudioOutput(sampleRate: synthesizer.sampleRate)
            logger.info("reading aloud ready", metadata: ["audio": "\(output.driver)", "rate": "\(synthesizer.sampleRate)"])
            return SpeechPlayer(synthesizer: synthesizer, output: output, logger: logger)
        } catch {
            logger.warning("no reading aloud on this machine", metadata: ["reason": "\(error)"])
            return nil
        }
    }

    func speak(_ text: String, language: String) {
        stop()
        let mine = generation.withLock { $0 += 1; return $0 }
        let asked = ProcessMetrics.monotonicSeconds()
        thread.async { [self] in
            guard generation.withLock({ $0 }) == mine else { return }
            var first = true
            do {
                try synthesizer.speak(text, language: language) { samples in
                    guard self.generation.withLock({ $0 }) == mine else {
                        self.synthesizer.cancel()
                        return
                    }
                    self.output.queue(samples)
                    if first {
                        first = false
                        self.onFirstSamples(ProcessMetrics.monotonicSeconds() - asked)
                    }
                }
            } catch {
                logger.error("reading aloud failed", metadata: ["error": "\(error)", "language": "\(language)"])
            }
            // Heard whole: wait for the device to play what is queued (a stop empties it).
            while generation.withLock({ $0 }) == mine && output.queuedBytes > 0 { usleep(20_000) }
            if generation.withLock({ $0 }) == mine {
                ended.withLock { $0 = true }
                onEnded()
            }
        }
    }

    /// Silence now: what is queued is dropped and the text being made is abandoned.
    func stop() {
        generation.withLock { $0 += 1 }
        synthesizer.cancel()
        output.clear()
    }

    /// Whether a text was heard whole since the last call.
    func takeEnded() -> Bool {
        ended.withLock { value in
            defer { value = false }
            return value
        }
    }
}
