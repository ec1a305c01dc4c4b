import CLibArchive
import Crypto
import Foundation

/// Reads a package zip through libarchive, never trusting it: entries must be plain files with safe,
/// unique names (`EntryPath`); encrypted entries, links and devices are refused; sizes are capped
/// (`ReadLimits`); every entry is read to the end, so its SHA-256 is that of its real bytes.
public enum ZipReader {
    /// Reads `url`; entries for which `keep` is true have their contents returned (up to the limit).
    public static func read(_ url: URL, limits: ReadLimits = ReadLimits(),
                            keep: (String) -> Bool = { _ in false }) throws(ReadFailure) -> PackageArchive {
        let name = url.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: name),
              let fileSize = (attributes[.size] as? NSNumber)?.int64Value
        else { throw ReadFailure("\(name): no such file") }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else { throw ReadFailure("\(name) is not a file") }
        guard let archive = archive_read_new() else { throw ReadFailure("out of memory") }
        defer { archive_read_free(archive) }
        // Zip only, through its central directory (the listing LMSs use); nothing else is read as a package.
        archive_read_support_format_zip_seekable(archive)
        guard archive_read_open_filename(archive, name, 1 << 16) == ARCHIVE_OK else {
            throw ReadFailure("\(name) is not a zip file (\(reason(archive)))")
        }
        var entries: [ArchiveEntry] = []
        var contents: [String: Data] = [:]
        var seen: [String: String] = [:]
        var total: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var header: OpaquePointer?
        while true {
            let status = archive_read_next_header(archive, &header)
            if status == ARCHIVE_EOF { break }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let header else {
                throw ReadFailure("\(name) is damaged: \(reason(archive))")
            }
            guard let rawPath = archive_entry_pathname_utf8(header) ?? archive_entry_pathname(header) else {
                throw ReadFailure("\(name): an entry's name is not valid text")
            }
            let path = String(cString: rawPath)
            if let problem = EntryPath.problem(path) { throw ReadFailure("\(name): \(problem); the package is refused") }
            let type = archive_entry_filetype(header) & 0o170000
            if type == 0o040000 { continue }  // a folder entry: nothing to read
            guard type == 0o100000 else {
                throw ReadFailure("\(name): '\(path)' is not a plain file (a link or a device); the package is refused")
            }
            guard archive_entry_is_encrypted(header) == 0 else {
                throw ReadFailure("\(name): '\(path)' is encrypted; packages must not be")
            }
            let folded = path.lowercased()
            if let other = seen[folded] {
                throw ReadFailure(other == path ? "\(name): '\(path)' appears twice; the package is refused"
                                  : "\(name): '\(path)' and '\(other)' differ only in case; the package is refused")
            }
            seen[folded] = path
            guard entries.count < limits.maxEntries else {
                throw ReadFailure("\(name) has more than \(limits.maxEntries) files; it is refused")
            }
            let keeping = keep(path)
            var kept = Data()
            var hasher = SHA256()
            var size: Int64 = 0
            while true {
                let count = archive_read_data(archive, buffer.baseAddress, buffer.count)
                if count == 0 { break }
                guard count > 0 else { throw ReadFailure("\(name): '\(path)' cannot be read: \(reason(archive))") }
                let chunk = UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)
                hasher.update(bufferPointer: chunk)
                size += Int64(count)
                total += Int64(count)
                if total > limits.maxUnpackedSize || total > max(fileSize, 1 << 20) * limits.maxRatio {
                    throw ReadFailure("\(name) unpacks to more than its limits (\(total) bytes from a \(fileSize)-byte zip): refused as a possible zip bomb")
                }
                if keeping {
                    guard kept.count + count <= limits.maxKeptSize else {
                        throw ReadFailure("\(name): '\(path)' is larger than \(limits.maxKeptSize >> 20) MB; refused")
                    }
                    kept.append(chunk.bindMemory(to: UInt8.self))
                }
            }
            entries.append(ArchiveEntry(path: path, size: size, sha256: Hex.string(hasher.finalize()),
                                        modificationTime: Int(archive_entry_mtime(header)),
                                        permissions: UInt16(archive_entry_perm(header) & 0o7777)))
            if keeping { contents[path] = kept }
        }
        return PackageArchive(url: url, fileSize: fileSize, entries: entries, contents: contents)
    }

    private static func reason(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
    }
}
