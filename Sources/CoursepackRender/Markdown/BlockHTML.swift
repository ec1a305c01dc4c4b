import CoursepackLoad

/// Writes Markdown blocks as HTML: a page body (each text block in the locale's language, headings
/// renumbered under the page's `<h1>`, components in place of their fences) or the Markdown of a
/// component field (already in the locale's language).
struct BlockHTML {
    let context: RenderContext
    /// For a page body: where headings stand. Nil for a field, whose headings become bold paragraphs
    /// so that a component never breaks the page's heading order.
    private var headings: HeadingLevels?
    /// For a field: the language its text fell back to, if it did.
    private let fieldFallback: String?
    /// For a field whose line breaks matter (a transcript).
    private var keepsLineBreaks = false

    static func page(_ context: RenderContext) -> BlockHTML {
        BlockHTML(context: context, headings: HeadingLevels(context.page), fieldFallback: nil)
    }

    static func field(_ context: RenderContext, fallbackLanguage: String?, keepsLineBreaks: Bool) -> BlockHTML {
        var writer = BlockHTML(context: context, headings: nil, fieldFallback: fallbackLanguage)
        writer.keepsLineBreaks = keepsLineBreaks
        return writer
    }

    private init(context: RenderContext, headings: HeadingLevels?, fieldFallback: String?) {
        self.context = context
        self.headings = headings
        self.fieldFallback = fieldFallback
    }

    mutating func write(_ blocks: [MarkdownBlock], into html: inout HTMLBuilder, tight: Bool = false) throws(RenderError) {
        for block in blocks { try write(block, into: &html, tight: tight) }
    }

    private mutating func write(_ block: MarkdownBlock, into html: inout HTMLBuilder, tight: Bool) throws(RenderError) {
        switch block {
        case .paragraph(let inlines, let position):
            let (content, attributes, isolating) = localized(inlines, at: position)
            if tight {
                if attributes.isEmpty {
                    try inline(isolating).write(content, into: &html)
                } else {
                    html.open("span", attributes)
                    try inline(isolating).write(content, into: &html)
                    html.close("span")
                }
            } else {
                html.open("p", attributes)
                try inline(isolating).write(content, into: &html)
                html.close("p")
                html.newline()
            }
        case .heading(let level, let inlines, let position):
            try heading(level: level, inlines, at: position, into: &html)
        case .blockQuote(let children):
            html.open("blockquote")
            html.newline()
            try write(children, into: &html)
            html.close("blockquote")
            html.newline()
        case .list(let ordered, let start, let isTight, let items):
            let tag = ordered ? "ol" : "ul"
            html.open(tag, [("start", ordered && start != 1 ? String(start) : nil)])
            html.newline()
            for item in items {
                html.open("li")
                try write(item, into: &html, tight: isTight)
                html.close("li")
                html.newline()
            }
            html.close(tag)
            html.newline()
        case .code(let info, let literal, let fenced, let position):
            if fenced, let type = ComponentType(rawValue: info) {
                // Components inside a field cannot happen (a field is YAML); in a page, they replace their fence.
                if headings != nil, let component = context.page.components[position] {
                    html.raw(try ComponentHTML(context: context).html(component, type: type))
                    html.newline()
                }
            } else if !fenced || ComponentType.codeLanguages.contains(info) {
                html.open("pre", [("dir", "ltr")])
                html.element("code", [("class", info.isEmpty ? nil : "language-" + info)], text: literal)
                html.close("pre")
                html.newline()
            }
            // Any other fence is an unknown component type, which the checker reports: nothing to show.
        case .html:
            // Raw HTML blocks could carry scripts, styles or network requests; they are left out.
            break
        case .thematicBreak:
            html.raw("<hr>")
            html.newline()
        case .table(let table):
            try write(table, into: &html)
        }
    }

