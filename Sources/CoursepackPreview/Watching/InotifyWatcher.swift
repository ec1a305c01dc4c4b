#if os(Linux)
import Foundation
import Glibc

/// Follows a module folder with Linux's inotify: one watch per folder (the module, `pages/`, `locales/`,
/// `media/` and below), read on a thread of its own, with bursts coalesced (`BurstCollector`). A folder
/// made while watching is watched from then on; a rename is reported for both names.
public final class InotifyWatcher: FileWatcher, @unchecked Sendable {
    public let changes: AsyncStream<Set<String>>
    public let method = "inotify"
    private let continuation: AsyncStream<Set<String>>.Continuation
    private let root: URL
    private let descriptor: Int32
    private let lock = NSLock()
    private var folders: [Int32: String] = [:]
    private var stopped = false
    private var thread: Thread?

    private static let mask: UInt32 = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY
        | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Nil when inotify cannot start here (then a `PollingWatcher` does the work).
    init?(root: URL, coalescing: Coalescing) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.root = root
        (changes, continuation) = AsyncStream.makeStream(of: Set<String>.self)
        for folder in FileWatchers.folders(of: root) {
            guard watch(folder) else {
                close(descriptor)
                return nil
            }
        }
        let thread = Thread { [self] in run(coalescing) }
        thread.name = "coursepack-preview-inotify"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    @discardableResult
    private func watch(_ folder: String) -> Bool {
        let path = folder.isEmpty ? root.path : root.appendingPathComponent(folder).path
        let wd = inotify_add_watch(descriptor, path, Self.mask | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW))
        guard wd >= 0 else { return false }
        lock.lock()
        folders[wd] = folder
        lock.unlock()
        return true
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func run(_ coalescing: Coalescing) {
        var collector = BurstCollector(coalescing: coalescing)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !isStopped {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            // woken when the batch is due, not a polling step later: that step was a third of a save's time
            let wait = collector.millisecondsUntilDue(now: BurstCollector.now()) ?? 200
            let ready = poll(&poller, 1, wait)
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 { events(in: buffer, count: count, into: &collector) }
            }
            if let batch = collector.take(now: BurstCollector.now()) { continuation.yield(batch) }
        }
        close(descriptor)
        continuation.finish()
    }

    /// Each `struct inotify_event` of the buffer: wd, mask, cookie, len, then the name (NUL-padded).
    private func events(in buffer: [UInt8], count: Int, into collector: inout BurstCollector) {
        let now = BurstCollector.now()
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (wd, mask, length) = buffer.withUnsafeBytes { bytes -> (Int32, UInt32, Int) in
                let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += header + length
            lock.lock()
            let folder = folders[wd]
            lock.unlock()
            guard let folder else { continue }
            if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                // The folder itself went: report it, so the preview can say so.
                collector.add(folder.isEmpty ? "." : folder, now: now)
                continue
            }
            guard !name.isEmpty, !FileWatchers.isScratch(name) else { continue }
            let path = folder.isEmpty ? name : folder + "/" + name
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
               folder.isEmpty ? ["pages", "locales", "media"].contains(name) : folder.hasPrefix("media") {
                for sub in FileWatchers.folders(of: root) where sub == path || sub.hasPrefix(path + "/") { watch(sub) }
            }
            collector.add(path, now: now)
        }
    }
}
#endif
