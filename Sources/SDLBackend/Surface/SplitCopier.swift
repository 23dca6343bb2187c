import CSDL2
import Foundation
import MapScene

/// Pixels written into the window's surface a range of rows at a time (see ``SplitCopier``).
protocol SurfaceWrite {
    /// The pixels it may write.
    var visible: PixelRect { get }
    /// Writes its pixels within `rows` (any range: only its part inside `visible` is written).
    func perform(into target: PixelBuffer, rows: Range<Int>)
}

/// Writes a frame's pixels (tiles, markers, labels) into the window's surface on two threads: a
/// helper takes the rows above a split, the calling thread the rows below it, and the call returns
/// when both are done.
///
/// A frame of tiles is a copy of the whole screen, and on the kiosks' kind of machine one core
/// cannot use the memory's bandwidth alone: two threads copy a screen in about half the time one
/// does (README, "The basemap"). The tile worker gives way to the
/// helper (it runs at a lower priority, see ``TileRenderWorker``), so the helper starts at once.
final class SplitCopier: @unchecked Sendable {
    /// Less than this many pixels in a call is written by the calling thread alone: waking the
    /// helper would cost more than it saves.
    let smallestShared: Int

    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    // Handed over through the semaphores: set before `wake`, read by the helper after it.
    private var work: (() -> Void)?
    private var stopping = false
    private let shared: Bool

    /// Without a second core (`cores` < 2) the caller writes alone: a helper could only take turns with it.
    init(cores: Int = ProcessInfo.processInfo.activeProcessorCount, smallestShared: Int = 256 * 256) {
        shared = cores >= 2
        self.smallestShared = smallestShared
        guard shared else { return }
        Thread { [self] in helperLoop() }.start()
    }

    /// Ends the helper thread; returns once it has stopped.
    func stop() {
        guard shared, !stopping else { return }
        stopping = true
        wake.signal()
        finished.wait()
    }

    /// Performs every write, in order (where two overlap, the later shows), the rows split between
    /// the two threads so that each has about as many pixels to write: no pixel is written twice,
    /// and the threads never write the same row.
    ///
    /// With a `bandHeight`, each thread writes its rows a band at a time, every write's part of the
    /// band in turn: tiles then fill the screen in order rather than a tile at a time (one row of a
    /// tile per 15 KB row of a 4K screen), which the memory takes faster.
    func write<Write: SurfaceWrite>(_ writes: [Write], into target: PixelBuffer, bandHeight: Int? = nil) {
        let area = writes.reduce(0) { $0 + $1.visible.width * $1.visible.height }
        guard shared, !stopping, area >= smallestShared else {
            Self.perform(writes, into: target, rows: 0..<target.height, bandHeight: bandHeight)
            return
        }
        // Within the target: a label may hang off its top or bottom.
        let split = min(max(Self.rowSplittingInHalf(writes.map(\.visible)), 0), target.height)
        work = { Self.perform(writes, into: target, rows: 0..<split, bandHeight: bandHeight) }
        wake.signal()
        Self.perform(writes, into: target, rows: split..<target.height, bandHeight: bandHeight)
        finished.wait()
    }

    /// The row above which the rectangles hold half of their pixels (the first row of the lower half).
    static func rowSplittingInHalf(_ rects: [PixelRect]) -> Int {
        guard let top = rects.map(\.y).min(), let bottom = rects.map(\.maxY).max() else { return 0 }
        func pixelsAbove(_ row: Int) -> Int {
            rects.reduce(0) { $0 + $1.width * min(max(row - $1.y, 0), $1.height) }
        }
        let half = pixelsAbove(bottom) / 2
        var low = top, high = bottom
        while low < high {
            let middle = low + (high - low) / 2  // rounded down, also above the screen (negative rows)
            if pixelsAbove(middle) < half { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func perform<Write: SurfaceWrite>(_ writes: [Write], into target: PixelBuffer, rows: Range<Int>, bandHeight: Int?) {
        let step = bandHeight ?? max(1, rows.count)
        var band = rows.lowerBound
        while band < rows.upperBound {
            let end = min(band + step, rows.upperBound)
            for write in writes { write.perform(into: target, rows: band..<end) }
            band = end
        }
    }

    private func helperLoop() {
        csdl_name_thread("surface-copy")
        while true {
            wake.wait()
            if stopping { break }
            work?()
            work = nil
            finished.signal()
        }
        finished.signal()
    }
}
