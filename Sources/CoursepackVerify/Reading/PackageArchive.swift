import Foundation

/// One file inside a package, as read: its size and CRC come from its actual bytes, checked against
/// what the zip's headers claim; its SHA-256 is computed when the package carries coursepack.json.
public struct ArchiveEntry: Sendable, Equatable {
    public let path: String
    public let size: Int64
    /// Empty when no hash was needed (a package that lists no checksums).
    public let sha256: String
    /// Seconds since 1970, as the zip records it.
    public let modificationTime: Int
    public let permissions: UInt16
    /// Bytes the entry takes in the zip (its compressed size).
    public let storedSize: Int64
    /// The CRC-32 of its bytes, checked against the zip's headers (0 for a file of a folder).
    public let crc32: UInt32

    public init(path: String, size: Int64, sha256: String, modificationTime: Int, permissions: UInt16, storedSize: Int64,
                crc32: UInt32 = 0) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.modificationTime = modificationTime
        self.permissions = permissions
        self.storedSize = storedSize
        self.crc32 = crc32
    }
}

/// What a package was read from.
public enum PackageSourceKind: String, Sendable, Codable {
    /// A zip file.
    case zip
    /// An unpacked folder.
    case folder
    /// A bare cmi5.xml (cmi5 lets an LMS import one whose AUs are elsewhere).
    case courseStructure
}

/// A package read end to end: every entry's size and hash, and the contents of the small files that
/// were asked for (manifests, coursepack.json, text files for the checks).
public struct PackageArchive: Sendable {
    public let url: URL
    public let source: PackageSourceKind
    /// The zip file's own size in bytes (for a folder: the total of its files).
    public let fileSize: Int64
    /// In the order they appear in the zip's central directory (a folder: sorted by path).
    public let entries: [ArchiveEntry]
    /// Contents of the entries kept while reading, by path.
    public let contents: [String: Data]

    public init(url: URL, source: PackageSourceKind = .zip, fileSize: Int64, entries: [ArchiveEntry], contents: [String: Data]) {
        self.url = url
        self.source = source
        self.fileSize = fileSize
        self.entries = entries
        self.contents = contents
    }

    public func entry(_ path: String) -> ArchiveEntry? { entries.first { $0.path == path } }

    /// Total of the entries' sizes once unpacked.
    public var unpackedSize: Int64 { entries.reduce(0) { $0 + $1.size } }
}

/// Limits that keep a hostile zip from filling the disk or the memory of whoever reads it. Each has a
/// flag on `verify` and `import` (docs/verify.md).
public struct ReadLimits: Sendable {
    /// Files in one package (`--max-entries`).
    public var maxEntries = 50_000
    /// Bytes once unpacked (`--max-size`).
    public var maxUnpackedSize: Int64 = 8 << 30
    /// Unpacked over packed size, for an entry and for the whole zip (`--max-ratio`): deflate cannot
    /// pass about 1,032, a zip bomb claims more or overlaps entries to get there.
    public var maxRatio: Int64 = 1_000
    /// A kept file (manifest, coursepack.json, a text file) is read into memory only up to this size.
    public var maxKeptSize = 64 << 20

    public init() {}
}

/// Why a package could not be read, for a person, with the rule (docs/verify.md) that refused it.
public struct ReadFailure: Error, CustomStringConvertible, Sendable {
    public let rule: ReadRule
    public let description: String

    public init(_ rule: ReadRule, _ description: String) {
        self.rule = rule
        self.description = description
    }
}

/// The reasons a package is refused before any of its content is looked at; stable ids, listed in
/// docs/verify.md.
public enum ReadRule: String, Sendable, Codable, CaseIterable {
    case notAZip = "zip-not-a-zip"
    case damaged = "zip-damaged"
    case ambiguousEnd = "zip-ambiguous-end"
    case multiDisk = "zip-multi-disk"
    case emptyName = "zip-empty-name"
    case absolutePath = "zip-absolute-path"
    case climbsOut = "zip-climbs-out"
    case backslash = "zip-backslash"
    case driveLetter = "zip-drive-letter"
    case controlCharacter = "zip-control-character"
    case oddSegment = "zip-odd-segment"
    case nameNotUTF8 = "zip-name-not-utf8"
    case nameMismatch = "zip-name-mismatch"
    case link = "zip-link"
    case specialFile = "zip-special-file"
    case duplicate = "zip-duplicate-name"
    case caseCollision = "zip-case-collision"
    case fileFolderClash = "zip-file-folder-clash"
    case encrypted = "zip-encrypted"
    case method = "zip-unsupported-method"
    case tooManyEntries = "zip-too-many-entries"
    case tooLarge = "zip-too-large"
    case ratio = "zip-ratio"
    case headerMismatch = "zip-header-mismatch"
    case overlap = "zip-overlap"
    case sizeMismatch = "zip-size-mismatch"
    case crc = "zip-crc"
    case keptTooLarge = "zip-file-too-large"
}