    private mutating func heading(level: Int, _ inlines: [MarkdownInline], at position: TextPosition,
                                  into html: inout HTMLBuilder) throws(RenderError) {
        let (content, attributes, isolating) = localized(inlines, at: position)
        guard var headings else {
            html.open("p", [("class", "cp-subheading")] + attributes)
            html.open("strong")
            try inline(isolating).write(content, into: &html)
            html.close("strong")
            html.close("p")
            html.newline()
            return
        }
        if position == context.page.repeatedTitle { return }
        let outputLevel = headings.level(for: level)
        self.headings = headings
        let anchor = context.page.anchors[position] ?? HeadingAnchor.slug(MarkdownInline.plainText(inlines))
        let tag = "h\(outputLevel)"
        html.open(tag, [("id", ModuleLinks.headingID(context.page.id, anchor: anchor))] + attributes)
        try inline(isolating).write(content, into: &html)
        html.close(tag)
        html.newline()
    }

    private mutating func write(_ table: MarkdownTable, into html: inout HTMLBuilder) throws(RenderError) {
        html.open("table")
        html.newline()
        let header = table.rows.prefix { $0.isHeader }
        let body = table.rows.dropFirst(header.count)
        for (section, rows) in [("thead", Array(header)), ("tbody", Array(body))] where !rows.isEmpty {
            html.open(section)
            html.newline()
            for row in rows {
                html.open("tr")
                for (index, cell) in row.cells.enumerated() {
                    let (content, attributes, isolating) = localized(cell.content, at: cell.position)
                    let alignment = index < table.alignments.count ? Self.alignmentClass(table.alignments[index]) : nil
                    let tag = row.isHeader ? "th" : "td"
                    html.open(tag, [("scope", row.isHeader ? "col" : nil), ("class", alignment)] + attributes)
                    try inline(isolating).write(content, into: &html)
                    html.close(tag)
                }
                html.close("tr")
                html.newline()
            }
            html.close(section)
            html.newline()
        }
        html.close("table")
        html.newline()
    }

    /// Markdown's left and right alignment mean start and end: a translated table mirrors with its text.
    private static func alignmentClass(_ alignment: MarkdownTable.Alignment) -> String? {
        switch alignment {
        case .none: return nil
        case .left: return "cp-align-start"
        case .center: return "cp-align-center"
        case .right: return "cp-align-end"
        }
    }

    /// A text block's content in the locale: the translation parsed as inline Markdown, or the source
    /// with `lang`/`dir` attributes when it falls back. Field Markdown is already localized as a whole.
    private func localized(_ inlines: [MarkdownInline], at position: TextPosition)
        -> (content: [MarkdownInline], attributes: [HTMLBuilder.Attribute], isolating: Bool) {
        guard headings != nil else {
            return (inlines, [], context.isolates(fallbackLanguage: fieldFallback))
        }
        // In the preview, each block says its line, so that findings can be shown next to it.
        let line: [HTMLBuilder.Attribute] = context.annotates ? [("data-cp-line", String(position.line))] : []
        guard let localized = context.texts.translatedBlock(at: context.location(position)) else {
            return (inlines, line, context.isolates(fallbackLanguage: nil))
        }
        if localized.fallbackLanguage != nil {
            return (inlines, localized.languageAttributes + line, context.isolates(localized))
        }
        return (MarkdownParser.parseInline(localized.text), localized.languageAttributes + line, context.isolates(localized))
    }

    private func inline(_ isolating: Bool) -> InlineHTML {
        InlineHTML(context: context, isolating: isolating, keepsLineBreaks: keepsLineBreaks)
    }
}

/// Heading levels in a page section: the section's `<h1>` is the page title, so the body's headings
/// start at `<h2>`, move one level deeper at most, and keep the author's relative order.
struct HeadingLevels {
    private var previous = 1
    /// 1 when the body has its own `#` headings (other than the repeated title), which become `<h2>`.
    private let shift: Int

    init(_ page: PageSource) {
        func hasTopLevel(_ blocks: [MarkdownBlock]) -> Bool {
            blocks.contains { block in
                switch block {
                case .heading(let level, _, let position): return level == 1 && position != page.repeatedTitle
                case .blockQuote(let children): return hasTopLevel(children)
                case .list(_, _, _, let items): return items.contains(where: hasTopLevel)
                default: return false
                }
            }
        }
        shift = hasTopLevel(page.blocks) ? 1 : 0
    }

    mutating func level(for sourceLevel: Int) -> Int {
        let level = min(6, max(2, min(sourceLevel + shift, previous + 1)))
        previous = level
        return level
    }
}
