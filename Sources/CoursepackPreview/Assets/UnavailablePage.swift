import CoursepackRender

/// The page a tab shows while the module has never rendered (it did not load at the start): what is
/// wrong, and that the page follows the fix by itself.
enum UnavailablePage {
    static func html(_ message: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>The module cannot be shown yet</title>
        <meta name="coursepack-preview" content="unavailable 0">
        <link rel="stylesheet" href="/_preview/preview.css">
        <script src="/_preview/client.js" defer></script></head>
        <body><main class="cpv-unavailable"><h1>The module cannot be shown yet</h1>
        <p class="cpv-marker cpv-hold" role="status">\(escape(message))</p>
        <p>Fix the file named above; this page shows the module as soon as it loads.</p></main></body></html>
        """
    }

    static func escape(_ text: String) -> String { HTMLEscaping.attribute(text) }
}
