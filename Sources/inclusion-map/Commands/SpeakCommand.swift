import ArgumentParser
import Foundation
import Speech

/// `inclusion-map speak`: text to a WAV file with the kiosk's own synthesis (to check a voice,
/// and for tests).
struct SpeakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speak",
        abstract: "Read a text aloud into a WAV file, as \"Écouter\" does on the kiosk.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "The language: fr, en, ar, nl (the voice comes from [speech.voices]).")
    var language: String = "fr"

    @Option(name: .long, help: "What to say.")
    var text: String

    @Option(name: .long, help: "The WAV file to write (16-bit mono).")
    var out: String

    func validate() throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--text: nothing to say") }
    }

    func run() throws {
        let configuration = try? common.loadConfiguration()
        let settings = configuration?.speech ?? KioskConfiguration.SpeechSettings()
        let synthesizer: SpeechSynthesizer
        let samples: [Int16]
        do {
            synthesizer = try SpeechSynthesizer.shared(voices: settings.voices, volume: settings.espeakVolume)
            samples = try synthesizer.samples(of: text, language: language)
        } catch {
            throw CommandFailure(description: "speak: \(error)")
        }
        do {
            try WAVFile.data(samples: samples, sampleRate: synthesizer.sampleRate).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CommandFailure(description: "\(out): cannot be written (\(error.localizedDescription))")
        }
        print(String(format: "%.2f s of speech (%d Hz) in %@", Double(samples.count) / Double(synthesizer.sampleRate), synthesizer.sampleRate, out))
    }
}
