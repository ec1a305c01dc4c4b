import CoursepackLoad

/// callout, accordion, glossary and flashcards: text arranged for reading, all of it in the markup.
extension ComponentHTML {
    /// A note box; its style (info, tip, warning, important) is a class for the stylesheet.
    func callout(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        let style = frame.body["style"]?.string ?? "info"
        let title = text(frame.body["title"])
        let titleID = title.map { _ in context.state.uniqueID(frame.part("title")) }
        var attributes = frame.attributes
        attributes[0].value = "cp-component cp-callout cp-callout-" + style
        html.open("div", attributes + [("data-style", style), ("role", "note"), ("aria-labelledby", titleID)])
        if let title, let titleID {
            html.open("p", [("class", "cp-callout-title"), ("id", titleID)] + title.languageAttributes)
            html.open("strong")
            html.raw(plain(title))
            html.close("strong")
            html.close("p")
        }
        if let body = text(frame.body["body"]) {
            try markdownBlock(body, class: "cp-callout-body", into: &html)
        }
        html.close("div")
    }

    /// Sections that open and close, as `<details>`: they work without script.
    func accordion(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        html.open("div", frame.attributes)
        for (index, item) in (frame.body["items"]?.array ?? []).enumerated() {
            html.open("details", [("class", "cp-accordion-item"), ("id", context.state.uniqueID(frame.part("\(index + 1)")))])
            let title = text(item["title"]) ?? LocalizedText(text: "\(index + 1)", fallbackLanguage: nil)
            html.open("summary", title.languageAttributes)
            html.raw(plain(title))
            html.close("summary")
            if let body = text(item["body"]) {
                try markdownBlock(body, class: "cp-accordion-body", into: &html)
            }
            html.close("details")
        }
        html.close("div")
    }

    /// Terms and definitions, as a description list.
    func glossary(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        html.open("dl", frame.attributes)
        for item in frame.body["terms"]?.array ?? [] {
            guard let term = text(item["term"]) else { continue }
            html.open("dt", term.languageAttributes)
            html.raw(plain(term))
            html.close("dt")
            if let definition = text(item["definition"]) {
                let rendered = try markdown(definition)
                html.open("dd", definition.languageAttributes)
                html.raw(rendered.html)
                html.close("dd")
            }
        }
        html.close("dl")
    }

    /// Cards with a front and a back; without script both sides show, the player turns them into cards
    /// that flip.
    func flashcards(_ frame: Frame, into html: inout HTMLBuilder) throws(RenderError) {
        html.open("div", frame.attributes)
        if let title = text(frame.body["title"]) {
            html.open("p", [("class", "cp-title")] + title.languageAttributes)
            html.raw(plain(title))
            html.close("p")
        }
        html.open("ol", [("class", "cp-cards")])
        for (index, card) in (frame.body["cards"]?.array ?? []).enumerated() {
            html.open("li", [("class", "cp-card"), ("id", context.state.uniqueID(frame.part("\(index + 1)")))])
            for side in ["front", "back"] {
                guard let sideText = text(card[side]) else { continue }
                html.open("p", [("class", "cp-card-" + side)] + sideText.languageAttributes)
                html.raw(plain(sideText))
                html.close("p")
            }
            html.close("li")
        }
        html.close("ol")
        html.close("div")
    }
}
