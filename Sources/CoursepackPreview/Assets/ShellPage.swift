import Foundation

/// What the preview's own page needs to know: the module and its locales.
struct ShellConfiguration: Encodable {
    struct Locale: Encodable {
        let tag: String
        let name: String
        let rtl: Bool
        /// The document's path under /module/.
        let document: String
        let source: Bool
    }

    let module: String
    let locales: [Locale]
    let initial: String
}

/// The preview's own page: a bar (language, review, device), the module in a phone-sized and a
/// laptop-sized frame, and the findings panel.
enum ShellPage {
    static func html(_ configuration: ShellConfiguration) -> String {
        let json = (try? JSONEncoder().encode(configuration)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        // Inside <script>, "<" could end the element early.
        let safe = json.replacingOccurrences(of: "<", with: "\\u003c")
        let title = UnavailablePage.escape(configuration.module)
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Preview: \(title)</title>
        <link rel="stylesheet" href="/_preview/shell.css">
        <script type="application/json" id="cpv-config">\(safe)</script>
        <script src="/_preview/shell.js" defer></script>
        </head>
        <body>
        <header class="cpv-bar">
        <p class="cpv-title">Preview <span>\(title)</span></p>
        <label class="cpv-field">Language <select id="cpv-locale"></select></label>
        <label class="cpv-field"><input type="checkbox" id="cpv-review"> Translator review</label>
        <fieldset class="cpv-devices"><legend>View</legend>
        <label><input type="radio" name="cpv-device" value="both" checked> Phone and laptop</label>
        <label><input type="radio" name="cpv-device" value="laptop"> Laptop</label>
        <label><input type="radio" name="cpv-device" value="phone"> Phone</label>
        </fieldset>
        <p id="cpv-state" role="status"></p>
        </header>
        <div class="cpv-body">
        <div class="cpv-stage" id="cpv-stage" data-device="both">
        <div class="cpv-frame cpv-phone"><p class="cpv-frame-label">Phone, 390 × 844</p>
        <div class="cpv-viewport"><iframe id="cpv-phone" name="phone" title="The module on a phone" width="390" height="844"></iframe></div></div>
        <div class="cpv-frame cpv-laptop"><p class="cpv-frame-label">Laptop, 1280 × 800</p>
        <div class="cpv-viewport"><iframe id="cpv-laptop" name="laptop" title="The module on a laptop" width="1280" height="800"></iframe></div></div>
        </div>
        <aside class="cpv-panel" id="cpv-findings" aria-labelledby="cpv-findings-title">
        <h2 id="cpv-findings-title">Problems</h2>
        <div id="cpv-holds"></div>
        <ol id="cpv-list"></ol>
        <div id="cpv-legend" hidden>
        <h2>Review</h2>
        <p>Every string shows its status and id, as in the locale's table (<code>locales/&lt;tag&gt;.po</code>, <code>msgctxt</code>).</p>
        <ul class="cpv-legend">
        <li><span data-cp-status="translated">translated</span> or <span data-cp-status="final">final</span>: shown to learners</li>
        <li><span data-cp-status="new">new</span>: not translated, shown in the source language</li>
        <li><span data-cp-status="needs-review">needs review</span>: translated, to be checked</li>
        <li><span data-cp-status="stale">stale</span>: the source changed after translation</li>
        </ul>
        <p id="cpv-counts"></p>
        </div>
        </aside>
        </div>
        </body>
        </html>

        """
    }
}
