import Foundation
import MapGeometry
import Places

/// What can be read aloud: the title (what the kiosk is for), or the panel open (a place's card,
/// a list, a question of the form, a commune's card).
public enum ListenTarget: String, Sendable, Hashable {
    case title, panel
}

/// Reading aloud ("Écouter"): the text of what is on screen, in the interface's language, spoken
/// by the shell (``KioskEffect/speak(text:language:)``). A second tap, a touch anywhere else, a
/// change of panel or the idle reset stop it (``KioskEffect/stopSpeaking``).
extension Kiosk {
    /// Whether the shell can speak (configured on, a voice and a sound device found).
    public var speechAvailable: Bool { settings.speech }

    /// What is being read now, if anything.
    public var speaking: ListenTarget? { visitor.speaking }

    mutating func toggleSpeech(_ target: ListenTarget) {
        guard speechAvailable else { return }
        if visitor.speaking == target {
            stopSpeaking()
            return
        }
        let text = speechText(target)
        guard !text.isEmpty else { return }
        visitor.speaking = target
        visitor.usedSpeech = true
        pendingEffects.append(.speak(text: text, language: language))
    }

    /// Stops what is being read (no effect when nothing is).
    mutating func stopSpeaking() {
        guard visitor.speaking != nil else { return }
        visitor.speaking = nil
        pendingEffects.append(.stopSpeaking)
    }

    /// What "Écouter" reads for `target`, as sentences (the synthesizer pauses at each full stop).
    public func speechText(_ target: ListenTarget) -> String {
        func t(_ key: StringCatalog.Key) -> String { catalog.text(key, language) }
        switch target {
        case .title where visitor.coverage != nil:
            return VisitorViewBuilder(kiosk: self).spokenCoverage()
        case .title:
            return [t(.appTitle), t(.appSubtitle), t(.speechHomeHint)].joined(separator: " ")
        case .panel:
            return spokenPanel()
        }
    }

    /// The open panel's words in reading order, as the view on screen has them: its texts, and
    /// the answers of a question.
    func spokenPanel() -> String {
        guard panel != .none, let area = visitorView.panels.last else { return "" }
        let texts = visitorView.texts.filter { area.contains($0.anchor) }.map(\.text)
        let answers = visitorView.buttons.filter { $0.style == .answer && !$0.label.isEmpty }.map(\.label)
        return SpokenText.sentences(texts + answers, language: language)
    }

    /// Speech and the visitor's panel: reading the panel stops when the panel changes.
    mutating func followPanelForSpeech(from before: VisitorPanel) {
        guard visitor.speaking == .panel, !Self.samePanel(before, visitor.panel) else { return }
        stopSpeaking()
    }

    /// The same panel for what it reads: a form stays the same form while its step stays.
    static func samePanel(_ a: VisitorPanel, _ b: VisitorPanel) -> Bool {
        if case .feedback(let x) = a, case .feedback(let y) = b { return x.placeIndex == y.placeIndex && x.position == y.position }
        return a == b
    }
}
