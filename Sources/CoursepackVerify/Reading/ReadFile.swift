import Foundation

/// A file opened for reading at any offset (pread), never following a symbolic link.
final class ReadFile {
    let path: String
    let size: Int64
    private let descriptor: Int32

    init(_ path: String) throws(ReadFailure) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            switch errno {
            case ELOOP: throw ReadFailure(.notAZip, "\(path) is a symbolic link; give the file itself")
            case ENOENT: throw ReadFailure(.notAZip, "\(path): no such file")
            default: throw ReadFailure(.notAZip, "\(path): \(String(cString: strerror(errno)))")
            }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw ReadFailure(.notAZip, "\(path) is not a plain file")
        }
        self.descriptor = descriptor
        size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes at `offset`, or a failure saying the zip is cut short.
    func read(_ count: Int, at offset: Int64) throws(ReadFailure) -> [UInt8] {
        guard count >= 0, offset >= 0, offset + Int64(count) <= size else {
            throw ReadFailure(.damaged, "\(path) is damaged: a record points past the end of the file")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        let done = bytes.withUnsafeMutableBytes { into(UnsafeMutableRawBufferPointer($0), at: offset) }
        guard done == count else { throw ReadFailure(.damaged, "\(path) cannot be read at offset \(offset)") }
        return bytes
    }

    /// Fills `buffer` from `offset`; the number of bytes read (short only at the end of the file or on error).
    func into(_ buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            done += count
        }
        return done
    }
}

/// Little-endian fields of a zip record.
struct LittleEndian {
    let bytes: [UInt8]
    let base: Int

    init(_ bytes: [UInt8], at base: Int = 0) {
        self.bytes = bytes
        self.base = base
    }

    func u16(_ offset: Int) -> UInt16 { UInt16(bytes[base + offset]) | UInt16(bytes[base + offset + 1]) << 8 }
    func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }
    func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }
}
