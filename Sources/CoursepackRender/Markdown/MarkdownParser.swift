import CCmarkGFM
import CoursepackLoad
import Foundation

/// Reads Markdown with cmark-gfm, with the same extensions the loader uses (tables, strikethrough,
/// autolinks), so that the blocks found here are the blocks whose text was extracted for translation.
enum MarkdownParser {
    /// The blocks of a Markdown document.
    static func parse(_ text: String) -> [MarkdownBlock] {
        var text = text
        return text.withUTF8 { utf8 -> [MarkdownBlock] in
            guard let document = MarkdownReader.parseDocument(utf8) else { return [] }
            defer { cmark_node_free(document) }
            let reader = TreeReader(columns: ScalarColumns(utf8))
            return reader.blocks(under: document, depth: 0)
        }
    }

    /// The inline content of a one-line text such as a translated paragraph or heading. Text that
    /// Markdown would read as another kind of block ("1. Schritt", "# 5", "- ...") is kept as text.
    static func parseInline(_ text: String) -> [MarkdownInline] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let inlines = singleParagraph(trimmed) { return inlines }
        if let inlines = singleParagraph(escapingBlockStart(trimmed)) { return inlines }
        return [.text(trimmed)]
    }

    private static func singleParagraph(_ text: String) -> [MarkdownInline]? {
        let blocks = parse(text)
        guard blocks.count == 1, case .paragraph(let inlines, _) = blocks[0] else { return nil }
        return inlines
    }

    /// A backslash before the character that makes a line start a block: `\#`, `\-`, `1\.`.
    private static func escapingBlockStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if first.isASCII, first.isPunctuation || first.isSymbol { return "\\" + text }
        if first.isASCII, first.isNumber, let marker = text.firstIndex(where: { !$0.isNumber }),
           text[marker] == "." || text[marker] == ")" {
            var escaped = text
            escaped.insert("\\", at: marker)
            return escaped
        }
        return text
    }
}

/// Turns cmark nodes into `MarkdownBlock` and `MarkdownInline` values.
private struct TreeReader {
    let columns: ScalarColumns

    /// Nodes deeper than `MarkdownLimits.depth` (only in text the loader has not refused: a translation)
    /// become their plain text, so that no recursion here or in rendering can exhaust the stack.
    func blocks(under parent: OpaquePointer, depth: Int) -> [MarkdownBlock] {
        if depth >= MarkdownLimits.depth {
            return [.paragraph([.text(plainText(of: parent))], at: position(parent))]
        }
        return children(of: parent).compactMap { block($0, depth: depth + 1) }
    }

    /// All the text under a node, gathered with cmark's iterator (no recursion).
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK: text += string(cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    private func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private func position(_ node: OpaquePointer) -> TextPosition {
        let line = Int(cmark_node_get_start_line(node))
        return TextPosition(line: max(1, line),
                            column: columns.column(line: line, byteColumn: Int(cmark_node_get_start_column(node))))
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private func block(_ node: OpaquePointer, depth: Int) -> MarkdownBlock? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(under: node, depth: depth), at: position(node))
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(under: node, depth: depth), at: position(node))
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote(blocks(under: node, depth: depth))
        case CMARK_NODE_LIST:
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)),
                         tight: cmark_node_get_list_tight(node) != 0,
                         items: children(of: node).map { blocks(under: $0, depth: depth + 1) })
        case CMARK_NODE_CODE_BLOCK:
            var length: Int32 = 0, offset: Int32 = 0
            var character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            let info = string(cmark_node_get_fence_info(node))
            let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init) ?? ""
            return .code(info: fenced ? word : "", literal: string(cmark_node_get_literal(node)), fenced: fenced,
                         at: position(node))
        case CMARK_NODE_HTML_BLOCK:
            return .html(string(cmark_node_get_literal(node)))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        default:
            if string(cmark_node_get_type_string(node)) == "table" { return .table(table(node, depth: depth)) }
            return nil
        }
    }

    private func table(_ node: OpaquePointer, depth: Int) -> MarkdownTable {
        let count = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [MarkdownTable.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for index in 0..<count {
                switch raw[index] {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        let rows = children(of: node).map { row in
            MarkdownTable.Row(isHeader: cmark_gfm_extensions_get_table_row_is_header(row) != 0,
                              cells: children(of: row).map { .init(content: inlines(under: $0, depth: depth + 2), position: position($0)) })
        }
        return MarkdownTable(alignments: alignments, rows: rows)
    }

    private func inlines(under node: OpaquePointer, depth: Int) -> [MarkdownInline] {
        if depth >= MarkdownLimits.depth { return [.text(plainText(of: node))] }
        return children(of: node).flatMap { inline($0, depth: depth + 1) }
    }

    private func inline(_ node: OpaquePointer, depth: Int) -> [MarkdownInline] {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return [.text(string(cmark_node_get_literal(node)))]
        case CMARK_NODE_SOFTBREAK: return [.softBreak]
        case CMARK_NODE_LINEBREAK: return [.lineBreak]
        case CMARK_NODE_CODE: return [.code(string(cmark_node_get_literal(node)))]
        case CMARK_NODE_HTML_INLINE: return [.html(string(cmark_node_get_literal(node)))]
        case CMARK_NODE_EMPH: return [.emphasis(inlines(under: node, depth: depth))]
        case CMARK_NODE_STRONG: return [.strong(inlines(under: node, depth: depth))]
        case CMARK_NODE_LINK:
            return [.link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                          inlines(under: node, depth: depth))]
        case CMARK_NODE_IMAGE:
            return [.image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                           alt: inlines(under: node, depth: depth))]
        default:
            if string(cmark_node_get_type_string(node)) == "strikethrough" { return [.strikethrough(inlines(under: node, depth: depth))] }
            // Anything else inline (an extension we did not attach) keeps its content.
            return inlines(under: node, depth: depth)
        }
    }
}

/// cmark counts columns in bytes; unit locations count Unicode scalars. Asked in reading order, it
/// carries the last count on along a line (one pass per line, however many nodes it holds).
final class ScalarColumns {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var lineStarts: [Int] = [0]
    private var last = (line: 0, byte: 0, scalars: 0)

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        for index in bytes.indices where bytes[index] == 0x0A { lineStarts.append(index + 1) }
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
