import Foundation
import Testing
@testable import SDLBackend

/// A kiosk at rest sleeps (SDL's dummy and KMS/DRM drivers would have it wake every millisecond),
/// and a finger still wakes it and reaches the screen.
@Suite(.serialized) struct RestingKioskTests {
    /// Voluntary context switches of all a process's threads: each is one sleep ended (the render
    /// loop need not run on the main thread).
    static func wakeUps(of pid: Int32) -> Int? {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else { return nil }
        return tasks.reduce(0) { total, task in
            let status = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") }
            return total + (line.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0)
        }
    }

    /// After its first frame and whatever start-up work follows (tiles ahead, places loaded in the
    /// background), the kiosk wakes only for its deadlines: some 2-second window holds at most a
    /// few wake-ups of all its threads, where polling SDL every millisecond made a thousand a second.
    /// SIGTERM, which the kernel may hand to any thread, still ends its sleep and stops it.
    @Test func sleepsAtRestAndStopsOnSIGTERM() throws {
        let socket = try NotifySocket(abstract: true)
        let state = try InclusionMapBinary.temporaryDirectory()
        let process = try InclusionMapBinary.launch(["run", "--headless", "--size", "640x360", "--state-dir", state.path],
                                                    environment: ["NOTIFY_SOCKET": socket.address])
        defer { if process.isRunning { process.terminate() } }
        #expect(socket.wait(for: "READY=1", timeout: 120) != nil, "no first frame")

        let pid = process.processIdentifier
        var fewest = Int.max
        for _ in 0..<30 {
            guard let before = Self.wakeUps(of: pid) else { break }
            Thread.sleep(forTimeInterval: 2)
            guard let after = Self.wakeUps(of: pid) else { break }
            fewest = min(fewest, after - before)
            if fewest <= 3 { break }
        }
        #expect(fewest <= 3, "the kiosk's threads woke \(fewest) times in its quietest 2 s")

        kill(pid, SIGTERM)
        #expect(socket.wait(for: "STOPPING=1", timeout: 60) != nil, "no STOPPING=1 on SIGTERM")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// The coverage view's communes are read once the first frame is shown, which does not need
    /// them, and before systemd hears the kiosk is ready.
    @Test func theCoverageViewComesJustAfterTheFirstFrame() throws {
        let socket = try NotifySocket(abstract: true)
        let state = try InclusionMapBinary.temporaryDirectory()
        let log = state.appendingPathComponent("run.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = try InclusionMapBinary.launch(["run", "--headless", "--verbose", "--size", "640x360", "--state-dir", state.path],
                                                    environment: ["NOTIFY_SOCKET": socket.address],
                                                    standardError: try FileHandle(forWritingTo: log))
        defer { if process.isRunning { process.terminate() } }
        #expect(socket.wait(for: "READY=1", timeout: 120) != nil, "no first frame")
        process.terminate()
        process.waitUntilExit()
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        let firstFrame = lines.firstIndex { $0.contains("first frame shown") }
        let coverage = lines.firstIndex { $0.contains("stage=coverage, after the first frame") }
        #expect(firstFrame != nil && coverage != nil && firstFrame! < coverage!, "\(lines.suffix(12))")
        #expect(!lines.contains { $0.contains("coverage view off") })
    }

    /// Fingers played in from another thread while the kiosk sleeps (`--live-input`) each reach a
    /// presented frame, or are counted as needing none; the figures are written once all are in.
    @Test func fingersPlayedInReachTheScreen() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        let trace = state.appendingPathComponent("touches.jsonl")
        let latency = state.appendingPathComponent("latency.json")
        var lines: [String] = []
        for gesture in 0..<3 {
            let t = 500 + gesture * 700
            lines.append(#"{"t": \#(t), "type": "finger_down", "id": \#(gesture), "x": 0.5, "y": 0.5}"#)
            for step in 1...4 {
                lines.append(#"{"t": \#(t + step * 10), "type": "finger_motion", "id": \#(gesture), "x": \#(0.5 + Double(step) * 0.02), "y": 0.5}"#)
            }
            lines.append(#"{"t": \#(t + 60), "type": "finger_up", "id": \#(gesture), "x": 0.58, "y": 0.5}"#)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: trace, atomically: true, encoding: .utf8)

        let process = try InclusionMapBinary.launch(["run", "--headless", "--size", "640x360", "--state-dir", state.path,
                                                     "--live-input", trace.path, "--latency", latency.path])
        defer { if process.isRunning { process.terminate() } }
        var report: [String: Any]?
        for _ in 0..<600 where report == nil {
            Thread.sleep(forTimeInterval: 0.2)
            report = (try? Data(contentsOf: latency)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        }
        let figures = try #require(report, "no input-to-present figures were written")
        #expect(figures["fingers"] as? Int == 18)
        let presented = figures["presented"] as? Int ?? -1, withoutFrame = figures["without_frame"] as? Int ?? -1
        #expect(presented + withoutFrame == 18)
        #expect(presented >= 9, "fingers moving the map each reach a frame")
        let touchDown = figures["touch_down_ms"] as? [String: Double]
        #expect((touchDown?["p50"] ?? 0) > 0 && (touchDown?["max"] ?? 0) >= (touchDown?["p50"] ?? .infinity))
        process.terminate()
        process.waitUntilExit()
    }

    /// Frames are paced 1/60 s apart, and the first waits for nothing: a start that slept a
    /// frame's interval before its first frame lost 16 ms of every start.
    @Test func theFirstFrameWaitsForNothingAndTheNextArePaced() {
        var pacer = FramePacer()
        #expect(pacer.delay(at: 0) == 0 && pacer.delay(at: 0.001) == 0)
        pacer.frameStarted(at: 0.001)
        #expect(abs(pacer.delay(at: 0.006) - (1.0 / 60 - 0.005)) < 1e-12)
        #expect(pacer.delay(at: 0.001 + 1.0 / 60) == 0 && pacer.delay(at: 5) == 0)
    }

    /// The wait itself: a wake-up from another thread ends a long sleep (and one posted before
    /// the sleep is not lost); without one, the sleep ends at its deadline.
    @Test func aWakeUpEndsTheSleep() {
        let wait = EventWait(driver: "dummy")
        #expect(!wait.driverWaits)
        wait.wake()
        let start = Date()
        wait.sleep(upTo: 60)
        #expect(Date().timeIntervalSince(start) < 30, "a wake-up posted before the sleep was lost")

        let woken = Date()
        Thread { Thread.sleep(forTimeInterval: 0.2); wait.wake() }.start()
        wait.sleep(upTo: 60)
        #expect(Date().timeIntervalSince(woken) < 30, "a wake-up from another thread did not end the sleep")

        let timed = Date()
        wait.sleep(upTo: 0.05)
        #expect(Date().timeIntervalSince(timed) >= 0.049, "a sleep with nothing to wake it ended early")
        #expect(EventWait(driver: "x11").driverWaits)
    }
}
