import Crypto
import CoursepackLoad
import CoursepackVerify
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 of files on disk, read in chunks (a video is never held whole in memory), on every core.
enum FileDigest {
    static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The record (hash and size) of each file, in the order given.
    static func records(_ files: [URL]) throws(PackFailure) -> [PackageManifest.FileRecord] {
        let results = files.concurrentMap { url -> Result<PackageManifest.FileRecord, PackFailure> in
            do throws(PackFailure) { return .success(try record(url)) } catch { return .failure(error) }
        }
        var records: [PackageManifest.FileRecord] = []
        for result in results {
            switch result {
            case .success(let record): records.append(record)
            case .failure(let error): throw error
            }
        }
        return records
    }

    static func record(_ url: URL) throws(PackFailure) -> PackageManifest.FileRecord {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .cannotRun("\(url.path) is missing; the module refers to it: put it back, or remove the reference, and pack again") }
            throw .cannotRun("could not read \(url.path): \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        // The loader listed a regular file; one swapped since for a named pipe or a device is refused,
        // not waited on (O_NONBLOCK above keeps the open itself from waiting).
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .cannotRun("could not read \(url.path): not a regular file")
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let count = read(descriptor, chunk.baseAddress, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRun("could not read \(url.path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: chunk.baseAddress, count: count))
            size += Int64(count)
        }
        return PackageManifest.FileRecord(sha256: hex(hasher.finalize()), size: size)
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(64)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
