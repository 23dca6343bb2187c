import MapScene

/// Breaks text into lines that fit a width, at spaces, as the measurer sees the font.
enum TextWrapper {
    static func lines(_ text: String, width: Double, size: Double, bold: Bool = false,
                      measurer: any TextMeasuring, maxLines: Int = .max) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || measurer.measure(candidate, size: size, bold: bold).width <= width {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = fit(lines[maxLines - 1] + "…", width: width, size: size, bold: bold, measurer: measurer)
        }
        return lines.map { fit($0, width: width, size: size, bold: bold, measurer: measurer) }
    }

    /// Cuts a single line with "…" until it fits (a long word, a long name).
    static func fit(_ text: String, width: Double, size: Double, bold: Bool = false, measurer: any TextMeasuring) -> String {
        guard measurer.measure(text, size: size, bold: bold).width > width else { return text }
        var cut = Substring(text)
        while !cut.isEmpty && measurer.measure(cut + "…", size: size, bold: bold).width > width { cut = cut.dropLast() }
        return cut + "…"
    }
}
