import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Work that must never be in the way of a save: the checker's rules over the whole module. It runs on
/// a thread of its own at the lowest scheduling priority (nice 19; on Linux a thread's nice value is
/// its own), so that rendering a saved page, the server and the browser on the same cores go first.
/// Swift's task priorities reach Linux's scheduler only as small steps (libdispatch gives a `.utility`
/// thread nice 2, a `.userInitiated` one -2 where it may), and the checker's `concurrentPerform`
/// workers ran at nice 0: the check took nearly its full share of the cores beside a save.
enum BackgroundThread {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                #if os(Linux)
                // 0: the calling thread. A failure leaves the normal priority, which is only slower.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                #endif
                continuation.resume(returning: work())
            }
            thread.start()
        }
    }
}
