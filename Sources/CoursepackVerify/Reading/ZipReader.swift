import Crypto
import Foundation

/// Reads a package zip without trusting it. The central directory is read first (the listing LMSs and
/// `unzip` use) and every name, type and size checked before a byte of content is: paths that escape
/// (`EntryPath`), links, devices, duplicate and case-colliding names, encrypted entries, limits
/// (`ReadLimits`). Every local header must agree with the central directory and no two entries may
/// share bytes, so that every extractor unpacks the same files; then each entry is streamed (stored
/// or inflated), its size and CRC checked, its SHA-256 computed when the package lists checksums.
/// Memory stays bounded whatever the zip's size: one entry's buffers, and the files asked for.
public enum ZipReader {
    /// What to do with the entries besides checking them.
    public struct Options {
        public var limits = ReadLimits()
        /// Entries whose contents are returned (up to `limits.maxKeptSize`).
        public var keep: (String) -> Bool = { _ in false }
        /// A folder to unpack into (it must exist and be empty); nil to only read.
        public var extractInto: URL?
        /// Nil: hash when the package carries coursepack.json (whose checksums need it).
        public var hashing: Bool?
        /// Entries handed to `visit` once read (pages and style sheets to scan), then dropped, so that
        /// memory does not grow with the package; entries over `limits.maxKeptSize` are not visited.
        public var visitIf: (String) -> Bool = { _ in false }
        public var visit: ((String, Data) -> Void)?
        /// Called after each entry with the bytes unpacked so far and the total to unpack.
        public var progress: ((Int64, Int64) -> Void)?

        public init() {}
    }

    public static func read(_ url: URL, limits: ReadLimits = ReadLimits(),
                            keep: @escaping (String) -> Bool = { _ in false }) throws(ReadFailure) -> PackageArchive {
        var options = Options()
        options.limits = limits
        options.keep = keep
        return try read(url, options: options)
    }

    public static func read(_ url: URL, options: Options) throws(ReadFailure) -> PackageArchive {
        let file = try ReadFile(url.path)
        let name = file.path
        let limits = options.limits
        let directory = try ZipDirectory.read(file, limits: limits)
        try checkNames(directory.entries, file: name)
        try checkSizes(directory.entries, zipSize: file.size, limits: limits, file: name)
        var spans: [EntrySpan] = []
        spans.reserveCapacity(directory.entries.count)
        for (index, entry) in directory.entries.enumerated() {
            spans.append(try LocalHeader.span(entry, index: index, file: file, centralOffset: directory.centralOffset))
        }
        try LocalHeader.refuseOverlaps(spans, entries: directory.entries, file: name)

        let hashing = options.hashing ?? directory.entries.contains { $0.name == PackageManifest.fileName }
        let total = directory.entries.reduce(Int64(0)) { $0 + Int64($1.uncompressedSize) }
        var done: Int64 = 0
        var results = [ArchiveEntry?](repeating: nil, count: directory.entries.count)
        var contents: [String: Data] = [:]
        let stream = EntryStream()
        defer { stream.deallocate() }
        // In the order of the bytes in the file: one pass from start to end.
        for span in spans.sorted(by: { $0.start < $1.start }) {
            let entry = directory.entries[span.index]
            if entry.isFolder {
                if let folder = options.extractInto { try Extraction.makeFolder(entry.name, in: folder) }
                continue
            }
            let visiting = options.visit != nil && entry.uncompressedSize <= UInt64(limits.maxKeptSize) && options.visitIf(entry.name)
            let keeping = options.keep(entry.name) || visiting
            guard !keeping || entry.uncompressedSize <= UInt64(limits.maxKeptSize) else {
                throw ReadFailure(.keptTooLarge, "\(name): '\(EntryPath.printable(entry.name))' is larger than \(limits.maxKeptSize >> 20) MB; refused")
            }
            var kept = Data()
            if keeping { kept.reserveCapacity(Int(entry.uncompressedSize)) }
            var hasher = SHA256()
            var output = try options.extractInto.map { folder throws(ReadFailure) in try Extraction.create(entry.name, in: folder) }
            defer { output?.close() }
            try stream.read(entry, span: span, file: file) { chunk throws(ReadFailure) in
                if hashing { hasher.update(bufferPointer: chunk) }
                if keeping { kept.append(chunk.assumingMemoryBound(to: UInt8.self)) }
                try output?.write(chunk)
            }
            try output?.finish()
            results[span.index] = ArchiveEntry(path: entry.name, size: Int64(entry.uncompressedSize),
                                               sha256: hashing ? Hex.string(hasher.finalize()) : "",
                                               modificationTime: entry.modificationTime, permissions: entry.permissions,
                                               storedSize: Int64(entry.compressedSize), crc32: entry.crc)
            if visiting { options.visit?(entry.name, kept) }
            if keeping && options.keep(entry.name) { contents[entry.name] = kept }
            done += Int64(entry.uncompressedSize)
            options.progress?(done, total)
        }
        return PackageArchive(url: url, source: .zip, fileSize: file.size, entries: results.compactMap { $0 }, contents: contents)
    }

