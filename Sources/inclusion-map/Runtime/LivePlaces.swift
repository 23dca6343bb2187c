import Foundation
import Places
import SDLBackend

/// The places the kiosk shows, as they change while it runs: a dataset installed on the lab's
/// task is handed to the render loop here (which swaps it in between two frames), and what
/// `STATUS=`, the staff screen and the heartbeat say is read from here.
final class LivePlaces: @unchecked Sendable {
    private let lock = NSLock()
    private var _summary: PlaceStore.Summary?
    private var pending: PlaceDirectory?
    private var _swapMilliseconds: [Double] = []

    init(summary: PlaceStore.Summary?) {
        _summary = summary
    }

    /// What the store holds now.
    var summary: PlaceStore.Summary? { lock.withLock { _summary } }

    /// New places, ready to show: the next frame takes them.
    func post(_ places: PlaceDirectory, summary: PlaceStore.Summary) {
        lock.withLock {
            pending = places
            _summary = summary
        }
        SDLEventSource.postWake()
    }

    /// The places posted since the last call, if any.
    func take() -> PlaceDirectory? {
        lock.withLock {
            defer { pending = nil }
            return pending
        }
    }

    /// How long each swap held the render loop (the kiosk taking the new places), in order.
    var swapMilliseconds: [Double] { lock.withLock { _swapMilliseconds } }

    func noteSwap(milliseconds: Double) {
        lock.withLock { _swapMilliseconds.append(milliseconds) }
    }
}
