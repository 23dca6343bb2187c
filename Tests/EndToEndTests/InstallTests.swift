import Foundation
import Testing

/// scripts/install.sh into a temporary prefix (files only): the installed configuration points at
/// the installed assets and checks clean; uninstall removes the files and keeps the configuration.
@Suite struct InstallTests {
    func bash(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        process.currentDirectoryURL = InclusionMapBinary.packageRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func installThenUninstall() throws {
        let root = try InclusionMapBinary.temporaryDirectory()
        let options = ["--prefix", root.path + "/usr", "--etc", root.path + "/etc", "--unit-dir", root.path + "/units", "--no-system"]
        let (status, output) = try bash(["scripts/install.sh", "--binary", InclusionMapBinary.path] + options)
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK"), "the installed configuration must check clean")
        let fm = FileManager.default
        #expect(fm.isExecutableFile(atPath: root.path + "/usr/bin/inclusion-map"))
        let unit = try String(contentsOfFile: root.path + "/units/inclusion-map.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=\(root.path)/usr/bin/inclusion-map run --config \(root.path)/etc/inclusion-map/kiosk.toml"))
        let config = try String(contentsOfFile: root.path + "/etc/inclusion-map/kiosk.toml", encoding: .utf8)
        #expect(config.contains("\(root.path)/usr/share/inclusion-map/assets/basemap/") && !config.contains("../assets"))

        let (uninstallStatus, uninstallOutput) = try bash(["scripts/install.sh", "--uninstall"] + options)
        #expect(uninstallStatus == 0, "\(uninstallOutput)")
        #expect(!fm.fileExists(atPath: root.path + "/usr/bin/inclusion-map"))
        #expect(!fm.fileExists(atPath: root.path + "/units/inclusion-map.service"))
        #expect(fm.fileExists(atPath: root.path + "/etc/inclusion-map/kiosk.toml"), "configuration is kept")
    }
}
