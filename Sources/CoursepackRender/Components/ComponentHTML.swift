import CoursepackLoad
import JSONSchema

/// Writes one component as markup that reads without script (docs/package-layout.md, "Components"),
/// and records in the data block what the player needs beyond it.
struct ComponentHTML {
    let context: RenderContext

    func html(_ component: Component, type: ComponentType) throws(RenderError) -> String {
        guard let body = component.body else { return "" }
        let page = context.page.id
        let index = context.state.nextIndex(of: type.rawValue, on: page)
        let name = component.id ?? "\(type.rawValue)-\(index)"
        let element = context.state.uniqueID("cp-\(page)-\(name)")
        if let id = component.id {
            context.data.component(id, type: type.rawValue, page: page, element: element)
        }
        let frame = Frame(type: type, id: component.id, element: element, body: body,
                          line: context.annotates ? component.location.line : nil)
        var html = HTMLBuilder()
        switch type {
        case .image: try image(frame, into: &html)
        case .audio: try audio(frame, into: &html)
        case .video: try video(frame, into: &html)
        case .download: try download(frame, into: &html)
        case .callout: try callout(frame, into: &html)
        case .accordion: try accordion(frame, into: &html)
        case .glossary: try glossary(frame, into: &html)
        case .flashcards: try flashcards(frame, into: &html)
        case .checklist: try checklist(frame, into: &html)
        case .reflection: try reflection(frame, into: &html)
        case .quiz: try quiz(frame, into: &html)
        case .dialogue: try dialogue(frame, into: &html)
        }
        return html.html
    }

    /// What every component writer starts from.
    struct Frame {
        let type: ComponentType
        /// The author's id, for components that keep progress.
        let id: String?
        /// The element's id in the document: `cp-<page>-<id or type-index>`.
        let element: String
        let body: SourceValue
        /// The line of the component's fence, in the preview (where findings are shown next to it).
        let line: Int?

        /// The attributes every component's outer element carries.
        var attributes: [HTMLBuilder.Attribute] {
            [("class", "cp-component cp-" + type.rawValue), ("id", element), ("data-component", type.rawValue),
             ("data-id", id), ("data-cp-line", line.map(String.init))]
        }

        /// An id for a part of the component.
        func part(_ suffix: String) -> String { element + "-" + suffix }
    }

    // MARK: - Text of fields

    /// A translatable field in the locale.
    func text(_ value: SourceValue?) -> LocalizedText? {
        context.texts.text(of: value)
    }

    /// A plain-text field as element content: escaped, left-to-right runs isolated in right-to-left text.
    /// The element that holds it takes `text.languageAttributes`.
    func plain(_ text: LocalizedText) -> String {
        text.contentHTML(in: context.direction)
    }

    /// A plain-text field wrapped in a `<span>` with its language when it fell back to the source.
    func inlinePlain(_ text: LocalizedText) -> String {
        guard text.needsOwnElement else { return plain(text) }
        var html = HTMLBuilder()
        html.open("span", text.languageAttributes)
        html.raw(plain(text))
        html.close("span")
        return html.html
    }

    /// A field with formatting: one paragraph becomes inline HTML, more become blocks.
    func markdown(_ text: LocalizedText, keepingLineBreaks: Bool = false) throws(RenderError) -> (html: String, isInline: Bool) {
        let blocks = MarkdownParser.parse(text.text)
        var html = HTMLBuilder()
        if blocks.count == 1, case .paragraph(let inlines, _) = blocks[0] {
            try InlineHTML(context: context, isolating: context.isolates(text), keepsLineBreaks: keepingLineBreaks)
                .write(inlines, into: &html)
            return (html.html, true)
        }
        var writer = BlockHTML.field(context, fallbackLanguage: text.fallbackLanguage, keepsLineBreaks: keepingLineBreaks)
        try writer.write(blocks, into: &html)
        return (html.html, false)
    }

    /// A formatted field in its own element: a `<p>` for one paragraph, a `<div>` for more.
    func markdownBlock(_ text: LocalizedText, class className: String, keepingLineBreaks: Bool = false,
                       into html: inout HTMLBuilder) throws(RenderError) {
        let rendered = try markdown(text, keepingLineBreaks: keepingLineBreaks)
        let tag = rendered.isInline ? "p" : "div"
        html.open(tag, [("class", className)] + text.languageAttributes)
        html.raw(rendered.html)
        html.close(tag)
    }

    /// A formatted field as an HTML fragment for the data block (feedback, explanations), with its
    /// language marked when it fell back.
    func markdownFragment(_ text: LocalizedText?) throws(RenderError) -> JSONValue? {
        guard let text else { return nil }
        let rendered = try markdown(text)
        guard text.needsOwnElement else { return .string(rendered.html) }
        var html = HTMLBuilder()
        let tag = rendered.isInline ? "span" : "div"
        html.open(tag, text.languageAttributes)
        html.raw(rendered.html)
        html.close(tag)
        return .string(html.html)
    }

    /// A message of the player's interface, for labels the markup needs.
    func message(_ key: String) -> LocalizedText {
        RendererMessages.text(key, in: context.texts)
    }

    /// A media path of a component (`media/...`, from the module folder), recorded for the package.
    func media(_ value: SourceValue?) throws(RenderError) -> String? {
        guard let path = value?.string else { return nil }
        return try context.state.media(path, on: context.page.id)
    }
}
