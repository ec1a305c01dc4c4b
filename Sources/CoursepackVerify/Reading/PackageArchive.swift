import Foundation

/// One file inside a package, as read: its size and SHA-256 come from its actual bytes, not from what
/// the zip's headers claim.
public struct ArchiveEntry: Sendable, Equatable {
    public let path: String
    public let size: Int64
    public let sha256: String
    /// Seconds since 1970, as the zip records it.
    public let modificationTime: Int
    public let permissions: UInt16
}

/// A package zip read end to end: every entry's size and hash, and the contents of the small files that
/// were asked for (manifests, coursepack.json, text files for the checks).
public struct PackageArchive: Sendable {
    public let url: URL
    /// The zip file's own size in bytes.
    public let fileSize: Int64
    /// In the order they appear in the zip.
    public let entries: [ArchiveEntry]
    /// Contents of the entries kept while reading, by path.
    public let contents: [String: Data]

    public func entry(_ path: String) -> ArchiveEntry? { entries.first { $0.path == path } }

    /// Total of the entries' sizes once unpacked.
    public var unpackedSize: Int64 { entries.reduce(0) { $0 + $1.size } }
}

/// Limits that keep a hostile zip from filling the disk or the memory of whoever reads it.
public struct ReadLimits: Sendable {
    public var maxEntries = 200_000
    public var maxUnpackedSize: Int64 = 32 << 30
    /// Unpacked size over the zip's own size: a zip bomb has ratios of thousands.
    public var maxRatio: Int64 = 1_000
    /// A kept file (manifest, coursepack.json, a text file) is read into memory only up to this size.
    public var maxKeptSize = 64 << 20

    public init() {}
}

/// Why a zip could not be read, for a person.
public struct ReadFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
