import Foundation

/// One page of the module as a `<section class="cp-page">`: its title as the `<h1>`, then its body.
///
/// Every page after the first keeps its content inside a `<noscript>`: with script on, a browser reads
/// that as plain text without building it, so a long module is ready as soon as its first page is (the
/// player builds a page when it first shows it); without script, the browser shows it as it stands.
struct PageHTML {
    let context: RenderContext

    func write(into html: inout HTMLBuilder, deferred: Bool = false) throws(RenderError) {
        var content = HTMLBuilder()
        try writeContent(into: &content)
        Self.section(context.page.id, locale: context.texts.locale, direction: context.direction, content: content.html,
                     deferred: deferred, into: &html)
    }

    /// The page's `<section>` around its content (from `writeContent`), kept as text when `deferred`.
    static func section(_ page: String, locale: String, direction: TextDirection, content: String, deferred: Bool,
                        into html: inout HTMLBuilder) {
        html.open("section", [("class", "cp-page"), ("id", ModuleLinks.sectionID(page)), ("data-page", page),
                              ("aria-labelledby", ModuleLinks.titleID(page)),
                              ("lang", locale), ("dir", direction.rawValue)])
        html.newline()
        // A page whose own text could close the <noscript> early is written as it stands (escaped text
        // never can; this guards raw HTML).
        if deferred, !Self.closesNoscript(content) {
            html.raw("<noscript>")
            html.raw(content)
            html.raw("</noscript>\n")
        } else {
            html.raw(content)
        }
        html.close("section")
        html.newline()
    }

    /// Whether `html` holds `</noscript` in any case: a scan of the bytes, with no copy of the page.
    static func closesNoscript(_ html: String) -> Bool {
        // Over the contiguous bytes: `firstIndex(of:)` on `String.UTF8View` cost 2% of `pack`.
        var html = html
        return html.withUTF8 { bytes in
            let name: [UInt8] = Array("noscript".utf8)
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while index + 2 + name.count <= bytes.count {
                // memchr: the C library's vectorised search, to the next '<'.
                guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), bytes.count - index) else { return false }
                index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                guard index + 2 + name.count <= bytes.count else { return false }
                if bytes[index + 1] == UInt8(ascii: "/"), (0..<name.count).allSatisfy({ bytes[index + 2 + $0] | 0x20 == name[$0] }) {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    func writeContent(into html: inout HTMLBuilder) throws(RenderError) {
        let page = context.page
        let title = context.texts.text(of: page.title) ?? LocalizedText(text: page.id, fallbackLanguage: nil)
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
    }
}
