import CFribidi

/// A line of text cut into runs of one direction, in the order they stand on screen from left to
/// right: a French name or a number inside an Arabic sentence reads left to right where the
/// sentence reads right to left. The levels come from GNU FriBidi (the Unicode bidirectional
/// algorithm); each run is shaped on its own, in its direction (see ``TextRenderer``).
struct BidiLine: Equatable {
    struct Run: Equatable {
        var text: String
        var rightToLeft: Bool
    }

    /// Left to right on screen.
    let runs: [Run]

    /// `rightToLeft`: the line belongs to a right-to-left interface (its ends and its neutral
    /// characters follow that direction); otherwise its first letter decides.
    init(_ text: String, rightToLeft: Bool) {
        guard Self.hasRightToLeftLetters(text) else {
            runs = text.isEmpty ? [] : [Run(text: text, rightToLeft: false)]
            return
        }
        let scalars = Array(text.unicodeScalars)
        let count = Int32(scalars.count)
        var characters = scalars.map { FriBidiChar($0.value) }
        var types = [FriBidiCharType](repeating: FriBidiCharType(rawValue: 0), count: scalars.count)
        var brackets = [FriBidiBracketType](repeating: 0, count: scalars.count)
        var levels = [FriBidiLevel](repeating: 0, count: scalars.count)
        var direction = rightToLeft ? cfribidi_paragraph_right_to_left() : cfribidi_paragraph_from_first_letter()
        fribidi_get_bidi_types(&characters, count, &types)
        fribidi_get_bracket_types(&characters, count, &types, &brackets)
        guard fribidi_get_par_embedding_levels_ex(&types, &brackets, count, &direction, &levels) > 0 else {
            runs = [Run(text: text, rightToLeft: false)]
            return
        }
        // Runs of one level, in reading order.
        var logical: [(range: Range<Int>, level: FriBidiLevel)] = []
        var start = 0
        for i in 1...scalars.count where i == scalars.count || levels[i] != levels[start] {
            logical.append((start..<i, levels[start]))
            start = i
        }
        // Rule L2: from the highest level down to the lowest odd one, every stretch of runs at
        // that level or higher is reversed.
        let highest = logical.map(\.level).max() ?? 0
        let lowestOdd = logical.map(\.level).filter { $0 % 2 == 1 }.min() ?? highest + 1
        var level = highest
        while level >= lowestOdd && level > 0 {
            var i = 0
            while i < logical.count {
                guard logical[i].level >= level else { i += 1; continue }
                var end = i
                while end < logical.count && logical[end].level >= level { end += 1 }
                logical[i..<end].reverse()
                i = end
            }
            level -= 1
        }
        runs = logical.map { run in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[run.range])
            return Run(text: String(view), rightToLeft: run.level % 2 == 1)
        }
    }

    /// Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms: only a line with one of
    /// these needs reordering (a French line stays one run, at no cost).
    static func hasRightToLeftLetters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
            default: false
            }
        }
    }
}
