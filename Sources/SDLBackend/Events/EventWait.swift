import CSDL2
import CSignalWake
import Foundation

/// How the render loop sleeps when there is nothing to draw.
///
/// SDL's x11 and wayland drivers block on their display connection. Its dummy and KMS/DRM drivers
/// have no blocking wait: `SDL_WaitEventTimeout` wakes every millisecond to pump them, which keeps an
/// idle kiosk busy all day. For those drivers the loop sleeps in `poll(2)` instead, on:
/// - an eventfd that every post from another thread writes (finished tiles, speech ended, reload);
/// - the evdev files of the touch devices, which SDL reads too (each opener gets every event);
/// - an inotify watch on `/dev/input`, so that a touch screen plugged in later is watched as well.
/// SIGTERM and SIGINT write the eventfd too (after SDL's handler, which queues a quit event), since
/// the kernel may hand them to any thread.
final class EventWait: @unchecked Sendable {
    /// Whether SDL's own wait blocks (the display connection wakes it, and SDL_PushEvent too).
    let driverWaits: Bool
    /// Whether the driver reads touches from evdev, so the loop must watch those files.
    let driverReadsEvdev: Bool
    private let wakeDescriptor: Int32
    private var hotplugDescriptor: Int32 = -1
    private var inputDescriptors: [String: Int32] = [:]
    /// The longest sleep when the touch devices cannot be watched (no permission on /dev/input):
    /// short enough that a touch still reaches the next frame of a 120 Hz screen.
    static let blindSleep = 0.004
    /// Some touch device exists but could not be opened: sleeps are kept short.
    private(set) var isBlind = false
    static let inputFolder = "/dev/input"

    /// The waiting fit for SDL's current video driver; call after SDL_Init.
    init(driver: String) {
        let name = driver.lowercased()
        driverWaits = ["x11", "wayland"].contains(name)
        driverReadsEvdev = !driverWaits && !["dummy", "offscreen"].contains(name)
        wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        if driverReadsEvdev {
            hotplugDescriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if hotplugDescriptor >= 0, inotify_add_watch(hotplugDescriptor, Self.inputFolder, UInt32(IN_CREATE | IN_ATTRIB)) < 0 {
                close(hotplugDescriptor)
                hotplugDescriptor = -1
            }
            openInputDevices()
        }
    }

    deinit {
        for descriptor in inputDescriptors.values { close(descriptor) }
        if hotplugDescriptor >= 0 { close(hotplugDescriptor) }
        if wakeDescriptor >= 0 { close(wakeDescriptor) }
    }

    /// Lets SIGTERM and SIGINT end the sleep too, whichever thread receives them; once a process.
    func wakeOnTermination() {
        if !driverWaits { signal_wake_on_termination(wakeDescriptor) }
    }

    /// Ends the current or next sleep; safe from any thread (one write to the eventfd).
    func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, 8)
    }

    /// Sleeps until a post, a touch device's input, a signal or `seconds` have passed, whichever
    /// comes first; what woke it is read off, so that the next sleep blocks again.
    func sleep(upTo seconds: Double) {
        var watched = [pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        if hotplugDescriptor >= 0 { watched.append(pollfd(fd: hotplugDescriptor, events: Int16(POLLIN), revents: 0)) }
        for descriptor in inputDescriptors.values { watched.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        let longest = driverReadsEvdev && (isBlind || hotplugDescriptor < 0) ? min(seconds, Self.blindSleep) : seconds
        let milliseconds = Int32(min((longest * 1000).rounded(.up), 3_600_000))
        guard poll(&watched, nfds_t(watched.count), max(0, milliseconds)) > 0 else { return }
        var rescan = false
        for entry in watched where entry.revents != 0 {
            if entry.fd == hotplugDescriptor {
                drain(entry.fd)
                rescan = true
            } else if entry.revents & Int16(POLLIN) != 0 {
                drain(entry.fd)
            } else if let name = inputDescriptors.first(where: { $0.value == entry.fd })?.key {
                // POLLHUP/POLLERR: the device was unplugged; a new one comes through the watch.
                close(entry.fd)
                inputDescriptors[name] = nil
            }
        }
        if rescan { openInputDevices() }
    }

    /// Reads what a descriptor holds and lets it go (SDL reads the same input from its own files).
    private func drain(_ descriptor: Int32) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            while read(descriptor, buffer.baseAddress, buffer.count) > 0 {}
        }
    }

    /// Watches every `/dev/input/event*` that can be opened, and forgets those that are gone.
    private func openInputDevices() {
        let present = Set(((try? FileManager.default.contentsOfDirectory(atPath: Self.inputFolder)) ?? [])
            .filter { $0.hasPrefix("event") })
        for (name, descriptor) in inputDescriptors where !present.contains(name) {
            close(descriptor)
            inputDescriptors[name] = nil
        }
        var unreadable = false
        for name in present where inputDescriptors[name] == nil {
            let descriptor = open("\(Self.inputFolder)/\(name)", O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            if descriptor >= 0 { inputDescriptors[name] = descriptor } else { unreadable = true }
        }
        isBlind = unreadable
    }
}
