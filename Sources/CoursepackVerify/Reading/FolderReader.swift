import Crypto
import Foundation

/// Reads an unpacked package folder with the same rules as a zip: plain files and folders only (a
/// symbolic link is refused, never followed), names that a zip could carry, the same limits.
enum FolderReader {
    static func read(_ url: URL, options: ZipReader.Options) throws(ReadFailure) -> PackageArchive {
        let root = url.path
        var paths: [String] = []
        try walk(root, relative: "", into: &paths, limits: options.limits)
        paths.sort()
        var seen: [String: String] = [:]
        for path in paths {
            if let (rule, problem) = EntryPath.problem(path) { throw ReadFailure(rule, "\(root): \(problem); the package is refused") }
            let key = EntryPath.foldKey(path)
            if let other = seen[key] {
                throw ReadFailure(.caseCollision, "\(root): '\(EntryPath.printable(path))' and '\(EntryPath.printable(other))' differ only in case or Unicode form; the package is refused")
            }
            seen[key] = path
        }
        let hashing = options.hashing ?? paths.contains(PackageManifest.fileName)
        var entries: [ArchiveEntry] = []
        var contents: [String: Data] = [:]
        var total: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }
        for path in paths {
            let file = try ReadFile(root + "/" + path)
            total += file.size
            guard total <= options.limits.maxUnpackedSize else {
                throw ReadFailure(.tooLarge, "\(root) holds more than the limit of \(options.limits.maxUnpackedSize) bytes (--max-size)")
            }
            let visiting = options.visit != nil && file.size <= Int64(options.limits.maxKeptSize) && options.visitIf(path)
            let keeping = options.keep(path) || visiting
            guard !keeping || file.size <= Int64(options.limits.maxKeptSize) else {
                throw ReadFailure(.keptTooLarge, "\(root): '\(EntryPath.printable(path))' is larger than \(options.limits.maxKeptSize >> 20) MB; refused")
            }
            var hasher = SHA256()
            var kept = Data()
            var offset: Int64 = 0
            if hashing || keeping {
                while offset < file.size {
                    let count = file.into(buffer, at: offset)
                    guard count > 0 else { break }
                    let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                    if hashing { hasher.update(bufferPointer: chunk) }
                    if keeping { kept.append(chunk.assumingMemoryBound(to: UInt8.self)) }
                    offset += Int64(count)
                }
            }
            var info = stat()
            let modified = stat(root + "/" + path, &info) == 0 ? Int(info.st_mtim.tv_sec) : 0
            entries.append(ArchiveEntry(path: path, size: file.size, sha256: hashing ? Hex.string(hasher.finalize()) : "",
                                        modificationTime: modified, permissions: UInt16(info.st_mode & 0o7777), storedSize: file.size))
            if visiting { options.visit?(path, kept) }
            if keeping && options.keep(path) { contents[path] = kept }
        }
        return PackageArchive(url: url, source: .folder, fileSize: total, entries: entries, contents: contents)
    }

    private static func walk(_ root: String, relative: String, into paths: inout [String], limits: ReadLimits) throws(ReadFailure) {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw ReadFailure(.notAZip, "\(folder) cannot be read")
        }
        for name in names.sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(root + "/" + path, &info) == 0 else { throw ReadFailure(.notAZip, "\(root)/\(path) cannot be read") }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try walk(root, relative: path, into: &paths, limits: limits)
            case S_IFREG:
                paths.append(path)
                guard paths.count <= limits.maxEntries else {
                    throw ReadFailure(.tooManyEntries, "\(root) holds more than \(limits.maxEntries) files (--max-entries); it is refused")
                }
            case S_IFLNK: throw ReadFailure(.link, "\(root): '\(EntryPath.printable(path))' is a symbolic link; a package holds plain files only")
            default: throw ReadFailure(.specialFile, "\(root): '\(EntryPath.printable(path))' is not a plain file (a device, a pipe or a socket)")
            }
        }
    }
}

/// Any package: a zip, an unpacked folder, or a bare cmi5.xml.
public enum PackageReader {
    public static func read(_ url: URL, options: ZipReader.Options) throws(ReadFailure) -> PackageArchive {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { throw ReadFailure(.notAZip, "\(url.path): no such file or folder") }
        if info.st_mode & S_IFMT == S_IFDIR { return try FolderReader.read(url, options: options) }
        if url.pathExtension.lowercased() == "xml" {
            let file = try ReadFile(url.path)
            guard file.size <= Int64(options.limits.maxKeptSize) else {
                throw ReadFailure(.keptTooLarge, "\(url.path) is larger than \(options.limits.maxKeptSize >> 20) MB; refused")
            }
            let data = Data(try file.read(Int(file.size), at: 0))
            let name = "cmi5.xml"
            let entry = ArchiveEntry(path: name, size: file.size, sha256: "", modificationTime: 0, permissions: 0o644, storedSize: file.size)
            return PackageArchive(url: url, source: .courseStructure, fileSize: file.size, entries: [entry], contents: [name: data])
        }
        return try ZipReader.read(url, options: options)
    }
}
