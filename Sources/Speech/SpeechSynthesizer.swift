import CEspeak
import Foundation
import Synchronization

/// Text to speech with eSpeak NG (Debian's libespeak-ng and its voices): 16-bit mono samples,
/// handed over in chunks as they are made, so that playback starts before a long text is done.
///
/// eSpeak NG keeps global state, so there is one synthesizer per process and it runs on its own
/// thread: ``speak(_:language:onSamples:)`` blocks the caller until the text is spoken or
/// ``cancel()`` is called from another thread (it returns within one chunk, a few tens of ms).
///
/// ```swift
/// let synthesizer = try SpeechSynthesizer.shared()
/// try synthesizer.speak("Bonjour", language: "fr") { samples in queue(samples) }
/// ```
public final class SpeechSynthesizer: Sendable {
    /// Samples per second of what eSpeak NG makes.
    public let sampleRate: Int
    /// eSpeak NG voice by interface language (`fr`, `en`, `ar`, `nl`…); a language without one
    /// uses its own code as the voice name.
    public let voices: [String: String]
    /// 0…200, eSpeak NG's scale (100 is its normal volume).
    public let volume: Int

    private static let instance = Mutex<SpeechSynthesizer?>(nil)
    /// Where the chunks of the text being spoken go, and whether to stop.
    fileprivate static let sink = Sink()

    /// eSpeak NG's callback is a C function without context: what it needs is here, behind a lock.
    fileprivate final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var onSamples: (([Int16]) -> Void)?
        private var cancelled = false

        func start(_ handler: @escaping ([Int16]) -> Void) { lock.withLock { onSamples = handler; cancelled = false } }
        func finish() { lock.withLock { onSamples = nil; cancelled = false } }
        func cancel() { lock.withLock { cancelled = true } }
        /// The handler, or nil when the text is to be abandoned.
        var handler: (([Int16]) -> Void)? { lock.withLock { cancelled ? nil : onSamples } }
        var isCancelled: Bool { lock.withLock { cancelled } }
    }
    private let speaking = Mutex(false)

    public struct SpeechError: Error, CustomStringConvertible {
        public var description: String
    }

    private init(sampleRate: Int, voices: [String: String], volume: Int) {
        self.sampleRate = sampleRate
        self.voices = voices
        self.volume = volume
    }

    /// The process's synthesizer, started on first use (eSpeak NG reads its voice data then).
    public static func shared(voices: [String: String] = [:], volume: Int = 100) throws -> SpeechSynthesizer {
        try instance.withLock { current in
            if let current { return current }
            let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nil, 0)
            guard rate > 0 else {
                throw SpeechError(description: "eSpeak NG could not start (its voice data, package espeak-ng-data, is missing?)")
            }
            espeak_SetSynthCallback(synthCallback)
            espeak_SetParameter(espeakVOLUME, Int32(max(0, min(200, volume))), 0)
            let made = SpeechSynthesizer(sampleRate: Int(rate), voices: voices, volume: volume)
            current = made
            return made
        }
    }

    /// Speaks `text` in `language`, handing the samples to `onSamples` chunk by chunk (on this
    /// thread). Returns when the text is spoken or cancelled; throws for an unknown voice.
    public func speak(_ text: String, language: String, onSamples: @escaping ([Int16]) -> Void) throws {
        try speaking.withLock { _ in
            let voice = voices[language] ?? language
            guard espeak_SetVoiceByName(voice) == EE_OK else {
                throw SpeechError(description: "no eSpeak NG voice \"\(voice)\" for language \(language)")
            }
            Self.sink.start(onSamples)
            defer { Self.sink.finish() }
            let bytes = Array(text.utf8CString)
            let status = bytes.withUnsafeBufferPointer { buffer in
                espeak_Synth(buffer.baseAddress, buffer.count, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil, nil)
            }
            guard status == EE_OK else { throw SpeechError(description: "eSpeak NG refused the text (error \(status.rawValue))") }
        }
    }

    /// Stops the text being spoken (from any thread); the chunk being made is the last.
    public func cancel() {
        Self.sink.cancel()
    }

    /// The whole of `text` as samples (for `inclusion-map speak` and tests).
    public func samples(of text: String, language: String) throws -> [Int16] {
        var all: [Int16] = []
        try speak(text, language: language) { all += $0 }
        return all
    }
}

/// eSpeak NG's callback: a chunk of samples (none at the end); returning 1 stops the synthesis.
private func synthCallback(_ wav: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    guard let handler = SpeechSynthesizer.sink.handler else { return 1 }
    if let wav, count > 0 { handler(Array(UnsafeBufferPointer(start: wav, count: Int(count)))) }
    return 0
}
