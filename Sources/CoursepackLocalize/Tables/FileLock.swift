import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock (`flock`) held while a command reads, changes and writes a module's tables or a
/// translation memory, so that two commands at once cannot overwrite each other's work. The system
/// releases it when the process ends, however it ends: there is no stale lock to clear by hand.
///
/// A module is locked on its folder itself (no file is left in it). A memory is locked on
/// `<memory>.lock` beside it: a lock on the database file would share its descriptor's fate with
/// SQLite's own POSIX locks, which closing any other descriptor of that file drops.
public final class FileLock: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// How long a command waits for another to finish before giving up: `COURSEPACK_LOCK_TIMEOUT`
    /// seconds, 60 by default.
    public static var timeout: Double {
        ProcessInfo.processInfo.environment["COURSEPACK_LOCK_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 60
    }

    /// Paths this process holds: taking one again (a command that locks the memory, then opens it)
    /// is free, where a second `flock` on another descriptor would wait for itself.
    private static let held = LockedValue<[String: Int]>([:])

    private let descriptor: Int32
    private let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        let last = Self.held.withLock { held -> Bool in
            held[path, default: 1] -= 1
            if held[path]! <= 0 { held[path] = nil; return true }
            return false
        }
        if last && descriptor >= 0 { flock(descriptor, LOCK_UN) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Locks the module folder at `root`.
    public static func module(_ root: URL, waiting: (String) -> Void = { _ in }) throws(Failure) -> FileLock {
        try acquire(root.standardizedFileURL.path, directory: true,
                    what: "the translations of the module \(root.standardizedFileURL.path)", waiting: waiting)
    }

    /// Locks the translation memory at `url`.
    public static func memory(_ url: URL, waiting: (String) -> Void = { _ in }) throws(Failure) -> FileLock {
        try acquire(url.standardizedFileURL.path + ".lock", directory: false,
                    what: "the translation memory \(url.standardizedFileURL.path)", waiting: waiting)
    }

    private static func acquire(_ path: String, directory: Bool, what: String, waiting: (String) -> Void) throws(Failure) -> FileLock {
        let flags = directory ? O_RDONLY | O_DIRECTORY | O_CLOEXEC : O_RDWR | O_CREAT | O_CLOEXEC
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot lock \(what): \(String(cString: strerror(errno)).lowercased())")
        }
        let alreadyHeld = held.withLock { held -> Bool in
            defer { held[path, default: 0] += 1 }
            return held[path] != nil
        }
        if alreadyHeld { return FileLock(descriptor: descriptor, path: path) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return FileLock(descriptor: descriptor, path: path) }
        let limit = timeout
        waiting("waiting for another coursepack command that is changing \(what) (at most \(Int(limit)) s)")
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            usleep(50_000)
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return FileLock(descriptor: descriptor, path: path) }
        }
        held.withLock { held in
            held[path, default: 1] -= 1
            if held[path]! <= 0 { held[path] = nil }
        }
        close(descriptor)
        throw Failure(description: "another coursepack command has been changing \(what) for \(Int(limit)) s; nothing was changed: run this command again when it has finished (COURSEPACK_LOCK_TIMEOUT sets how long to wait)")
    }
}

/// A value behind a lock (Foundation's `NSLock`; usable on every platform the package builds for).
final class LockedValue<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
