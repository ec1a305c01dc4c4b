import CLibArchive
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a zip through libarchive so that the same entries always give the same bytes: entries in
/// the order given (the caller sorts them), one fixed modification time, mode 0644, owner 0, no
/// directory entries. File contents are streamed in fixed-size chunks, so a large video is never held
/// in memory, and written to disk on a second thread (`WriteBehind`). The zip is written under a
/// temporary name beside its destination (see `PendingFile`).
final class ZipWriter {
    private let archive: OpaquePointer
    private let output: PendingFile
    private let modificationTime: Int
    private let sink: WriteBehind
    private var previousPath: String?
    private var finished = false

    /// Chunk size of the streamed copy: large enough that system calls do not dominate, small enough
    /// to keep memory flat.
    static let chunkSize = 1 << 20

    init(destination: URL, modificationTime: Int) throws(PackageError) {
        // libarchive stores a zip entry's DOS date in local time; fixing the time zone makes the bytes the
        // same on every machine (the exact time is also kept, as UTC, in the "UT" extra field).
        setenv("TZ", "UTC0", 1)
        tzset()
        output = try PendingFile(final: destination)
        self.modificationTime = modificationTime
        guard let archive = archive_write_new() else {
            output.discard()
            throw PackageError("could not start a zip: out of memory")
        }
        self.archive = archive
        sink = WriteBehind(descriptor: output.descriptor, bufferSize: Self.chunkSize)
        // No padding of the last block: a zip ends where its central directory ends.
        guard archive_write_set_format_zip(archive) == ARCHIVE_OK,
              // The text deflated is a few megabytes that compress well at any level; the fastest
              // level keeps it off the critical path of a large pack (about a tenth of a second on
              // 2,000 pages) for a few percent of size.
              archive_write_set_format_option(archive, "zip", "compression-level", "1") == ARCHIVE_OK,
              // Names are UTF-8, and say so (general purpose bit 11), whatever the process's locale:
              // without the flag, readers take a non-ASCII name as CP437.
              archive_write_set_format_option(archive, "zip", "hdrcharset", "UTF-8") == ARCHIVE_OK,
              archive_write_set_bytes_per_block(archive, 0) == ARCHIVE_OK,
              archive_write_set_bytes_in_last_block(archive, 1) == ARCHIVE_OK,
              archive_write_open2(archive, Unmanaged.passUnretained(sink).toOpaque(), nil, writeToSink, nil, nil) == ARCHIVE_OK
        else {
            let reason = Self.reason(archive)
            abandon()
            throw PackageError("could not start the zip \(destination.path): \(reason)")
        }
    }

    deinit {
        if !finished { abandon() }
    }

