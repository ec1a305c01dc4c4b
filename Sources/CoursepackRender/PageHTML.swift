/// One page of the module as a `<section class="cp-page">`: its title as the `<h1>`, then its body.
struct PageHTML {
    let context: RenderContext

    func write(into html: inout HTMLBuilder) throws(RenderError) {
        let page = context.page
        let title = context.texts.text(of: page.title) ?? LocalizedText(text: page.id, fallbackLanguage: nil)
        let direction = context.direction.rawValue
        html.open("section", [("class", "cp-page"), ("id", ModuleLinks.sectionID(page.id)), ("data-page", page.id),
                              ("aria-labelledby", ModuleLinks.titleID(page.id)),
                              ("lang", context.texts.locale), ("dir", direction)])
        html.newline()
        html.open("h1", [("id", ModuleLinks.titleID(page.id))] + title.languageAttributes)
        html.raw(title.contentHTML(in: context.direction))
        html.close("h1")
        html.newline()
        if let description = context.texts.text(of: page.page.frontMatter?["description"]) {
            html.open("p", [("class", "cp-page-description")] + description.languageAttributes)
            html.raw(description.contentHTML(in: context.direction))
            html.close("p")
            html.newline()
        }
        var body = BlockHTML.page(context)
        try body.write(page.blocks, into: &html)
        html.close("section")
        html.newline()
    }
}
