import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether an address can be listened on, asked before the server starts, so that a port in use is
/// said in one sentence rather than as a stack of the server library's errors.
enum ListenCheck {
    static func check(host: String, port: Int) -> PreviewError? {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            return .cannotListen("cannot listen on \(host): no such address on this machine (give --host an address such as 127.0.0.1)")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return .cannotListen("cannot listen on \(host):\(port): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let code = errno
            if code == EADDRINUSE {
                return .cannotListen("port \(port) on \(host) is in use by another program: choose another with --port, or --port 0 for any free one")
            }
            if code == EACCES {
                return .cannotListen("port \(port) on \(host) needs privileges: choose a port above 1023 with --port")
            }
            return .cannotListen("cannot listen on \(host):\(port): \(String(cString: strerror(code)))")
        }
        return nil
    }
}
