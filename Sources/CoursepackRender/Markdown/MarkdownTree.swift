/// A page's Markdown as plain Swift values, read once from cmark-gfm's tree so that rendering never
/// touches C pointers and translations can be swapped in block by block.
indirect enum MarkdownBlock: Sendable, Equatable {
    case paragraph([MarkdownInline], at: TextPosition)
    case heading(level: Int, [MarkdownInline], at: TextPosition)
    case blockQuote([MarkdownBlock])
    case list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]])
    /// A fenced or indented code block; `info` is the first word of a fence's info string
    /// (a component type such as `quiz`, or a code language), empty for indented code.
    case code(info: String, literal: String, fenced: Bool, at: TextPosition)
    case html(String)
    case thematicBreak
    case table(MarkdownTable)
}

struct MarkdownTable: Sendable, Equatable {
    enum Alignment: Sendable, Equatable { case none, left, center, right }
    struct Cell: Sendable, Equatable {
        var content: [MarkdownInline]
        var position: TextPosition
    }
    struct Row: Sendable, Equatable {
        var isHeader: Bool
        var cells: [Cell]
    }
    var alignments: [Alignment]
    var rows: [Row]
}

indirect enum MarkdownInline: Sendable, Equatable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case html(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case strikethrough([MarkdownInline])
    case link(destination: String, title: String, [MarkdownInline])
    case image(source: String, title: String, alt: [MarkdownInline])
}

/// Where a block starts in its file: a 1-based line and a column counted in Unicode scalars, the way
/// `CoursepackLoad` records the locations of extracted units.
struct TextPosition: Sendable, Hashable {
    var line: Int
    var column: Int
}

extension MarkdownInline {
    /// The text without markup, as a screen reader would read it (used for alt text and comparisons).
    static func plainText(_ inlines: [MarkdownInline]) -> String {
        var result = ""
        for inline in inlines {
            switch inline {
            case .text(let text), .code(let text): result += text
            case .softBreak, .lineBreak: result += " "
            case .html: break
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .link(_, _, let children), .image(_, _, let children):
                result += plainText(children)
            }
        }
        return result
    }
}
