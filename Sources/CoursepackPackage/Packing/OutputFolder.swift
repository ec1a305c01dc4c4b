import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder the zips go to. It is checked before the long work starts (a folder that cannot be
/// written is said at once), created only when the first zip is about to be written, and removed again
/// if this pack created it and then wrote nothing: a failed pack leaves the disk as it was.
struct OutputFolder {
    let url: URL
    /// The folders this pack created, outermost first.
    private var created: [String] = []

    init(_ url: URL) throws(PackFailure) {
        self.url = url.standardizedFileURL
        var existing = self.url
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder) {
            existing = existing.deletingLastPathComponent()
        }
        guard isFolder.boolValue else {
            throw .cannotRun("\(existing.path) is a file, not a folder; choose a folder with --out")
        }
        if access(existing.path, W_OK) != 0 {
            let action = existing == self.url ? "write to" : "create a folder in"
            throw .cannotRun(PackageError.system(action, existing.path, errno: errno).description)
        }
    }

    /// Creates the missing folders, one by one with mkdir(2) so that a failure says the system's reason.
    mutating func create() throws(PackFailure) {
        var path = ""
        for component in url.path.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) == 0 { created.append(path); continue }
            let code = errno
            if code == EEXIST { continue }
            removeCreated()
            throw .cannotRun(PackageError.system("create the folder", path, errno: code).description
                + (PackageError.advice(for: code).isEmpty ? "; choose another folder with --out" : ""))
        }
    }

    /// Removes the folders `create` made, innermost first (only if they are still empty).
    func removeCreated() {
        for path in created.reversed() { rmdir(path) }
    }
}
