import Foundation
import GRDB

/// Why a SQLite file could not be opened, read or written, told apart. Only a file SQLite says is
/// corrupt (or not a database at all) is damaged; everything else is a fault of the machine (a
/// full disk, a read-only file system, a permission, a lock held by another process, an I/O
/// error), which leaves every file as it is and goes away when the machine heals.
public struct StorageFault: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Cause: String, Sendable, Equatable {
        case corrupt, diskFull, readOnly, permission, locked, io
    }

    public var cause: Cause
    public var path: String
    /// What SQLite or the system said, for the log.
    public var detail: String

    public init(cause: Cause, path: String, detail: String) {
        self.cause = cause
        self.path = path
        self.detail = detail
    }

    public var isCorruption: Bool { cause == .corrupt }

    /// One line for people: the file and the cause, in words.
    public var description: String {
        switch cause {
        case .corrupt: return "\(path) is damaged (\(detail))"
        case .diskFull: return "\(path): the disk is full (\(Self.freeSpace(near: path)) free); nothing was changed"
        case .readOnly: return "\(path): the file system is read-only; nothing was changed"
        case .permission: return "\(path): user \(Self.userName) may not write here; nothing was changed"
        case .locked: return "\(path) is locked by another process; nothing was changed"
        case .io: return "\(path): input/output error (\(detail)); nothing was changed"
        }
    }

    /// What went wrong with the SQLite file at `path`, from the error and, where SQLite's code
    /// alone does not say (an error creating the WAL's index, say), from the state of its folder.
    public static func classify(_ error: any Error, path: String) -> StorageFault {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if let database = error as? DatabaseError {
            let detail = database.message ?? "\(database.resultCode)"
            switch database.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return StorageFault(cause: .corrupt, path: path, detail: detail)
            case .SQLITE_FULL: return StorageFault(cause: .diskFull, path: path, detail: detail)
            case .SQLITE_BUSY, .SQLITE_LOCKED: return StorageFault(cause: .locked, path: path, detail: detail)
            case .SQLITE_READONLY: return machineFault(folder: folder, path: path, detail: detail) ?? StorageFault(cause: .readOnly, path: path, detail: detail)
            case .SQLITE_PERM, .SQLITE_AUTH: return StorageFault(cause: .permission, path: path, detail: detail)
            default: return machineFault(folder: folder, path: path, detail: detail) ?? StorageFault(cause: .io, path: path, detail: detail)
            }
        }
        let nsError = error as NSError
        let posix = nsError.domain == NSPOSIXErrorDomain ? Int32(nsError.code)
            : (nsError.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        switch posix {
        case ENOSPC, EDQUOT: return StorageFault(cause: .diskFull, path: path, detail: "\(error)")
        case EROFS: return StorageFault(cause: .readOnly, path: path, detail: "\(error)")
        case EACCES, EPERM: return StorageFault(cause: .permission, path: path, detail: "\(error)")
        default: return machineFault(folder: folder, path: path, detail: "\(error)") ?? StorageFault(cause: .io, path: path, detail: "\(error)")
        }
    }

    /// A full or read-only file system, or a folder this user may not write, whatever the code said.
    static func machineFault(folder: String, path: String, detail: String) -> StorageFault? {
        var stats = statvfs()
        if statvfs(folder, &stats) == 0 {
            if stats.f_flag & UInt(ST_RDONLY) != 0 { return StorageFault(cause: .readOnly, path: path, detail: detail) }
            if UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 64 * 1024 { return StorageFault(cause: .diskFull, path: path, detail: detail) }
        }
        if access(folder, W_OK) != 0 && errno == EACCES { return StorageFault(cause: .permission, path: path, detail: detail) }
        if FileManager.default.fileExists(atPath: path), access(path, R_OK | W_OK) != 0, errno == EACCES {
            return StorageFault(cause: .permission, path: path, detail: detail)
        }
        return nil
    }

    /// Bytes free for this user on the file system holding `path`.
    public static func freeBytes(near path: String) -> UInt64? {
        var stats = statvfs()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard statvfs(folder, &stats) == 0 else { return nil }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
    }

    static func freeSpace(near path: String) -> String {
        guard let bytes = freeBytes(near: path) else { return "unknown" }
        return bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(bytes / 1024) KB"
    }

    /// The user the kiosk runs as, named in permission problems.
    static var userName: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }
}
