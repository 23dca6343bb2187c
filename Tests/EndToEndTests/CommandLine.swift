import Foundation

/// Runs the built `inclusion-map` binary as a user would, from the package root.
enum InclusionMapBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL

    /// Next to the test bundle (swift test builds every product into the same folder).
    static var path: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("inclusion-map").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("inclusion-map").path,
            packageRoot.appendingPathComponent(".build/debug/inclusion-map").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary to its end. Both outputs are read at once (a child that fills one pipe
    /// while the other is being read to its end would never finish).
    /// `executable` runs another program instead (`setpriv` running the binary as another user).
    static func run(_ arguments: [String], environment extra: [String: String] = [:], in folder: URL? = nil,
                    executable: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? path)
        process.arguments = arguments
        process.currentDirectoryURL = folder ?? packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["SDL_VIDEODRIVER"] = "dummy"
        for (k, v) in extra { environment[k] = v }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errorOutput = ReadToEnd(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errorOutput.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts the binary (the live kiosk: `run --headless …`) with SDL's dummy driver, from the
    /// package root, without waiting: live tests talk to it through a notify socket, signals and
    /// files, and terminate it when done.
    static func launch(_ arguments: [String], environment extra: [String: String] = [:],
                       standardError: FileHandle = .nullDevice) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["SDL_VIDEODRIVER"] = "dummy"
        for (k, v) in extra { environment[k] = v }
        process.environment = environment
        process.standardError = standardError
        try process.run()
        return process
    }

    /// A state directory for the tests that only read from it (render, replays of gestures): made
    /// once per test process, its basemap prepared and its places imported before any test uses
    /// it, so that suites running in parallel never prepare or import into it at the same time.
    static let sharedStateDirectory: String = {
        let url = packageRoot.appendingPathComponent(".build/test-state-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        _ = try? run(["prepare", "--state-dir", url.path])
        _ = try? run(["places", "--state-dir", url.path, "--json"])
        return url.path
    }()

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inclusion-map-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Reads a pipe to its end on a thread of its own.
final class ReadToEnd: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A test's set-up step that failed (a command, a missing server), with what it said.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
