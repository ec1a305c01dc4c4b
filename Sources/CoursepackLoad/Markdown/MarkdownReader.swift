import CCmarkGFM
import Foundation

/// Parses a page's Markdown with cmark-gfm (CommonMark plus GitHub tables, strikethrough and autolinks)
/// and collects its outline with source positions.
public enum MarkdownReader {
    /// cmark-gfm keeps a global registry of extensions; registering is idempotent but not thread-safe.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm's extensions keep process-wide tables (inline special characters) that attaching an
    /// extension to a parser rewrites, so parsers must not run at the same time. Pages still load in
    /// parallel; only this step takes turns.
    private static let lock = NSLock()

    public static func outline(of text: String, file: String) -> MarkdownOutline {
        var text = text
        return text.withUTF8 { utf8 in
            guard let document = parseDocument(utf8) else { return MarkdownOutline() }
            defer { cmark_node_free(document) }
            // The tree is the caller's own: walking it needs no lock.
            return collect(document, columns: ColumnMap(utf8), file: file)
        }
    }

    /// The cmark-gfm document of UTF-8 Markdown, with source positions and the extensions every stage
    /// reads pages with (tables, strikethrough, autolinks), parsed under the one process-wide lock; the
    /// caller owns the tree and frees it with `cmark_node_free`. The renderer parses through here too,
    /// so that it sees the blocks extraction saw and never parses at the same time as the loader.
    public static func parseDocument(_ utf8: UnsafeBufferPointer<UInt8>) -> OpaquePointer? {
        lock.lock()
        defer { lock.unlock() }
        _ = extensionsRegistered
        guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        utf8.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        return cmark_parser_finish(parser)
    }

    private static func collect(_ document: OpaquePointer, columns: ColumnMap, file: String) -> MarkdownOutline {
        var outline = MarkdownOutline()
        var anchorCounts: [String: Int] = [:]
        guard let iterator = cmark_iter_new(document) else { return outline }
        defer { cmark_iter_free(iterator) }

        func location(_ node: OpaquePointer) -> SourceLocation {
            let line = Int(cmark_node_get_start_line(node))
            let byteColumn = Int(cmark_node_get_start_column(node))
            return SourceLocation(file: file, line: line, column: columns.column(line: line, byteColumn: byteColumn))
        }

        // The nodes from the document down to the current one, to know how deep it is: cmark parses
        // any nesting without recursing, but every later stage walks the tree recursively.
        var path: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let parent = cmark_node_parent(node)
            while let last = path.last, last != parent { path.removeLast() }
            path.append(node)
            if path.count > MarkdownLimits.depth + 1 {
                if outline.tooDeep == nil { outline.tooDeep = location(node) }
                // Nothing deeper is collected: the page is refused, and its text may be huge.
                continue
            }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                let parent = cmark_node_parent(node)
                let kind: MarkdownOutline.TextBlock.Kind
                if let parent, cmark_node_get_type(parent) == CMARK_NODE_ITEM {
                    kind = .listItem
                } else {
                    kind = .paragraph
                }
                if let text = inlineSource(of: node, columns: columns), !text.isEmpty {
                    outline.textBlocks.append(.init(kind: kind, text: text, location: location(node)))
                }
            case CMARK_NODE_HEADING:
                if let text = inlineSource(of: node, columns: columns), !text.isEmpty {
                    outline.textBlocks.append(.init(kind: .heading, text: text, location: location(node)))
                }
                let title = plainText(of: node)
                var anchor = HeadingAnchor.slug(title)
                if let seen = anchorCounts[anchor] {
                    anchorCounts[anchor] = seen + 1
                    anchor += "-\(seen + 1)"
                } else {
                    anchorCounts[anchor] = 0
                }
                outline.headings.append(.init(level: Int(cmark_node_get_heading_level(node)), text: title,
                                              anchor: anchor, location: location(node)))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                outline.links.append(.init(destination: url, isImage: isImage,
                                           text: isImage ? plainText(of: node) : "", location: location(node)))
            case CMARK_NODE_CODE_BLOCK where isFenced(node):
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init) ?? ""
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                let fence = location(node)
                outline.fencedBlocks.append(.init(info: word, literal: literal, location: fence,
                                                  bodyLineOffset: fence.line,
                                                  bodyColumnOffset: fence.column - 1))
            default:
                // The table extension registers its node types at run time: recognise cells by name.
                if let name = cmark_node_get_type_string(node), strcmp(name, "table_cell") == 0,
                   let text = inlineSource(of: node, columns: columns), !text.isEmpty {
                    outline.textBlocks.append(.init(kind: .tableCell, text: text, location: location(node)))
                }
            }
        }
        return outline
    }

    /// Indented code blocks are code, never components.
    private static func isFenced(_ node: OpaquePointer) -> Bool {
        // cmark writes through all three pointers without checking them.
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        return cmark_node_get_fenced(node, &length, &offset, &character) != 0
    }

    /// The inline Markdown of a block as written: from its first inline child to its last, with the
    /// line breaks and container prefixes (indentation, `>`) between lines folded into single spaces.
    private static func inlineSource(of node: OpaquePointer, columns: ColumnMap) -> String? {
        var first: (line: Int, column: Int)?
        var last: (line: Int, column: Int)?
        var child = cmark_node_first_child(node)
        while let current = child {
            let startLine = Int(cmark_node_get_start_line(current)), endLine = Int(cmark_node_get_end_line(current))
            if first == nil, startLine > 0 { first = (startLine, Int(cmark_node_get_start_column(current))) }
            if endLine > 0 { last = (endLine, Int(cmark_node_get_end_column(current))) }
            child = cmark_node_next(current)
        }
        guard let first, let last else { return nil }
        return columns.text(from: first, through: last)
    }

    /// The text of a node's inline children, without markup. Walked with cmark's iterator rather than
    /// by recursion, so that no nesting can exhaust the stack.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator), current != node else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }
}