    /// Adds one entry. Entries must come in package order, each path once.
    func add(_ entry: StagedEntry) throws(PackageError) {
        guard !finished else { throw PackageError("internal error: the zip is already closed") }
        if let previous = previousPath, !StagedEntry.inPackageOrder(StagedEntry(path: previous, content: .data(Data())), entry) {
            throw failure("internal error: zip entries out of order or repeated (\(previous), \(entry.path))")
        }
        previousPath = entry.path
        try writeHeader(path: entry.path, size: entry.size, compression: ZipCompression.forPath(entry.path))
        switch entry.content {
        case .data(let data):
            // Data's withUnsafeBytes rethrows untyped errors: carry the failure out as a value.
            let failure = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> PackageError? in
                do throws(PackageError) { try write(bytes, entry: entry.path) } catch { return error }
                return nil
            }
            if let failure { throw failure }
        case .file(let url, let size):
            try stream(url, expectedSize: size, entry: entry.path)
        }
        guard archive_write_finish_entry(archive) == ARCHIVE_OK else { throw writeFailure(entry.path) }
    }

    /// Writes the central directory and closes the file; the result is still under its temporary name.
    func finish() throws(PackageError) -> PendingFile {
        finished = true
        let closed = archive_write_close(archive)
        var problem = closed == ARCHIVE_OK ? nil : Self.reason(archive) + PackageError.advice(for: archive_errno(archive))
        archive_write_free(archive)
        // The last writes (the central directory) may still be queued, and may fail.
        if let failed = sink.finish(), problem == nil {
            problem = "Write error: \(String(cString: strerror(failed)))\(PackageError.advice(for: failed))"
        }
        if let problem {
            output.discard()
            throw PackageError("could not write \(output.final.path): \(problem)")
        }
        do { try output.close() } catch {
            output.discard()
            throw error
        }
        return output
    }

    /// Stops writing and removes the temporary file.
    func abandon() {
        finished = true
        archive_write_free(archive)
        // No queued write may reach the descriptor once it is closed (its number could be reused).
        _ = sink.finish()
        output.discard()
    }

    private func writeHeader(path: String, size: Int64, compression: ZipCompression) throws(PackageError) {
        guard let header = archive_entry_new() else { throw failure("out of memory") }
        defer { archive_entry_free(header) }
        archive_entry_set_pathname_utf8(header, path)
        archive_entry_set_filetype(header, 0o100000)  // AE_IFREG
        archive_entry_set_perm(header, 0o644)
        archive_entry_set_size(header, size)
        archive_entry_set_mtime(header, time_t(modificationTime), 0)
        // The per-entry choice: `archive_write_set_format_option(…"compression"…)` is refused once the
        // archive is open (libarchive accepts options only in its "new" state), these two are not.
        let chosen = compression == .store ? archive_write_zip_set_compression_store(archive)
            : archive_write_zip_set_compression_deflate(archive)
        guard chosen == ARCHIVE_OK else {
            throw failure("libarchive refused zip:compression=\(compression.rawValue): \(Self.reason(archive))")
        }
        guard archive_write_header(archive, header) == ARCHIVE_OK else { throw writeFailure(path) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, entry: String) throws(PackageError) {
        var offset = 0
        while offset < bytes.count {
            let length = min(Self.chunkSize, bytes.count - offset)
            let written = archive_write_data(archive, bytes.baseAddress! + offset, length)
            guard written > 0 else { throw writeFailure(entry) }
            offset += written
        }
    }

    private func stream(_ url: URL, expectedSize: Int64, entry: String) throws(PackageError) {
        // O_NONBLOCK and the check after: a file swapped for a named pipe since it was hashed is refused,
        // never waited on.
        let input = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard input >= 0 else { throw failure(PackageError.system("read", url.path, errno: errno).description) }
        defer { close(input) }
        var status = stat()
        guard fstat(input, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw failure("could not read \(url.path): not a regular file")
        }
        var total: Int64 = 0
        while true {
            let lease = sink.borrow()
            defer { sink.giveBack(lease) }
            let count = read(input, lease.buffer.baseAddress, lease.buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(PackageError.system("read", url.path, errno: errno).description)
            }
            if count == 0 { break }
            total += Int64(count)
            guard total <= expectedSize else { break }
            try write(UnsafeRawBufferPointer(start: lease.buffer.baseAddress, count: count), entry: entry)
        }
        guard total == expectedSize else {
            throw failure("\(url.path) changed while it was being packed (\(expectedSize) bytes expected); pack again")
        }
    }

    /// A failure of the archive itself (most often the disk: full, read-only, removed).
    private func writeFailure(_ entry: String) -> PackageError {
        let code = archive_errno(archive)
        let message = "could not write \(output.final.lastPathComponent) (at \(entry)): \(Self.reason(archive))\(PackageError.advice(for: code))"
        abandon()
        return PackageError(message)
    }

    private func failure(_ message: String) -> PackageError {
        abandon()
        return PackageError(message)
    }

    /// libarchive's message ("Write error") with the system's reason ("No space left on device").
    private static func reason(_ archive: OpaquePointer) -> String {
        let code = archive_errno(archive)
        let system = code > 0 ? String(cString: strerror(code)) : nil
        guard let text = archive_error_string(archive).map({ String(cString: $0) }) else { return system ?? "unknown error" }
        guard let system, !text.contains(system) else { return text }
        return "\(text): \(system)"
    }
}

/// libarchive's write callback: hands the bytes to the zip's `WriteBehind`; a failed write is reported
/// the way libarchive's own file writer reports one ("Write error" with the system's code).
private func writeToSink(_ archive: OpaquePointer?, _ client: UnsafeMutableRawPointer?, _ bytes: UnsafeRawPointer?,
                         _ count: Int) -> la_ssize_t {
    guard let client else { return -1 }
    let sink = Unmanaged<WriteBehind>.fromOpaque(client).takeUnretainedValue()
    let written = sink.write(UnsafeRawBufferPointer(start: bytes, count: count))
    if written < 0, let archive { coursepack_archive_set_error(archive, errno, "Write error") }
    return la_ssize_t(written)
}