    /// Names, types and collisions, from the central directory alone.
    static func checkNames(_ entries: [CentralEntry], file: String) throws(ReadFailure) {
        var seen: [String: String] = [:]
        var files = Set<String>()
        for entry in entries {
            if let (rule, problem) = EntryPath.problem(entry.name) {
                throw ReadFailure(rule, "\(file): \(problem); the package is refused")
            }
            let shown = EntryPath.printable(entry.name)
            if entry.isEncrypted { throw ReadFailure(.encrypted, "\(file): '\(shown)' is encrypted; packages must not be") }
            switch entry.unixType {
            case nil, 0o100000: break
            case 0o040000 where entry.isFolder: break
            case 0o120000: throw ReadFailure(.link, "\(file): '\(shown)' is a symbolic link; a package holds plain files only, so it is refused")
            default: throw ReadFailure(.specialFile, "\(file): '\(shown)' is not a plain file (a device, a pipe or a socket); the package is refused")
            }
            let path = entry.isFolder ? String(entry.name.dropLast()) : entry.name
            let key = EntryPath.foldKey(path)
            if let other = seen[key] {
                // Bytes, not Swift's canonical equivalence: 'é' and 'e' + U+0301 are two names on disk.
                let same = Array(other.utf8) == Array(path.utf8)
                if same && entry.isFolder { continue }  // a folder listed twice changes nothing
                throw ReadFailure(same ? .duplicate : .caseCollision,
                                  same ? "\(file): '\(shown)' appears twice; the package is refused"
                                  : "\(file): '\(shown)' and '\(EntryPath.printable(other))' differ only in case or Unicode form; on Windows and macOS one overwrites the other, so the package is refused")
            }
            seen[key] = path
            if !entry.isFolder { files.insert(key) }
        }
        // A file and a folder of one name cannot both be unpacked.
        for key in seen.keys {
            var prefix = Substring(key)
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if files.contains(String(prefix)) {
                    throw ReadFailure(.fileFolderClash, "\(file): '\(EntryPath.printable(seen[String(prefix)] ?? String(prefix)))' is a file, and a folder of the same name holds '\(EntryPath.printable(seen[key] ?? key))'; the package is refused")
                }
            }
        }
    }

    /// The sizes the headers declare, before anything is unpacked; the streams are then held to them.
    static func checkSizes(_ entries: [CentralEntry], zipSize: Int64, limits: ReadLimits, file: String) throws(ReadFailure) {
        var total: UInt64 = 0
        for entry in entries {
            let shown = EntryPath.printable(entry.name)
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            total = sum
            guard !overflow, total <= UInt64(limits.maxUnpackedSize) else {
                throw ReadFailure(.tooLarge, "\(file) unpacks to more than the limit of \(limits.maxUnpackedSize) bytes (--max-size); it is refused")
            }
            if entry.uncompressedSize > 1 << 20, entry.uncompressedSize / max(entry.compressedSize, 1) > UInt64(limits.maxRatio) {
                throw ReadFailure(.ratio, "\(file): '\(shown)' would unpack from \(entry.compressedSize) to \(entry.uncompressedSize) bytes, more than \(limits.maxRatio) times (--max-ratio); refused as a zip bomb")
            }
        }
        if total > UInt64(max(zipSize, 1 << 20)) * UInt64(limits.maxRatio) {
            throw ReadFailure(.ratio, "\(file) would unpack from \(zipSize) to \(total) bytes, more than \(limits.maxRatio) times (--max-ratio); refused as a zip bomb")
        }
    }
}
