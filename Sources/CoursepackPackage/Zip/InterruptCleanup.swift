#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the temporary files of a pack that is interrupted (Ctrl-C, `kill`, a closed terminal), so
/// that nothing partial is left behind. The handler only calls `unlink`, which is safe in a signal
/// handler, on paths kept in a fixed C array (no Swift allocation or locking happens there).
public enum InterruptCleanup {
    private static let capacity = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    nonisolated(unsafe) private static var installed = false

    /// Installs the handlers for SIGINT, SIGTERM and SIGHUP; they clean up, then let the signal take
    /// its usual effect. SIGXFSZ (a file size limit) is ignored so that the write fails with EFBIG and
    /// is reported and cleaned up like any other failed write.
    public static func install() {
        guard !installed else { return }
        installed = true
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            _ = setHandler(signal) { number in
                InterruptCleanup.removeAll()
                _ = setHandler(number, SIG_DFL)
                raise(number)
            }
        }
        _ = setHandler(SIGXFSZ, SIG_IGN)
    }

    static func register(_ path: String) {
        for index in 0..<capacity where slots[index] == nil {
            slots[index] = strdup(path)
            return
        }
    }

    static func unregister(_ path: String) {
        for index in 0..<capacity {
            guard let slot = slots[index], String(cString: slot) == path else { continue }
            slots[index] = nil
            free(slot)
        }
    }

    private static func removeAll() {
        for index in 0..<capacity {
            if let slot = slots[index] { unlink(slot) }
        }
    }
}

/// `signal(2)` with the handler's type spelled out, so that closures convert to C function pointers.
private func setHandler(_ number: Int32, _ handler: (@convention(c) (Int32) -> Void)?) -> (@convention(c) (Int32) -> Void)? {
    signal(number, handler)
}
