/// Writes inline Markdown as HTML: text escaped (and, in right-to-left text, its left-to-right runs
/// isolated), links made to work inside the one-document output, and no raw HTML but line breaks.
struct InlineHTML {
    let context: RenderContext
    /// Whether text runs are right-to-left text in which left-to-right runs need a `<bdi>`.
    let isolating: Bool
    /// Whether a line break in the source is kept (`<br>`), as in a transcript, where lines are turns.
    var keepsLineBreaks = false

    func write(_ inlines: [MarkdownInline], into html: inout HTMLBuilder) throws(RenderError) {
        for inline in inlines { try write(inline, into: &html) }
    }

    func html(_ inlines: [MarkdownInline]) throws(RenderError) -> String {
        var builder = HTMLBuilder()
        try write(inlines, into: &builder)
        return builder.html
    }

    private func write(_ inline: MarkdownInline, into html: inout HTMLBuilder) throws(RenderError) {
        switch inline {
        case .text(let text):
            if isolating { html.raw(BidiIsolation.isolatingLeftToRightRuns(text)) } else { html.text(text) }
        case .softBreak:
            if keepsLineBreaks { html.raw("<br>") }
            html.newline()
        case .lineBreak:
            html.raw("<br>")
            html.newline()
        case .code(let code):
            html.element("code", isolating ? [("dir", "ltr")] : [], text: code)
        case .html(let markup):
            // Raw HTML could carry scripts, styles or network requests: only a line break survives.
            if let tag = Self.breakTag(markup) { html.raw(tag) }
        case .emphasis(let children):
            try element("em", children, into: &html)
        case .strong(let children):
            try element("strong", children, into: &html)
        case .strikethrough(let children):
            try element("del", children, into: &html)
        case .link(let destination, let title, let children):
            try link(destination, title: title, children, into: &html)
        case .image(let source, let title, let alt):
            try image(source, title: title, alt: alt, into: &html)
        }
    }

    private func element(_ tag: String, _ children: [MarkdownInline], into html: inout HTMLBuilder) throws(RenderError) {
        html.open(tag)
        try write(children, into: &html)
        html.close(tag)
    }

    private func link(_ destination: String, title: String, _ children: [MarkdownInline],
                      into html: inout HTMLBuilder) throws(RenderError) {
        let titleAttribute: HTMLBuilder.Attribute = ("title", title.isEmpty ? nil : title)
        switch context.links.target(of: destination, onPage: context.page.id) {
        case .anchor(let id):
            html.open("a", [("href", "#" + id), titleAttribute])
        case .media(let path, let suffix):
            let href = try context.state.media(path, on: context.page.id) + suffix
            html.open("a", [("href", href)] + Self.newWindow + [titleAttribute])
        case .external(let url):
            html.open("a", [("href", url)] + Self.newWindow + [titleAttribute])
        case .none:
            try write(children, into: &html)
            return
        }
        try write(children, into: &html)
        html.close("a")
    }

    private func image(_ source: String, title: String, alt: [MarkdownInline],
                       into html: inout HTMLBuilder) throws(RenderError) {
        let altText = MarkdownInline.plainText(alt)
        switch context.links.target(of: source, onPage: context.page.id) {
        case .media(let path, _):
            let src = try context.state.media(path, on: context.page.id)
            html.open("img", [("src", src), ("alt", altText), ("title", title.isEmpty ? nil : title), ("loading", "lazy")])
        case .external(let url):
            // A picture on the web would be a network request: it becomes a link the learner may follow.
            html.open("a", [("href", url)] + Self.newWindow)
            html.text(altText.isEmpty ? url : altText)
            html.close("a")
        case .anchor, .none:
            html.text(altText)
        }
    }

    /// Links that leave the module open in a new window: in an LMS, navigating the course's frame
    /// away ends the learner's session.
    static let newWindow: [HTMLBuilder.Attribute] = [("target", "_blank"), ("rel", "noopener noreferrer")]

    /// `<br>` or `<wbr>` as the author wrote it (`<BR/>`, `<br />`), normalised; nil for any other markup.
    static func breakTag(_ markup: String) -> String? {
        switch markup.lowercased().filter({ !$0.isWhitespace }) {
        case "<br>", "<br/>": return "<br>"
        case "<wbr>", "<wbr/>": return "<wbr>"
        default: return nil
        }
    }
}
