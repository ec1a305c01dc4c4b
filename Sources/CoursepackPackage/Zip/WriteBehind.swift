import CWriteback
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output end of a zip: writes the archive's bytes to the file on a second thread, so that the
/// `write(2)` of one megabyte of a media file overlaps with reading and checksumming the next one
/// (on a large pack the two take about as long as each other, and nothing else is left to run by then).
///
/// Media is read into one of a few buffers lent by this object (`borrow`). libarchive hands a stored
/// entry's bytes straight back to `write` without copying them, so a write from a lent buffer is only
/// queued; the buffer is lent again once every write queued before its return is done. Bytes from
/// anywhere else (libarchive's headers, deflated text, the central directory) may be reused as soon as
/// `write` returns, so they are written at once, after whatever is queued. Writes therefore reach the
/// file in the order libarchive made them. The first failed write is kept, every later `write` fails
/// with it, and `finish` reports it: nothing is lost silently.
///
/// Every few megabytes written, the kernel is asked to start writing them to disk (on Linux, from a
/// third thread that never holds up the other two). A large package then does not pile up hundreds of
/// megabytes of dirty pages, which a file system flushes all at once when the finished zip is renamed
/// over an older one (ext4 does, to keep a replaced file from being lost in a crash): that flush took
/// a quarter of a second at the end of a 500 MB pack.
final class WriteBehind: @unchecked Sendable {
    /// A buffer to read into, lent until `giveBack`.
    struct Lease {
        fileprivate let index: Int
        let buffer: UnsafeMutableRawBufferPointer
    }

    private let descriptor: Int32
    private let queue = DispatchQueue(label: "coursepack.zip.write-behind", qos: .userInitiated)
    /// Starts the writeback of what is written, a few megabytes at a time (see `writeAll`).
    private let flusher = DispatchQueue(label: "coursepack.zip.writeback", qos: .utility)
    private let buffers: [UnsafeMutableRawBufferPointer]
    /// One per buffer: signalled when the buffer may be filled again.
    private let free: [DispatchSemaphore]
    private var nextBuffer = 0
    /// The buffer being read into and passed through libarchive, if any (the caller's thread only).
    private var lent: Int?
    private let lock = NSLock()
    /// `errno` of the first failed write, 0 while every write has succeeded (guarded by `lock`).
    private var failedWith: Int32 = 0
    /// Set by `finish`: writeback not yet started is left to the system (guarded by `lock`).
    private var finishing = false
    /// Bytes written so far, and where the part not yet handed to writeback starts (writing thread only).
    private var written = 0
    private var writebackStart = 0
    static let writebackStep = 8 << 20

    /// Three buffers: one being filled, one being written, one spare so that neither waits on the other
    /// at every turn.
    init(descriptor: Int32, bufferSize: Int, bufferCount: Int = 3) {
        self.descriptor = descriptor
        buffers = (0..<bufferCount).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 4096) }
        free = buffers.map { _ in DispatchSemaphore(value: 1) }
    }

    deinit {
        // Every queued write refers to a buffer freed here, and the descriptor must outlive the
        // writeback requests: wait for them first.
        _ = finish()
        for buffer in buffers { buffer.deallocate() }
    }

    /// The next buffer to fill, once the writes from its previous filling are done.
    func borrow() -> Lease {
        let index = nextBuffer
        nextBuffer = (nextBuffer + 1) % buffers.count
        free[index].wait()
        lent = index
        return Lease(index: index, buffer: buffers[index])
    }

    /// Ends a lease: the buffer is free again once the writes queued so far (some of them from it) are done.
    func giveBack(_ lease: Lease) {
        lent = nil
        let semaphore = free[lease.index]
        queue.async { semaphore.signal() }
    }

    /// libarchive's write callback: takes all of `bytes`, or returns -1 with `errno` set once a write has failed.
    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        if let code = failure {
            errno = code
            return -1
        }
        if let lent, let start = bytes.baseAddress, let base = buffers[lent].baseAddress,
           start >= UnsafeRawPointer(base), start + bytes.count <= UnsafeRawPointer(base) + buffers[lent].count {
            let queued = QueuedBytes(bytes: bytes)
            queue.async { self.writeAll(queued.bytes) }
        } else {
            queue.sync { self.writeAll(bytes) }
            if let code = failure {
                errno = code
                return -1
            }
        }
        return bytes.count
    }

    /// Waits for every queued write; returns the `errno` of the first one that failed, if any.
    func finish() -> Int32? {
        queue.sync {}
        lock.withLock { finishing = true }
        flusher.sync {}
        return failure
    }

    private var failure: Int32? {
        let code = lock.withLock { failedWith }
        return code == 0 ? nil : code
    }

    /// On the writing thread: the whole of `bytes`, across short writes and interruptions.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let count = systemWrite(descriptor, next, remaining)
            if count <= 0 {
                if count < 0, errno == EINTR { continue }
                // write(2) returns 0 for a regular file only when it cannot go on: report it as an I/O error.
                let code = count < 0 ? errno : EIO
                lock.withLock { failedWith = code }
                return
            }
            next += count
            remaining -= count
        }
        written += bytes.count
        if written - writebackStart >= Self.writebackStep {
            let (start, length) = (Int64(writebackStart), Int64(written - writebackStart))
            flusher.async { [self] in
                // Once the zip is finishing, what is left goes to disk the usual way.
                guard !lock.withLock({ finishing }) else { return }
                _ = coursepack_start_writeback(descriptor, start, length)
            }
            writebackStart = written
        }
    }
}

/// Bytes in a lent buffer, on their way to the writing thread; the lease keeps them valid until written.
private struct QueuedBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}

/// `write(2)`, named apart from the method of the same name.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
    #else
    return Darwin.write(descriptor, bytes, count)
    #endif
}
