import Foundation

/// What the preview adds to a module's document: its style and the script that follows the changes,
/// placed before `</head>`, with the document's variant and version for that script.
enum PreviewMarkup {
    static func inject(into document: String, variant: PreviewVariant, version: Int) -> String {
        let tags = """
            <meta name="coursepack-preview" content="\(variant.review ? "review" : "learner") \(version)">
            <link rel="stylesheet" href="/_preview/preview.css">
            <script src="/_preview/client.js" defer></script>

            """
        guard let head = document.range(of: "</head>") else { return document }
        var html = document
        html.insert(contentsOf: tags, at: head.lowerBound)
        return html
    }
}
