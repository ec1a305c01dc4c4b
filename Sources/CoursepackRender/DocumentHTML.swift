import CoursepackLoad
import CoursepackPackaging
import CoursepackLocalize

/// The whole module in one locale: one HTML5 document with every page, the landmarks around them and
/// the player's data block (docs/package-layout.md, "One HTML document per locale").
struct DocumentHTML {
    let source: ModuleSource
    let texts: LocaleTexts
    /// Every locale of the package, in order: the language switch and the data block list them.
    let locales: [String]
    let target: PackageTarget

    struct Result {
        let html: String
        let media: Set<String>
    }

    func render() throws(RenderError) -> Result {
        let state = DocumentState(mediaFiles: source.module.mediaFiles,
                                  reserved: source.reservedIDs + Self.fixedIDs)
        let data = PlayerDataBuilder()
        var main = HTMLBuilder()
        for (index, page) in source.pages.enumerated() {
            let context = RenderContext(page: page, texts: texts, links: source.links, state: state, data: data,
                                        moduleRoot: source.module.root)
            try PageHTML(context: context).write(into: &main, deferred: index > 0)
        }
        return Result(html: frame(main: main.html, data: data), media: state.media)
    }

    /// The document around its pages (`main`, every `<section>`), with the data they collected.
    func frame(main: String, data: PlayerDataBuilder) -> String {
        let title = moduleText("title") ?? LocalizedText(text: source.strings.identity.id, fallbackLanguage: nil)
        var html = HTMLBuilder()
        html.raw("<!DOCTYPE html>\n")
        html.open("html", [("lang", texts.locale), ("dir", texts.direction.rawValue), ("class", "no-js")])
        html.newline()
        head(title: title, data: data, into: &html)
        html.raw("<body>\n")
        let skip = RendererMessages.text("skip-to-content", in: texts)
        html.open("a", [("class", "cp-skip"), ("href", "#cp-main")] + skip.languageAttributes)
        html.text(skip.text)
        html.close("a")
        html.newline()
        header(title: title, into: &html)
        tableOfContents(into: &html)
        html.open("main", [("id", "cp-main"), ("aria-labelledby", "cp-module-title")])
        html.newline()
        html.raw(main)
        html.close("main")
        html.newline()
        footer(title: title, into: &html)
        html.raw("</body>\n</html>\n")
        return html.html
    }

    /// Ids of the document's frame, which no page or component may take.
    static let fixedIDs = ["cp-main", "cp-toc", "cp-toc-title", "cp-module-title", "coursepack-data"]

    // MARK: - Parts