/// How deep a page's Markdown may nest (block quotes, lists, emphasis, links, counted together). cmark
/// reads any depth, but rendering and checking walk the tree recursively: 5,000 nested `>` overflowed
/// the stack. Real pages stay under ten.
public enum MarkdownLimits {
    public static let depth = 64
}

/// Converts cmark's byte columns into columns of Unicode scalars, line by line.
///
/// Nodes are asked for in reading order, so the count of the last answer is carried on along the same
/// line: a 110 KB line with thousands of links costs one pass over the line, not one per link.
final class ColumnMap {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var lineStarts: [Int] = [0]
    private var last = (line: 0, byte: 0, scalars: 0)

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        for index in bytes.indices where bytes[index] == 0x0A { lineStarts.append(index + 1) }
    }

    /// The source between two positions (byte columns, the end inclusive), each line after the first
    /// stripped of its leading spaces and `>` markers, lines joined with single spaces.
    func text(from start: (line: Int, column: Int), through end: (line: Int, column: Int)) -> String? {
        guard start.line >= 1, end.line <= lineStarts.count, start.line <= end.line else { return nil }
        var parts: [String] = []
        for line in start.line...end.line {
            let lineStart = lineStarts[line - 1]
            var lineEnd = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
            var from = lineStart
            if line == start.line { from = min(lineEnd, lineStart + start.column - 1) }
            if line == end.line { lineEnd = min(lineEnd, lineStart + end.column) }
            if line != start.line {
                while from < lineEnd, bytes[from] == 0x20 || bytes[from] == 0x09 || bytes[from] == 0x3E { from += 1 }
            }
            guard from <= lineEnd else { continue }
            var piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<lineEnd]), as: UTF8.self)
            while line != end.line, piece.hasSuffix(" ") { piece.removeLast() }
            parts.append(piece)
        }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    func column(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn > 1 else { return max(1, byteColumn) }
        let start = lineStarts[line - 1]
        let end = min(bytes.count, start + byteColumn - 1)
        var from = start
        var scalars = 0
        if last.line == line, last.byte <= end { from = last.byte; scalars = last.scalars }
        // Continuation bytes (10xxxxxx) do not start a scalar.
        for index in from..<end where bytes[index] & 0xC0 != 0x80 { scalars += 1 }
        last = (line, end, scalars)
        return scalars + 1
    }
}
