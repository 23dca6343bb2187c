import Foundation

/// Room kept on the disk for visitors' answers: a file beside the outbox, given back to the disk
/// when the disk is full (logs, caches and updates share it), so that the answers of the day can
/// still be committed, and made again once there is room.
public struct OutboxReserve: Sendable {
    public let path: String
    public let bytes: Int

    /// How many answers it holds is in the README ("Places"), measured.
    public static let defaultBytes = 2 << 20

    public init(outboxPath: String, bytes: Int = OutboxReserve.defaultBytes) {
        path = outboxPath + ".reserve"
        self.bytes = bytes
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Makes the reserve when it is missing and the disk has room for it and as much again
    /// (never the last room on the disk). Returns whether it is there.
    @discardableResult
    public func replenish() -> Bool {
        if exists { return true }
        var stats = statvfs()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard statvfs(folder, &stats) == 0, UInt64(stats.f_bavail) * UInt64(stats.f_frsize) >= UInt64(2 * bytes) else { return false }
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else { return false }
        // Written, not sparse: the blocks must really be taken from the disk to be given back.
        let block = Data(count: 64 * 1024)
        var written = 0
        do {
            while written < bytes {
                try handle.write(contentsOf: block)
                written += block.count
            }
            try handle.synchronize()
            try handle.close()
            try FileManager.default.moveItem(atPath: partial, toPath: path)
            return true
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            return false
        }
    }

    /// Gives the reserve's room back to the disk; returns whether there was one.
    public func release() -> Bool {
        (try? FileManager.default.removeItem(atPath: path)) != nil
    }
}