    private func head(title: LocalizedText, data: PlayerDataBuilder, into html: inout HTMLBuilder) {
        html.raw("<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        html.element("title", text: title.text)
        html.newline()
        if let description = moduleText("description") {
            html.open("meta", [("name", "description"), ("content", description.text)])
            html.newline()
        }
        let keywords = moduleList("keywords").map(\.text)
        if !keywords.isEmpty {
            html.open("meta", [("name", "keywords"), ("content", keywords.joined(separator: ", "))])
            html.newline()
        }
        html.raw("<link rel=\"stylesheet\" href=\"player/player.css\">\n")
        // Without script every page shows, one after the other (player.css shows the first only until the
        // player runs, so that a long module does not flash all its pages while it loads).
        html.raw("<noscript><style>.no-js .cp-page ~ .cp-page { display: block; }</style></noscript>\n")
        // The fonts of the package's scripts (Arabic, Ethiopic), in every document: a language switch
        // inside an LMS brings another locale's text into this one.
        for font in BundledFont.carried(for: locales) {
            html.raw("<link rel=\"stylesheet\" href=\"\(font.stylesheet)\">\n")
        }
        html.raw("<script type=\"application/json\" id=\"coursepack-data\">")
        html.raw(PlayerData(source: source, texts: texts, locales: locales, target: target,
                            title: title, collected: data).value.scriptElementText)
        html.raw("</script>\n<script src=\"player/player.js\" defer></script>\n</head>\n")
    }

    private func header(title: LocalizedText, into html: inout HTMLBuilder) {
        html.raw("<header class=\"cp-header\" role=\"banner\" aria-labelledby=\"cp-module-title\">\n")
        html.open("p", [("class", "cp-module-title"), ("id", "cp-module-title")] + title.languageAttributes)
        html.raw(plain(title))
        html.close("p")
        html.newline()
        if locales.count > 1 {
            let label = texts.message("language")?.singular.text ?? "Language"
            html.open("nav", [("class", "cp-languages"), ("aria-label", label)])
            html.newline()
            for (index, locale) in locales.enumerated() {
                if index > 0 { html.raw(" ") }
                html.open("a", [("href", Self.documentPath(locale, index: index)), ("hreflang", locale), ("lang", locale),
                                ("dir", TextDirection(locale: locale).rawValue),
                                ("aria-current", locale == texts.locale ? "true" : nil)])
                html.text(LocaleNames.name(of: locale))
                html.close("a")
            }
            html.newline()
            html.close("nav")
            html.newline()
        }
        html.raw("</header>\n")
    }

    private func tableOfContents(into html: inout HTMLBuilder) {
        let contents = texts.message("contents")?.singular ?? LocalizedText(text: "Contents", fallbackLanguage: "en")
        html.raw("<nav class=\"cp-toc\" id=\"cp-toc\" aria-labelledby=\"cp-toc-title\">\n")
        html.open("p", [("class", "cp-toc-title"), ("id", "cp-toc-title")] + contents.languageAttributes)
        html.raw(plain(contents))
        html.close("p")
        html.raw("\n<ol>\n")
        for page in source.pages {
            let title = texts.text(of: page.title) ?? LocalizedText(text: page.id, fallbackLanguage: nil)
            html.open("li")
            html.open("a", [("href", "#" + ModuleLinks.sectionID(page.id))] + title.languageAttributes)
            html.raw(plain(title))
            html.close("a")
            html.close("li")
            html.newline()
        }
        html.raw("</ol>\n</nav>\n")
    }

    /// What the module is: its description and objectives, then version, authors and license.
    private func footer(title: LocalizedText, into html: inout HTMLBuilder) {
        let about = RendererMessages.text("about", in: texts)
        html.open("footer", [("class", "cp-footer"), ("role", "contentinfo"), ("aria-label", about.text)])
        html.newline()
        if let description = moduleText("description") {
            html.open("p", [("class", "cp-module-description")] + description.languageAttributes)
            html.raw(plain(description))
            html.close("p")
            html.newline()
        }
        let objectives = moduleList("objectives")
        if !objectives.isEmpty {
            html.open("ul", [("class", "cp-objectives")])
            for objective in objectives {
                html.open("li", objective.languageAttributes)
                html.raw(plain(objective))
                html.close("li")
            }
            html.close("ul")
            html.newline()
        }
        let manifest = source.manifest
        let authors = (manifest?["authors"]?.array ?? []).compactMap { author -> String? in
            guard let name = author["name"]?.string else { return nil }
            return author["organization"]?.string.map { name + ", " + $0 } ?? name
        }
        let facts = texts.untranslated(([source.strings.identity.version] + authors + [manifest?["license"]?.string].compactMap { $0 })
            .joined(separator: " · "))
        // Names, version and license are not translated: they stay in the source language.
        html.open("p", [("class", "cp-module-facts")] + facts.languageAttributes)
        html.raw(plain(facts))
        html.close("p")
        html.newline()
        html.raw("</footer>\n")
    }

    // MARK: - Helpers

    func moduleText(_ field: String) -> LocalizedText? {
        texts.text(of: source.manifest?[field])
    }

    func moduleList(_ field: String) -> [LocalizedText] {
        (source.manifest?[field]?.array ?? []).compactMap { texts.text(of: $0) }
    }

    private func plain(_ text: LocalizedText) -> String {
        text.contentHTML(in: texts.direction)
    }

    /// `index.html` for the first locale, `index.<tag>.html` for the others.
    static func documentPath(_ locale: String, index: Int) -> String {
        index == 0 ? "index.html" : "index.\(locale).html"
    }
}
