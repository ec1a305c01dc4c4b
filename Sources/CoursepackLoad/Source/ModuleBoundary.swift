import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a module's files must stay inside: the module folder itself, or a wider folder named with
/// `--root` (a repository whose shared media the module links to). A module from a partner is a
/// stranger's folder: a symbolic link in it must not make the tool read, print or pack `/etc/passwd` or a
/// key under `~/.ssh`, and a named pipe must not make it wait forever.
public struct ModuleBoundary: Sendable, Equatable {
    /// The real path (every link resolved) of the folder nothing may be read outside of.
    public let realRoot: String

    /// `root` must exist; its links are resolved once, here.
    public init?(_ root: URL) {
        guard let real = Self.realPath(root.path) else { return nil }
        realRoot = real
    }

    /// Whether a real path lies inside the boundary (the boundary itself included).
    public func contains(realPath: String) -> Bool {
        realRoot == "/" || realPath == realRoot || realPath.hasPrefix(realRoot + "/")
    }

    /// What a path in the module is, after its links are followed, when it may be read at all.
    public enum Kind: Sendable, Equatable { case file, folder }

    /// Why a path of the module may not be read.
    public enum Refusal: Error, Sendable, Equatable {
        /// A symbolic link (this one or one on the way) leads outside the boundary.
        case leavesBoundary
        /// A named pipe, a device or a socket: reading it could block forever or read a device.
        case special(String)
        /// A broken link, a link loop, missing permission: the system's reason.
        case unreadable(String)
    }

    /// Checks the path `relative` of the module at `moduleRoot`: its links resolved (never opened), it
    /// must stay inside the boundary and be a regular file or a folder.
    public func check(_ relative: String, in moduleRoot: URL) -> Result<(kind: Kind, realPath: String), Refusal> {
        check(path: moduleRoot.appendingPathComponent(relative).path, parentRealPath: nil)
    }

    /// The same for an absolute path.
    public func check(path: String) -> Result<(kind: Kind, realPath: String), Refusal> {
        check(path: path, parentRealPath: nil)
    }

    /// The same for `name` in a folder whose real path is known (a walk's folder): an entry that is no
    /// link costs one `lstat`.
    func check(_ name: String, inRealFolder folder: String) -> Result<(kind: Kind, realPath: String), Refusal> {
        check(path: folder + "/" + name, parentRealPath: folder)
    }

    private func check(path: String, parentRealPath: String?) -> Result<(kind: Kind, realPath: String), Refusal> {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .failure(.unreadable(Self.reason(errno))) }
        let real: String
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = Self.realPath(path) else {
                let code = errno
                return .failure(.unreadable(code == ELOOP ? "a symbolic link loop" : code == ENOENT ? "a broken symbolic link" : Self.reason(code)))
            }
            real = resolved
            guard contains(realPath: real) else { return .failure(.leavesBoundary) }
            guard stat(real, &info) == 0 else { return .failure(.unreadable(Self.reason(errno))) }
        } else if parentRealPath != nil {
            real = path
        } else {
            // Not a link itself, but a folder on the way may be one (`pages -> /etc`).
            guard let resolved = Self.realPath(path) else { return .failure(.unreadable(Self.reason(errno))) }
            real = resolved
            guard contains(realPath: real) else { return .failure(.leavesBoundary) }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .success((.file, real))
        case S_IFDIR: return .success((.folder, real))
        default: return .failure(.special(Self.kindName(info.st_mode)))
        }
    }

    /// What a file that is neither a regular file nor a folder is, for a message.
    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a named pipe"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return "not a regular file"
        }
    }

    /// The diagnostic for a refused path, located at the path itself; it never quotes what the link
    /// points at nor anything read from there.
    public static func diagnostic(_ refusal: Refusal, at relative: String) -> Diagnostic {
        let here = SourceLocation(file: relative)
        switch refusal {
        case .leavesBoundary:
            return Diagnostic(.linkLeavesModule, at: here,
                              "this symbolic link leads outside the module folder; it is not read",
                              hint: "copy the file into the module, or, for media shared in one repository, pass --root with the folder that holds both")
        case .special(let kind):
            return Diagnostic(.specialFile, at: here, kind == "not a regular file" ? "this is not a regular file; it is not read" : "this is \(kind), not a regular file; it is not read",
                              hint: "replace it with a regular file, or remove it from the module")
        case .unreadable(let reason):
            return Diagnostic(.unreadablePath, at: here, "this path cannot be read: \(reason)",
                              hint: "remove the link or point it at a real file")
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }
}
