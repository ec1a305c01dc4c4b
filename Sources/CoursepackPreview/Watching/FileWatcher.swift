import Foundation

/// Something that follows a module folder and reports which files changed, a burst at a time.
///
/// Editors save in bursts: write a temporary file, rename it over the page, touch a backup; a tool may
/// write a file in several pieces. A watcher waits until the folder has been quiet for `quiet` (or
/// `longest` has passed since the first change) and reports every path touched in that time once, as a
/// path relative to the module folder (`pages/01-welcome.md`, `module.yaml`).
public protocol FileWatcher: AnyObject, Sendable {
    /// The batches of changed paths, in order; it finishes when the watcher stops.
    var changes: AsyncStream<Set<String>> { get }
    /// How the watcher learns of changes, for the terminal (`inotify`, `polling every 250 ms`).
    var method: String { get }
    func stop()
}

/// How long a burst of saves is waited out.
public struct Coalescing: Sendable {
    public var quiet: Duration
    public var longest: Duration
    public init(quiet: Duration = .milliseconds(25), longest: Duration = .milliseconds(250)) {
        self.quiet = quiet
        self.longest = longest
    }

    var quietMilliseconds: Int32 { Int32(quiet.components.seconds * 1000 + quiet.components.attoseconds / 1_000_000_000_000_000) }
    var longestSeconds: Double { Double(longest.components.seconds) + Double(longest.components.attoseconds) / 1e18 }
}

public enum FileWatchers {
    /// inotify where the system has it (Linux), polling otherwise or when inotify cannot start (no
    /// watches left, a file system that does not report changes).
    public static func make(for root: URL, coalescing: Coalescing = Coalescing(), polling: Bool = false) -> any FileWatcher {
        #if os(Linux)
        if !polling, let watcher = InotifyWatcher(root: root, coalescing: coalescing) { return watcher }
        #endif
        return PollingWatcher(root: root, coalescing: coalescing)
    }

    /// The folders a module's files live in: the module folder, `pages/`, `locales/` and `media/` with
    /// every folder under it. Hidden folders (`.git`) and links are not followed.
    static func folders(of root: URL) -> [String] {
        var folders = [""]
        for top in ["pages", "locales", "media"] { folders += subfolders(top, of: root, depth: top == "media" ? 8 : 0) }
        return folders
    }

    private static func subfolders(_ relative: String, of root: URL, depth: Int) -> [String] {
        var status = stat()
        guard lstat(root.appendingPathComponent(relative).path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return [] }
        var found = [relative]
        guard depth > 0 else { return found }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(relative).path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
            found += subfolders(relative + "/" + name, of: root, depth: depth - 1)
        }
        return found
    }

    /// Names editors and tools leave beside a file for a moment (backups, swap and temporary files): their
    /// changes are not the module's.
    static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name.hasSuffix(".tmp") || (name.hasPrefix("#") && name.hasSuffix("#")) || name == "4913"
    }
}

/// Collects changed paths and lets them go once the folder has been quiet long enough.
struct BurstCollector {
    let coalescing: Coalescing
    private(set) var pending: Set<String> = []
    private var first: Double = 0
    private var last: Double = 0

    init(coalescing: Coalescing) { self.coalescing = coalescing }

    mutating func add(_ path: String, now: Double) {
        if pending.isEmpty { first = now }
        last = now
        pending.insert(path)
    }

    /// The batch, when it is time to report it.
    mutating func take(now: Double) -> Set<String>? {
        guard !pending.isEmpty else { return nil }
        let quiet = Double(coalescing.quietMilliseconds) / 1000
        guard now - last >= quiet || now - first >= coalescing.longestSeconds else { return nil }
        defer { pending = [] }
        return pending
    }

    /// How long until the batch is due (nil when nothing is pending), rounded up to a millisecond.
    func millisecondsUntilDue(now: Double) -> Int32? {
        guard !pending.isEmpty else { return nil }
        let due = min(last + Double(coalescing.quietMilliseconds) / 1000, first + coalescing.longestSeconds)
        // less a microsecond: the sum of two doubles would otherwise round 15 ms up to 16
        return Int32(max(1, ((due - now) * 1000 - 0.001).rounded(.up)))
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
