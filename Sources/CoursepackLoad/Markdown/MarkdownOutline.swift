/// What the checker needs to know of a page's Markdown: its headings, its links and images, and its
/// fenced blocks (components and code), each with its place in the file.
public struct MarkdownOutline: Sendable, Hashable {
    public var headings: [Heading] = []
    public var links: [Link] = []
    public var fencedBlocks: [FencedBlock] = []
    /// The blocks of prose, in reading order: what translators translate.
    public var textBlocks: [TextBlock] = []
    /// The first place where the Markdown nests deeper than `MarkdownLimits.depth`, if any.
    public var tooDeep: SourceLocation?

    public init() {}

    /// A heading, paragraph, list item or table cell, with its inline Markdown source.
    public struct TextBlock: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case heading, paragraph, listItem = "list-item", tableCell = "table-cell"
        }
        public let kind: Kind
        /// The inline Markdown as written, soft line breaks as single spaces.
        public let text: String
        public let location: SourceLocation
    }

    public struct Heading: Sendable, Hashable {
        public let level: Int
        public let text: String
        /// The GitHub-style anchor: `## Emergency numbers` is `#emergency-numbers`; a repeated heading
        /// gets `-1`, `-2`... as on GitHub.
        public let anchor: String
        public let location: SourceLocation
    }

    public struct Link: Sendable, Hashable {
        public let destination: String
        public let isImage: Bool
        /// For an image, its alternative text (the link text in `![alt](src)`).
        public let text: String
        public let location: SourceLocation
    }

    public struct FencedBlock: Sendable, Hashable {
        /// The first word of the info string: a component type (`quiz`) or a code language (`yaml`).
        public let info: String
        public let literal: String
        /// The opening fence.
        public let location: SourceLocation
        /// Line and column of the body's first character in the file, minus one, so that a position
        /// inside the body adds up to a position in the file.
        public let bodyLineOffset: Int
        public let bodyColumnOffset: Int
    }
}

/// GitHub's heading anchors: lowercase, punctuation removed, spaces to hyphens; letters of every
/// script are kept, so Arabic and Ukrainian headings get anchors too.
public enum HeadingAnchor {
    public static func slug(_ text: String) -> String {
        if let ascii = asciiSlug(text) { return ascii }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                result.unicodeScalars.append("-")
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic
                        || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The same slug for a heading all in ASCII (most headings of most modules) without Unicode
    /// property look-ups: letters lowercased, digits, `-` and `_` kept, spaces to `-`; nil otherwise.
    private static func asciiSlug(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                bytes.append(byte)
            case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
            default: continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
