import Foundation
import Testing

/// Reading aloud through the real eSpeak NG voices and SDL's audio (its `disk` driver writes what
/// would be heard into a file).
@Suite struct SpeechTests {
    /// 16-bit mono samples of a WAV file written by `speak`, and its rate.
    static func wav(_ url: URL) throws -> (samples: [Int16], rate: Int) {
        let data = try Data(contentsOf: url)
        #expect(data.prefix(4) == Data("RIFF".utf8) && data[8..<12] == Data("WAVE".utf8))
        let rate = data[24..<28].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let samples = stride(from: 44, to: data.count - 1, by: 2).map { Int16(bitPattern: UInt16(data[$0]) | UInt16(data[$0 + 1]) << 8) }
        return (samples, rate)
    }

    static func rms(_ samples: [Int16]) -> Double {
        (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(1, samples.count))).squareRoot()
    }

    @Test(arguments: [("fr", "Ce lieu est ouvert maintenant. Il ferme à midi."), ("en", "This place is open now. It closes at noon."),
                      ("ar", "هذا المكان مفتوح الآن. يغلق عند الظهر."), ("nl", "Deze plek is nu open. Ze sluit om twaalf uur.")])
    func eachLanguageIsSpokenAloud(language: String, text: String) throws {
        let out = try InclusionMapBinary.temporaryDirectory().appendingPathComponent("\(language).wav")
        let result = try InclusionMapBinary.run(["speak", "--language", language, "--text", text, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let (samples, rate) = try Self.wav(out)
        let seconds = Double(samples.count) / Double(rate)
        // Two short sentences: a couple of seconds, not a click and not a minute.
        #expect(rate == 22050)
        #expect((1.5...12).contains(seconds), "\(language): \(seconds) s")
        #expect(Self.rms(samples) > 500, "\(language): silent")
        // Longer text, longer speech.
        let longer = try InclusionMapBinary.temporaryDirectory().appendingPathComponent("\(language)-2.wav")
        _ = try InclusionMapBinary.run(["speak", "--language", language, "--text", text + " " + text, "--out", longer.path])
        #expect(try Self.wav(longer).samples.count > samples.count * 3 / 2)
    }

    @Test func anUnknownVoiceIsNamed() throws {
        let out = try InclusionMapBinary.temporaryDirectory().appendingPathComponent("x.wav")
        let result = try InclusionMapBinary.run(["speak", "--language", "tlh", "--text", "Qapla'", "--out", out.path])
        #expect(result.status != 0 && result.stderr.contains("no eSpeak NG voice \"tlh\""), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// A visitor opens a card and taps "Écouter": the card is heard (SDL's disk audio driver
    /// writes the sound), and the replay ends on the card.
    @Test func aCardReadAloudReachesTheSoundDevice() throws {
        let folder = try InclusionMapBinary.temporaryDirectory()
        let trace = folder.appendingPathComponent("listen.jsonl")
        try """
            {"t": 500, "type": "tap", "target": "control:search"}
            {"t": 1500, "type": "type", "text": "interfaces lille"}
            {"t": 2500, "type": "tap", "target": "row:0"}
            {"t": 3500, "type": "tap", "target": "control:listen:panel"}
            {"t": 5500, "type": "key", "key": "plus"}
            """.write(to: trace, atomically: true, encoding: .utf8)
        let sound = folder.appendingPathComponent("sound.raw")
        let stats = folder.appendingPathComponent("stats.json")
        let result = try InclusionMapBinary.run(["run", "--headless", "--state-dir", InclusionMapBinary.sharedStateDirectory, "--at", "2026-12-01T10:30",
                                                 "--replay", trace.path, "--real-time", "--stats", stats.path],
                                                environment: ["SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": sound.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("reading aloud ready audio=disk"), "\(result.stderr)")
        let outcome = try JSONSerialization.jsonObject(with: Data(contentsOf: stats)) as? [String: Any]
        #expect(outcome?["panel"] as? String == "details:france-services-1933")
        let bytes = try Data(contentsOf: sound)
        let samples = stride(from: 0, to: bytes.count - 1, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
        #expect(samples.count > 22050, "less than a second of sound: \(samples.count) samples")
        #expect(Self.rms(samples) > 300, "silence")
    }
}
