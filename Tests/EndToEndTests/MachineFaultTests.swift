import Foundation
import Testing

/// A full disk or a damaged file, as a kiosk meets them on a small state folder: nothing valid is
/// thrown away, nothing queued is lost, the message says what happened, and the kiosk carries on
/// by itself once the machine heals. Runs on a tmpfs the test mounts (root, as CI runs).
@Suite(.serialized, .enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
struct MachineFaultTests {
    static let placeFiles = ["conseillers-numeriques-hdf-2022-12.json", "france-services-hdf-2022-12-01.csv", "aidants-connect-hdf-2024-02-12.csv"]
        .map { InclusionMapBinary.packageRoot.appendingPathComponent("assets/places/\($0)").path }

    /// A tmpfs of `megabytes`, unmounted by the caller.
    static func smallDisk(megabytes: Int) throws -> URL {
        let folder = try InclusionMapBinary.temporaryDirectory()
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder.path]
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw CommandFailure("mount tmpfs on \(folder.path) failed") }
        return folder
    }

    static func unmount(_ folder: URL) {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [folder.path]
        try? umount.run()
        umount.waitUntilExit()
    }

    /// Remounts the tmpfs `ro` or `rw`; whether it worked.
    static func remount(_ folder: URL, _ mode: String) throws -> Bool {
        let remount = Process()
        remount.executableURL = URL(fileURLWithPath: "/bin/mount")
        remount.arguments = ["-o", "remount,\(mode)", folder.path]
        try remount.run()
        remount.waitUntilExit()
        return remount.terminationStatus == 0
    }

    /// Fills the disk to its last byte with one file.
    static func fill(_ folder: URL) -> URL {
        let filler = folder.appendingPathComponent("filler")
        _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
        if let handle = FileHandle(forWritingAtPath: filler.path) {
            let block = Data(count: 64 * 1024)
            while (try? handle.write(contentsOf: block)) != nil {}
            let small = Data(count: 512)
            while (try? handle.write(contentsOf: small)) != nil {}
            try? handle.close()
        }
        return filler
    }

    static func bytes(_ file: URL) -> Data? { try? Data(contentsOf: file) }

    /// How many places `places --json` lists from `state`; nil when it fails.
    static func placeCount(_ state: URL) throws -> Int? {
        let result = try InclusionMapBinary.run(["places", "--state-dir", state.path, "--json"])
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])?.count
    }

    static func damagedCopies(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".damaged-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
    }

    @Test func aFullDiskCostsNoPlaceAndNoAnswer() throws {
        let disk = try Self.smallDisk(megabytes: 8)
        defer { Self.unmount(disk) }
        let imported = try InclusionMapBinary.run(["import", "--state-dir", disk.path] + Self.placeFiles)
        #expect(imported.status == 0, "\(imported.stderr)")
        // The place snapshot, a copy for a faster start, does not take the room answers need.
        #expect(!FileManager.default.fileExists(atPath: disk.appendingPathComponent("places.snapshot").path))
        #expect(imported.stderr.contains("too little room"), "\(imported.stderr)")
        let first = try InclusionMapBinary.run(["feedback", "add", "--state-dir", disk.path, "--place", "france-services-1933", "--answer", "entree_plain_pied=oui"])
        #expect(first.status == 0, "\(first.stderr)")
        let places = disk.appendingPathComponent("places.sqlite"), outbox = disk.appendingPathComponent("outbox.sqlite")
        let reserve = disk.appendingPathComponent("outbox.sqlite.reserve")
        #expect(FileManager.default.fileExists(atPath: reserve.path), "room is kept for the answers")

        // The disk fills up (logs, caches…): the reserve takes the day's answers.
        var filler = Self.fill(disk)
        for value in ["non", "ne_sait_pas"] {
            let kept = try InclusionMapBinary.run(["feedback", "add", "--state-dir", disk.path, "--place", "france-services-1933", "--answer", "entree_plain_pied=\(value)"])
            #expect(kept.status == 0, "\(kept.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: reserve.path), "the reserve was given back to the disk")

        // Full to the last byte, reserve gone: refused, and said so.
        let more = Self.fill(disk).appendingPathExtension("more")
        try? FileManager.default.moveItem(at: filler, to: more)
        filler = more
        _ = Self.fill(disk)
        let (placesBefore, outboxBefore) = (Self.bytes(places), Self.bytes(outbox))
        let refused = try InclusionMapBinary.run(["feedback", "add", "--state-dir", disk.path, "--place", "france-services-1933", "--answer", "entree_plain_pied=non"])
        #expect(refused.status != 0)
        // One line, naming the file and the cause; no SQLite or Foundation dump.
        let message = refused.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(message.count == 1 && message[0].contains("the disk is full") && message[0].contains("nothing was changed")
                && message[0].contains(disk.path), "\(refused.stderr)")
        #expect(!refused.stderr.contains("SQLite error"), "\(refused.stderr)")
        #expect(Self.bytes(places) == placesBefore && Self.bytes(outbox) == outboxBefore, "the files are byte for byte what they were")
        #expect(Self.damagedCopies(in: disk).isEmpty, "a full disk is not damage")

        // Room again: it carries on, nothing to repair, and the reserve is made again.
        try FileManager.default.removeItem(at: filler)
        try FileManager.default.removeItem(at: disk.appendingPathComponent("filler"))
        let second = try InclusionMapBinary.run(["feedback", "add", "--state-dir", disk.path, "--place", "france-services-1933", "--answer", "entree_plain_pied=non"])
        #expect(second.status == 0, "\(second.stderr)")
        let status = try JSONSerialization.jsonObject(with: Data(try InclusionMapBinary.run(["status", "--json", "--state-dir", disk.path]).stdout.utf8)) as? [String: Any]
        #expect(status?["pending"] as? Int == 4)
        #expect(FileManager.default.fileExists(atPath: reserve.path))
        #expect(try Self.placeCount(disk) == 896)
    }

    /// The kiosk starts on a full disk: the map, the places, "Près d'ici" and search work from
    /// the store read as it is, the log says why, and the outbox opens in the reserve's room.
    @Test func theKioskRunsOnAFullDisk() throws {
        let disk = try Self.smallDisk(megabytes: 40)
        defer { Self.unmount(disk) }
        #expect(try InclusionMapBinary.run(["prepare", "--state-dir", disk.path]).status == 0)
        #expect(try InclusionMapBinary.run(["places", "--state-dir", disk.path, "--json"]).status == 0)
        let places = disk.appendingPathComponent("places.sqlite")
        let before = Self.bytes(places)
        _ = Self.fill(disk)
        let stats = try InclusionMapBinary.temporaryDirectory().appendingPathComponent("stats.json")
        let trace = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces/visitor-nearby.jsonl")
        let result = try InclusionMapBinary.run(["run", "--headless", "--state-dir", disk.path, "--at", "2026-12-01T10:30",
                                                 "--replay", trace.path, "--stats", stats.path])
        #expect(result.status == 0, "\(result.stderr)")
        let outcome = try JSONSerialization.jsonObject(with: Data(contentsOf: stats)) as? [String: Any]
        #expect(outcome?["panel"] as? String == "nearby" && ((outcome?["listed_places"] as? [String])?.count ?? 0) >= 4)
        #expect(result.stderr.contains("the disk is full"), "the log says why: \(result.stderr)")
        #expect(Self.bytes(places) == before && Self.damagedCopies(in: disk).isEmpty)
        // `places` and `nearest` read it too.
        let nearest = try InclusionMapBinary.run(["nearest", "--state-dir", disk.path, "--lat", "50.63", "--lon", "3.06", "-k", "3", "--json"])
        #expect(nearest.status == 0, "\(nearest.stderr)")
    }

    /// A state folder remounted read-only: the kiosk starts with its places, and a visitor who
    /// wants to give an answer is told plainly that it cannot be kept now (never "Merci").
    @Test func aReadOnlyStateFolderKeepsTheMapAndSaysAnswersCannotBeKept() throws {
        let disk = try Self.smallDisk(megabytes: 40)
        defer { Self.unmount(disk) }
        #expect(try InclusionMapBinary.run(["prepare", "--state-dir", disk.path]).status == 0)
        #expect(try InclusionMapBinary.run(["places", "--state-dir", disk.path, "--json"]).status == 0)
        #expect(try Self.remount(disk, "ro"))
        let folder = try InclusionMapBinary.temporaryDirectory()
        let trace = folder.appendingPathComponent("give-feedback.jsonl")
        try """
            {"t": 500, "type": "tap", "target": "control:search"}
            {"t": 1500, "type": "type", "text": "interfaces lille"}
            {"t": 2500, "type": "tap", "target": "row:0"}
            {"t": 3500, "type": "tap", "target": "control:giveFeedback"}
            """.write(to: trace, atomically: true, encoding: .utf8)
        let stats = folder.appendingPathComponent("stats.json")
        let result = try InclusionMapBinary.run(["run", "--headless", "--state-dir", disk.path, "--at", "2026-12-01T10:30",
                                                 "--replay", trace.path, "--stats", stats.path])
        #expect(result.status == 0, "\(result.stderr)")
        let outcome = try JSONSerialization.jsonObject(with: Data(contentsOf: stats)) as? [String: Any]
        #expect(outcome?["panel"] as? String == "thanks:full", "\(String(describing: outcome?["panel"]))")
        #expect(result.stderr.contains("read-only"), "the log says why: \(result.stderr)")
        let add = try InclusionMapBinary.run(["feedback", "add", "--state-dir", disk.path, "--place", "france-services-1933", "--answer", "satisfaction=4"])
        #expect(add.status != 0 && add.stderr.contains("read-only") && add.stderr.contains("nothing was changed"), "\(add.stderr)")
    }

    /// The state folder read-only, or full, then healed: the running kiosk notices by itself (no
    /// restart, no signal), between visitors, opens its data again and takes answers again.
    @Test(arguments: ["read-only", "full"])
    func theRunningKioskHealsByItselfWhenTheDiskComesBack(fault: String) throws {
        let disk = try Self.smallDisk(megabytes: 40)
        defer { Self.unmount(disk) }
        #expect(try InclusionMapBinary.run(["prepare", "--state-dir", disk.path]).status == 0)
        #expect(try InclusionMapBinary.run(["places", "--state-dir", disk.path, "--json"]).status == 0)
        // Full: the outbox's reserve already spent, then every byte taken.
        var filler: URL?
        if fault == "full" {
            try? FileManager.default.removeItem(at: disk.appendingPathComponent("outbox.sqlite.reserve"))
            filler = Self.fill(disk)
        } else {
            #expect(try Self.remount(disk, "ro"))
        }
        let socket = try NotifySocket(abstract: true)
        let log = try InclusionMapBinary.temporaryDirectory().appendingPathComponent("kiosk.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = try InclusionMapBinary.launch(["run", "--headless", "--size", "640x360", "--state-dir", disk.path],
                                                    environment: ["NOTIFY_SOCKET": socket.address, "INCLUSION_MAP_HEALTH_CHECK_S": "0.5"],
                                                    standardError: try FileHandle(forWritingTo: log))
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }

        let sick = socket.wait(for: "READY=1", timeout: 60)
        #expect(sick?.contains("896 places") == true && sick?.contains("feedback outbox unavailable") == true, "\(sick ?? "no READY=1")")
        #expect(sick?.contains(fault == "full" ? "the disk is full" : "read-only") == true, "\(sick ?? "")")
        if let filler { try FileManager.default.removeItem(at: filler) } else { #expect(try Self.remount(disk, "rw")) }
        // Within a few looks at the machine, it reopens its data: STATUS= says the queue again.
        let healed = socket.wait(for: "feedback: 0 pending", timeout: 60)
        #expect(healed != nil, "no healed STATUS=; log: \(String(decoding: Self.bytes(log) ?? Data(), as: UTF8.self).suffix(600))")
        #expect(healed?.contains("unavailable") == false && healed?.contains("read-only") == false, "\(healed ?? "")")
        process.terminate()
        process.waitUntilExit()
        let text = String(decoding: Self.bytes(log) ?? Data(), as: UTF8.self)
        #expect(text.contains("reopened the data (the machine was sick)"), "\(text.suffix(600))")
        #expect(process.terminationStatus == 0)
    }

    /// The disk fills between the lab's commit and the outbox's marking: the answers stay queued,
    /// the message says what happened in words, and the next sync (room back) marks them without
    /// the lab keeping a second copy.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["INCLUSION_MAP_TEST_PG_URL"] != nil, "needs the throwaway PostgreSQL of scripts/test.sh"))
    func aFullDiskWhenADeliveryIsMarkedLosesAndDoublesNothing() throws {
        let lab = try FeedbackCommandTests.makeLab()
        let disk = try Self.smallDisk(megabytes: 8)
        defer { Self.unmount(disk) }
        #expect(try Self.placeCount(disk) == 896)
        for score in 1...3 {
            let add = try InclusionMapBinary.run(["feedback", "add", "--state-dir", disk.path, "--place", "france-services-1933", "--answer", "satisfaction=\(score)"])
            #expect(add.status == 0, "\(add.stderr)")
        }
        // The reserve already spent (a day of answers on a full disk), then the disk filled to a
        // few pages: enough to open the outbox and read the batch, not to write its marking.
        try FileManager.default.removeItem(at: disk.appendingPathComponent("outbox.sqlite.reserve"))
        let sync = ["sync", "--once", "--state-dir", disk.path, "--lab-url", lab.kiosk]
        let filler = disk.appendingPathComponent("filler")
        var marked: InclusionMapBinary.Result?
        for pages in 9...16 where marked == nil {
            let free = try FileManager.default.attributesOfFileSystem(forPath: disk.path)[.systemFreeSize] as! Int
            _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
            let handle = try FileHandle(forWritingTo: filler)
            try handle.truncate(atOffset: 0)
            try? handle.write(contentsOf: Data(count: max(0, free - pages * 4096)))
            try handle.close()
            let result = try InclusionMapBinary.run(sync)
            if result.stderr.contains("could not be marked delivered here") { marked = result }
            try FileManager.default.removeItem(at: filler)
            if result.status == 0 { break }   // enough room for all of it: no marking failed
        }
        let failed = try #require(marked, "no amount of room made the marking fail")
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("Error: sync: the lab has 3 answers, but they could not be marked delivered here: feedback outbox \(disk.path)/outbox.sqlite: the disk is full"),
                "\(failed.stderr)")
        #expect(failed.stderr.contains("they stay queued and go again (the lab keeps one copy)"))
        #expect(!failed.stderr.contains("SQLite error"), "no SQLite dump: \(failed.stderr)")
        #expect(try FeedbackCommandTests.psql(lab.admin, "SELECT count(*) FROM feedback") == "3")
        let pending = try InclusionMapBinary.run(["status", "--json", "--state-dir", disk.path])
        #expect((try JSONSerialization.jsonObject(with: Data(pending.stdout.utf8)) as? [String: Any])?["pending"] as? Int == 3, "\(pending.stdout)")

        // Room again: sent again, marked, and the lab still has one row each.
        let again = try InclusionMapBinary.run(sync)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try FeedbackCommandTests.psql(lab.admin, "SELECT count(*) FROM feedback") == "3")
        let done = try InclusionMapBinary.run(["status", "--json", "--state-dir", disk.path])
        #expect((try JSONSerialization.jsonObject(with: Data(done.stdout.utf8)) as? [String: Any])?["delivered"] as? Int == 3, "\(done.stdout)")
    }

    /// A state folder the kiosk's user may not write (root's, the kiosk run as `nobody`): the
    /// places are read, an answer is refused naming the user, and every file stays as it was.
    @Test func aStateFolderTheKioskUserCannotWrite() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        #expect(try InclusionMapBinary.run(["import", "--state-dir", state.path] + Self.placeFiles).status == 0)
        #expect(try InclusionMapBinary.run(["feedback", "add", "--state-dir", state.path, "--place", "france-services-1933", "--answer", "satisfaction=4"]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: state.path)
        let (places, outbox) = (Self.bytes(state.appendingPathComponent("places.sqlite")), Self.bytes(state.appendingPathComponent("outbox.sqlite")))
        func asNobody(_ arguments: [String]) throws -> InclusionMapBinary.Result {
            let config = InclusionMapBinary.packageRoot.appendingPathComponent("kiosk-config/kiosk.toml").path
            return try InclusionMapBinary.run(["--reuid=nobody", "--regid=nogroup", "--clear-groups", InclusionMapBinary.path]
                                              + arguments + ["--config", config, "--state-dir", state.path],
                                              in: URL(fileURLWithPath: "/tmp"), executable: "/usr/bin/setpriv")
        }
        let add = try asNobody(["feedback", "add", "--place", "france-services-1933", "--answer", "satisfaction=5"])
        #expect(add.status != 0 && add.stderr.contains("user nobody may not write here") && add.stderr.contains("nothing was changed"), "\(add.stderr)")
        let listed = try asNobody(["places", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])?.count == 896)
        #expect(Self.bytes(state.appendingPathComponent("places.sqlite")) == places && Self.bytes(state.appendingPathComponent("outbox.sqlite")) == outbox)
        #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("outbox.sqlite.reserve").path), "the reserve is not the user's to give back")
    }

    /// The disk fills up during an import: one transaction, so nothing changes, and it is said.
    @Test func anImportOnAFullDiskChangesNothing() throws {
        let disk = try Self.smallDisk(megabytes: 8)
        defer { Self.unmount(disk) }
        #expect(try InclusionMapBinary.run(["import", "--state-dir", disk.path, Self.placeFiles[1]]).status == 0)
        let places = disk.appendingPathComponent("places.sqlite")
        let before = Self.bytes(places)
        _ = Self.fill(disk)
        let result = try InclusionMapBinary.run(["import", "--state-dir", disk.path, "--replace"] + Self.placeFiles)
        #expect(result.status != 0)
        #expect(result.stderr.contains("nothing imported") && result.stderr.contains("the disk is full"), "\(result.stderr)")
        #expect(Self.bytes(places) == before && Self.damagedCopies(in: disk).isEmpty)
        #expect(try Self.placeCount(disk) == 189, "the places of before")
    }

    /// The basemap cache never takes the disk's last room: without room for it and the answers'
    /// share, it is not written (said by `prepare`), and the kiosk prepares the map at each start.
    @Test func theBasemapCacheLeavesRoomForAnswers() throws {
        let disk = try Self.smallDisk(megabytes: 12)
        defer { Self.unmount(disk) }
        let prepare = try InclusionMapBinary.run(["prepare", "--state-dir", disk.path])
        #expect(prepare.status != 0)
        #expect(prepare.stderr.contains("not kept for the next start") && prepare.stderr.contains("the disk is full"), "\(prepare.stderr)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: disk.path)) ?? []
        #expect(!files.contains { $0.contains("basemap") }, "no cache, and no half-written one: \(files)")
        #expect((try? FileManager.default.attributesOfFileSystem(forPath: disk.path)[.systemFreeSize] as? NSNumber)?.intValue ?? 0 >= 4 << 20)
        let trace = InclusionMapBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Traces/double-tap.jsonl")
        #expect(try InclusionMapBinary.run(["run", "--headless", "--state-dir", disk.path, "--replay", trace.path, "--size", "640x360"]).status == 0)
    }

    @Test func aCorruptStoreIsSetAsideOnceAndRebuilt() throws {
        let disk = try Self.smallDisk(megabytes: 16)
        defer { Self.unmount(disk) }
        let places = disk.appendingPathComponent("places.sqlite")
        #expect(try Self.placeCount(disk) == 896)
        // Garbage bytes: not a database. Moved aside, rebuilt from the configured files.
        // Bytes that are no database (a fixed scramble, the same at every run).
        let garbage = Data((0..<200_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) })
        try garbage.write(to: places)
        #expect(try Self.placeCount(disk) == 896)
        let copies = Self.damagedCopies(in: disk)
        try #require(copies.count == 1)
        #expect(Self.bytes(disk.appendingPathComponent(copies[0])) == garbage, "the damaged file is kept as it was")
        // A truncated store, later: rebuilt again, and still one damaged copy (the first one kept).
        let handle = try FileHandle(forWritingTo: places)
        try handle.truncate(atOffset: 100_000)
        try handle.close()
        #expect(try Self.placeCount(disk) == 896)
        #expect(Self.damagedCopies(in: disk) == copies)
    }

    /// Another process holds the outbox's write lock for two seconds: the answer waits for it
    /// (bounded) and is queued; nothing is taken for damage.
    @Test func aLockHeldByAnotherProcessIsWaitedFor() throws {
        let state = try InclusionMapBinary.temporaryDirectory()
        #expect(try InclusionMapBinary.run(["feedback", "add", "--state-dir", state.path, "--place", "france-services-1933", "--answer", "satisfaction=4"]).status == 0)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(2)
            db.execute("COMMIT")
            """, state.appendingPathComponent("outbox.sqlite").path]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData  // "locked": the lock is held from here on
        let start = Date()
        let second = try InclusionMapBinary.run(["feedback", "add", "--state-dir", state.path, "--place", "france-services-1933", "--answer", "satisfaction=5"])
        holder.waitUntilExit()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Date().timeIntervalSince(start) >= 1.5, "it waited for the lock")
        let status = try JSONSerialization.jsonObject(with: Data(try InclusionMapBinary.run(["status", "--json", "--state-dir", state.path]).stdout.utf8)) as? [String: Any]
        #expect(status?["pending"] as? Int == 2)
        #expect(Self.damagedCopies(in: state).isEmpty)
    }

    @Test func aCorruptStoreWithoutRoomToRebuildIsLeftAsItIs() throws {
        let disk = try Self.smallDisk(megabytes: 3)
        defer { Self.unmount(disk) }
        let places = disk.appendingPathComponent("places.sqlite")
        let garbage = Data(repeating: 0x5A, count: 50_000)
        try garbage.write(to: places)
        let result = try InclusionMapBinary.run(["places", "--state-dir", disk.path, "--json"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is damaged") && result.stderr.contains("not rebuilt") && result.stderr.contains("MB needed"), "\(result.stderr)")
        #expect(Self.bytes(places) == garbage && Self.damagedCopies(in: disk).isEmpty)
    }
}
