import Foundation
import JSONSchema

/// One file of a package before it is zipped: its path in the package, and where its bytes come from.
/// Files are never copied into a staging folder: media are streamed from the module folder when the
/// zip is written.
public struct StagedEntry: Sendable {
    public enum Content: Sendable {
        /// Bytes made by the packer (documents, manifests, coursepack.json).
        case data(Data)
        /// A file on disk (media, player files) with its size when it was staged.
        case file(URL, size: Int64)
    }

    /// Package-relative, forward slashes, no `..` (docs/package-layout.md).
    public let path: String
    public let content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }

    public var size: Int64 {
        switch content {
        case .data(let data): return Int64(data.count)
        case .file(_, let size): return size
        }
    }

    /// The order of entries in every package: by the bytes of their paths, so that it does not
    /// depend on the machine's locale or on the order in which a folder was listed.
    public static func inPackageOrder(_ a: StagedEntry, _ b: StagedEntry) -> Bool {
        a.path.precedesInUTF8(b.path)
    }
}
