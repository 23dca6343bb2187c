import Foundation

/// Screen text made into sentences a voice reads well: one idea per sentence, times and signs
/// written as words ("9h30–12h00" is "9 heures 30 à 12 heures" in French).
enum SpokenText {
    static func sentences(_ parts: [String], language: String) -> String {
        parts.map { spoken($0, language: language) }
            .filter { !$0.isEmpty }
            .map { $0.last.map { ".!?:؟".contains($0) } == true ? $0 : $0 + "." }
            .joined(separator: " ")
    }

    static func spoken(_ text: String, language: String) -> String {
        var s = text.replacingOccurrences(of: " · ", with: ", ").trimmingCharacters(in: .whitespaces)
        let hour = language == "fr" ? "heures" : nil
        if let hour {
            // 9h00 → 9 heures, 9h30 → 9 heures 30; a range's dash → "à".
            s = s.replacingOccurrences(of: #"(\d{1,2})h00"#, with: "$1 \(hour)", options: .regularExpression)
            s = s.replacingOccurrences(of: #"(\d{1,2})h(\d{2})"#, with: "$1 \(hour) $2", options: .regularExpression)
            s = s.replacingOccurrences(of: "–", with: " à ")
        } else {
            s = s.replacingOccurrences(of: "–", with: " \(rangeWord[language] ?? "to") ")
        }
        return s
    }

    /// What a voice says for the dash of "9:00–12:00".
    static let rangeWord = ["en": "to", "nl": "tot", "ar": "إلى"]
}
