import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A real unix datagram socket standing in for systemd's notify socket.
final class NotifySocket {
    let fd: Int32
    /// The value for NOTIFY_SOCKET ("@name" for the abstract namespace).
    let address: String

    init(abstract: Bool) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        self.fd = fd
        var sa = sockaddr_un()
        sa.sun_family = sa_family_t(AF_UNIX)
        let name = "inclusion-map-test-\(UUID().uuidString.prefix(8))"
        let path = abstract ? name : FileManager.default.temporaryDirectory.appendingPathComponent(name + ".sock").path
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &sa.sun_path) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            for (i, b) in bytes.enumerated() { raw[(abstract ? 1 : 0) + i] = b }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + 1 + bytes.count)
        let status = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        address = abstract ? "@" + path : path
        guard status == 0 else { throw CommandFailure("bind failed: errno \(errno)") }
    }

    deinit { close(fd) }

    /// The next datagram, or nil after `timeout` seconds.
    func receive(timeout: Double) -> String? {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, Int32(timeout * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
    }

    /// Reads datagrams until one contains `needle` (returns it) or time runs out.
    func wait(for needle: String, timeout: Double) -> String? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let m = receive(timeout: end.timeIntervalSinceNow), m.contains(needle) { return m }
        }
        return nil
    }
}


@Suite(.serialized) struct SystemdTests {
    /// READY=1 after the first frame with STATUS= (places, data date, feedback queue), WATCHDOG=1 at
    /// half WATCHDOG_USEC, RELOADING/READY on SIGHUP with the new place count and queue depth,
    /// STOPPING=1 and exit status 0 on SIGTERM: through a path socket and an abstract one.
    @Test(arguments: [false, true]) func notifyProtocol(abstract: Bool) throws {
        let socket = try NotifySocket(abstract: abstract)
        let state = try InclusionMapBinary.temporaryDirectory()
        let process = try InclusionMapBinary.launch(["run", "--headless", "--size", "640x360", "--state-dir", state.path],
                                                    environment: ["NOTIFY_SOCKET": socket.address, "WATCHDOG_USEC": "400000"])
        defer { if process.isRunning { process.terminate() } }

        let ready = socket.wait(for: "READY=1", timeout: 60)
        #expect(ready != nil, "no READY=1")
        #expect(ready?.contains("STATUS=896 places (data 20") == true, "\(ready ?? "")")
        #expect(ready?.contains("feedback: 0 pending") == true)
        #expect(socket.wait(for: "WATCHDOG=1", timeout: 2) != nil, "no WATCHDOG=1 within the watchdog period")

        // New data and an answer queued while it runs; `systemctl reload` (SIGHUP) shows them.
        let fs = InclusionMapBinary.packageRoot.appendingPathComponent("assets/places/france-services-hdf-2022-12-01.csv").path
        #expect(try InclusionMapBinary.run(["import", "--replace", "--state-dir", state.path, fs]).status == 0)
        #expect(try InclusionMapBinary.run(["feedback", "add", "--state-dir", state.path, "--place", "france-services-1933",
                                            "--answer", "satisfaction=5"]).status == 0)
        kill(process.processIdentifier, SIGHUP)
        #expect(socket.wait(for: "RELOADING=1", timeout: 30) != nil, "SIGHUP did not reload")
        let reloaded = socket.wait(for: "READY=1", timeout: 30)
        #expect(reloaded != nil, "no READY=1 after the reload")
        #expect(reloaded?.contains("STATUS=189 places") == true && reloaded?.contains("feedback: 1 pending") == true, "\(reloaded ?? "")")

        kill(process.processIdentifier, SIGTERM)
        #expect(socket.wait(for: "STOPPING=1", timeout: 10) != nil, "no STOPPING=1 on SIGTERM")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// Under journald (JOURNAL_STREAM set) each log line carries its syslog priority; otherwise plain.
    @Test func logLinesCarryTheirPriorityForJournald() throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let args = ["render", "--size", "320x200", "--out", dir.appendingPathComponent("a.png").path,
                    "--state-dir", InclusionMapBinary.sharedStateDirectory]
        let journal = try InclusionMapBinary.run(args, environment: ["JOURNAL_STREAM": "8:12345"])
        #expect(journal.status == 0)
        #expect(journal.stderr.split(separator: "\n").contains { $0.hasPrefix("<6>rendered") })
        let plain = try InclusionMapBinary.run(args)
        #expect(plain.stderr.contains("info [inclusion-map.render] rendered"))
    }

    /// The units pass `systemd-analyze verify` (with the binary's path pointed at the built one,
    /// since verify checks that ExecStart exists).
    @Test(arguments: ["inclusion-map.service", "inclusion-map-cage.service"]) func unitVerifies(unit: String) throws {
        let dir = try InclusionMapBinary.temporaryDirectory()
        let text = try String(contentsOf: InclusionMapBinary.packageRoot.appendingPathComponent("systemd/\(unit)"), encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/inclusion-map", with: InclusionMapBinary.path)
            .replacingOccurrences(of: "/usr/bin/cage", with: InclusionMapBinary.path)
        let copy = dir.appendingPathComponent(unit)
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = ["verify", copy.path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(text.contains("Type=notify") && text.contains("WatchdogSec=") && text.contains("Restart=always"))
    }
}
