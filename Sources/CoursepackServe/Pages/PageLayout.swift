import CoursepackRender
import Foundation

/// Text made safe for HTML text and quoted attribute values (the renderer's escaping).
func escapeHTML(_ text: String) -> String { HTMLEscaping.attribute(text) }

/// A value for a URL path segment or query value.
func escapeURLComponent(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

/// The frame every host page shares: language and direction, the stylesheet, a header.
enum PageLayout {
    static func page(_ strings: HostStrings, title: String, header: String = "", body: String, script: String? = nil) -> String {
        document(strings, title: title, body: """
            <header class="bar"><span class="site">\(escapeHTML(strings["site"]))</span>\(header)</header>
            <main>
            \(body)
            </main>
            \(script.map { "<script src=\"\($0)\"></script>" } ?? "")
            """)
    }

    /// The document around `body`: language and direction, the viewport, the title and the stylesheet.
    static func document(_ strings: HostStrings, title: String, bodyClass: String? = nil, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(strings.language)" dir="\(strings.direction)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title)) · \(escapeHTML(strings["site"]))</title>
        <link rel="stylesheet" href="/static/host.css">
        </head>
        <body\(bodyClass.map { " class=\"\($0)\"" } ?? "")>
        \(body)
        </body>
        </html>
        """
    }

    /// Links to the page in each of the host's languages (no script needed).
    static func languageLinks(_ strings: HostStrings, path: String) -> String {
        let links = strings.catalog.languages.map { language in
            let name = escapeHTML(strings.catalog.names[language] ?? language)
            return language == strings.language
                ? "<span aria-current=\"true\" lang=\"\(language)\">\(name)</span>"
                : "<a href=\"\(escapeHTML(path))?lang=\(language)\" lang=\"\(language)\" hreflang=\"\(language)\">\(name)</a>"
        }
        return "<nav class=\"languages\" aria-label=\"\(escapeHTML(strings["language"]))\">\(links.joined(separator: " "))</nav>"
    }
}
