import Foundation

/// Follows a module folder by looking at every file's size, time and inode every `interval`: for systems
/// without inotify and file systems that do not report changes (network shares, some containers).
public final class PollingWatcher: FileWatcher, @unchecked Sendable {
    public let changes: AsyncStream<Set<String>>
    public var method: String { "polling every \(Int(interval * 1000)) ms" }
    private let continuation: AsyncStream<Set<String>>.Continuation
    private let root: URL
    private let interval: Double
    private let lock = NSLock()
    private var stopped = false

    struct Stamp: Equatable {
        let size: Int64
        let seconds: Int
        let nanoseconds: Int
        let inode: UInt64
    }

    init(root: URL, coalescing: Coalescing, interval: Double = 0.25) {
        self.root = root
        self.interval = interval
        (changes, continuation) = AsyncStream.makeStream(of: Set<String>.self)
        let thread = Thread { [self] in run(coalescing) }
        thread.name = "coursepack-preview-polling"
        thread.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func run(_ coalescing: Coalescing) {
        var collector = BurstCollector(coalescing: coalescing)
        var known = Self.snapshot(of: root)
        while !isStopped {
            Thread.sleep(forTimeInterval: collector.pending.isEmpty ? interval : Double(coalescing.quietMilliseconds) / 1000)
            let now = Self.snapshot(of: root)
            let time = BurstCollector.now()
            for (path, stamp) in now where known[path] != stamp { collector.add(path, now: time) }
            for path in known.keys where now[path] == nil { collector.add(path, now: time) }
            known = now
            if let batch = collector.take(now: BurstCollector.now()) { continuation.yield(batch) }
        }
        continuation.finish()
    }

    /// Every file of the watched folders with its stamp.
    static func snapshot(of root: URL) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in FileWatchers.folders(of: root) {
            let url = folder.isEmpty ? root : root.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where !FileWatchers.isScratch(name) {
                var status = stat()
                guard lstat(url.appendingPathComponent(name).path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
                stamps[folder.isEmpty ? name : folder + "/" + name] = Stamp(
                    size: Int64(status.st_size), seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec),
                    inode: UInt64(status.st_ino))
            }
        }
        return stamps
    }
}
