import Foundation

/// One line on a terminal that a long stage rewrites as it goes ("node locations 42 %"); nothing
/// when the output is a file or a pipe, where the per-stage timings say enough.
final class ProgressLine {
    private var stage = ""
    private var percent = -1

    static func onTerminal() -> ProgressLine? { isatty(STDOUT_FILENO) == 1 ? ProgressLine() : nil }

    func show(_ stage: String, _ fraction: Double) {
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard stage != self.stage || percent != self.percent else { return }
        if stage != self.stage && !self.stage.isEmpty { FileHandle.standardOutput.write(Data("\n".utf8)) }
        self.stage = stage
        self.percent = percent
        // Written straight to the terminal: print's buffer would hold a line without its newline.
        FileHandle.standardOutput.write(Data("\r\u{1B}[2K\(stage) \(percent) %".utf8))
    }

    func finish() {
        if !stage.isEmpty { FileHandle.standardOutput.write(Data("\n".utf8)) }
        stage = ""
    }
}
