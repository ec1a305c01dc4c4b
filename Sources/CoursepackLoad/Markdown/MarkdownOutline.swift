/// What the checker needs to know of a page's Markdown: its headings, its links and images, and its
/// fenced blocks (components and code), each with its place in the file.
public struct MarkdownOutline: Sendable, Hashable {
    public var headings: [Heading] = []
    public var links: [Link] = []
    public var fencedBlocks: [FencedBlock] = []
    /// The blocks of prose, in reading order: what translators translate.
    public var textBlocks: [TextBlock] = []

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
}
