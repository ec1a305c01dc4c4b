import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written under a temporary name beside its final place. It becomes visible under the
/// final name only through `commit()`'s rename, so that an interrupted or failed write never leaves a
/// partial file where a reader would take it for a whole one.
public final class PendingFile: @unchecked Sendable {
    public let final: URL
    public let temporary: URL
    private(set) var descriptor: Int32
    private var settled = false

    /// Creates the temporary file (mode 0644 before the umask), failing when the folder cannot be written.
    init(final: URL) throws(PackageError) {
        self.final = final
        let name = ".\(final.lastPathComponent).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).partial"
        temporary = final.deletingLastPathComponent().appendingPathComponent(name)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw PackageError.system("create a file in", final.deletingLastPathComponent().path, errno: errno)
        }
        InterruptCleanup.register(temporary.path)
    }

    /// Closes the descriptor; the file stays under its temporary name.
    func close() throws(PackageError) {
        guard descriptor >= 0 else { return }
        let result = closeDescriptor(descriptor)
        descriptor = -1
        if result != 0 { throw PackageError.system("write", final.path, errno: errno) }
    }

    /// Renames the temporary file to its final name, replacing any file there.
    public func commit() throws(PackageError) {
        try close()
        if rename(temporary.path, final.path) != 0 {
            let code = errno
            discard()
            throw PackageError.system("replace", final.path, errno: code)
        }
        settled = true
        InterruptCleanup.unregister(temporary.path)
    }

    /// Removes the temporary file; the final name is left as it was.
    public func discard() {
        if descriptor >= 0 { _ = closeDescriptor(descriptor); descriptor = -1 }
        guard !settled else { return }
        unlink(temporary.path)
        settled = true
        InterruptCleanup.unregister(temporary.path)
    }

    deinit { discard() }

    /// Removes the temporary files that packs killed beyond any handler's reach (`kill -9`, a power
    /// cut) left in `folder`: only names of the form `PendingFile` gives, `.<name>.zip.<pid>-<n>.partial`,
    /// only regular files of this user, and only when process `<pid>` is gone, so that a pack running at
    /// the same time keeps its files.
    public static func removeAbandoned(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names {
            guard let pid = abandonedOwner(name), pid != getpid(), !isRunning(pid) else { continue }
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid() else { continue }
            unlink(path)
        }
    }

    /// The process id in a temporary zip's name, nil for any other name.
    static func abandonedOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".partial") else { return nil }
        let middle = name.dropFirst().dropLast(".partial".count)
        guard let dot = middle.lastIndex(of: "."), middle[..<dot].hasSuffix(".zip") else { return nil }
        let parts = middle[middle.index(after: dot)...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              UInt32(parts[1]) != nil, let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }

    private static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

/// `close(2)`, named apart from the method of the same name.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(descriptor)
    #else
    return Darwin.close(descriptor)
    #endif
}
