/// Why a package could not be written, said for a person: what went wrong, where, and what to do.
public struct PackageError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// A failed system call on a file, with the system's own reason.
    static func system(_ action: String, _ path: String, errno code: Int32) -> PackageError {
        PackageError("could not \(action) \(path): \(String(cString: strerror(code)))\(advice(for: code))")
    }

    static func advice(for code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: return "; free some space on that disk or choose another folder with --out"
        case EACCES, EPERM, EROFS: return "; choose a folder you can write to with --out"
        case EFBIG: return "; the file is larger than this system allows (ulimit -f)"
        default: return ""
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
