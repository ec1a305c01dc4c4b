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
}

/// `close(2)`, named apart from the method of the same name.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(descriptor)
    #else
    return Darwin.close(descriptor)
    #endif
}
