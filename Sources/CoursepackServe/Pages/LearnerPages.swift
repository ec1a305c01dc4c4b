import Foundation

/// The learner's pages: joining, the catalog, the player frame. Plain forms and links; the only script
/// is the player frame's, which the content needs anyway.
enum LearnerPages {
    static func join(_ strings: HostStrings, error: String? = nil, typed: String = "") -> String {
        let problem = error.map { "<p class=\"error\" role=\"alert\" id=\"join-error\">\(escapeHTML($0))</p>" } ?? ""
        return PageLayout.page(strings, title: strings["join.title"], header: PageLayout.languageLinks(strings, path: "/"), body: """
            <h1>\(escapeHTML(strings["join.title"]))</h1>
            <p>\(escapeHTML(strings["join.intro"]))</p>
            \(problem)
            <form method="post" action="/join" class="card">
            <input type="hidden" name="lang" value="\(strings.language)">
            <label for="code">\(escapeHTML(strings["join.field"]))</label>
            <input type="text" id="code" name="code" autocomplete="off" autocapitalize="characters" required value="\(escapeHTML(typed))"\(error != nil ? " aria-describedby=\"join-error\"" : "")>
            <p><button type="submit">\(escapeHTML(strings["join.button"]))</button></p>
            </form>
            """)
    }

    struct CatalogItem {
        let id: String
        let title: String
        let state: String  // not-started, incomplete, completed, passed, failed
        let score: Double?
        let needsSequencing: Bool
    }

    static func catalog(_ strings: HostStrings, learner: Learner, items: [CatalogItem]) -> String {
        let header = PageLayout.languageLinks(strings, path: "/catalog")
            + "<form method=\"post\" action=\"/leave\" class=\"inline\"><button class=\"quiet\" type=\"submit\">\(escapeHTML(strings["signout"]))</button></form>"
        let cards = items.map { item -> String in
            let action = item.state == "not-started" ? "catalog.open" : (item.state == "incomplete" ? "catalog.resume" : "catalog.review")
            let score = item.score.map { "<span class=\"score\">\(escapeHTML(strings.format("score", ["score": formatScore($0)])))</span>" } ?? ""
            let note = item.needsSequencing ? "<p class=\"notice\">\(escapeHTML(strings["catalog.sequencing"]))</p>" : ""
            return """
                <li class="card" data-package="\(escapeHTML(item.id))">
                <h2>\(escapeHTML(item.title))</h2>
                <p><span class="status \(item.state)">\(escapeHTML(strings["status." + item.state]))</span> \(score)</p>
                \(note)
                <a class="button" href="/play/\(escapeURLComponent(item.id))">\(escapeHTML(strings[action]))</a>
                </li>
                """
        }
        let list = items.isEmpty ? "<p>\(escapeHTML(strings["catalog.empty"]))</p>" : "<ul style=\"list-style:none;padding:0\">\(cards.joined())</ul>"
        return PageLayout.page(strings, title: strings["catalog.title"], header: header, body: """
            <h1>\(escapeHTML(strings["catalog.title"]))</h1>
            <p>\(escapeHTML(strings.format("catalog.hello", ["name": learner.name])))</p>
            \(list)
            """)
    }

    static func formatScore(_ score: Double) -> String {
        score == score.rounded() ? String(Int(score)) : String(format: "%.1f", score)
    }

    /// The player frame page: the table of contents, the save status, the content frame. `launch` is
    /// the JSON the script starts from (attempt, record, launch values, the course's entries).
    static func play(_ strings: HostStrings, title: String, packageID: String, launchJSON: String, toc: [(id: String, title: String, depth: Int, launchable: Bool)],
                     current: String) -> String {
        let tocItems = toc.map { entry -> String in
            let label = escapeHTML(entry.title.isEmpty ? entry.id : entry.title)
            let indent = entry.depth > 0 ? " style=\"margin-inline-start:\(entry.depth)rem\"" : ""
            guard entry.launchable else { return "<li\(indent)>\(label)</li>" }
            let currentMark = entry.id == current ? " aria-current=\"page\"" : ""
            return "<li\(indent)><a href=\"/play/\(escapeURLComponent(packageID))?sco=\(escapeURLComponent(entry.id))\" data-sco=\"\(escapeHTML(entry.id))\"\(currentMark)>\(label)</a></li>"
        }
        let tocBlock = toc.filter(\.launchable).count > 1
            ? "<details class=\"toc\" id=\"toc\"><summary>\(escapeHTML(strings["play.contents"]))</summary><ol>\(tocItems.joined())</ol></details>" : ""
        // The strings the script shows, in the page's language.
        let messages = ["play.saved", "play.saving", "play.queued", "play.failed", "play.retired", "play.finished"]
            .map { "data-\($0.replacingOccurrences(of: ".", with: "-"))=\"\(escapeHTML(strings[$0]))\"" }.joined(separator: " ")
        return PageLayout.document(strings, title: title, bodyClass: "play", body: """
            <div class="playbar">
            <a href="/catalog">\(escapeHTML(strings["play.back"]))</a>
            <strong>\(escapeHTML(title))</strong>
            <span class="save" id="save-status" role="status" aria-live="polite" \(messages)></span>
            </div>
            \(tocBlock)
            <main>
            <iframe class="content" id="content" title="\(escapeHTML(title))"></iframe>
            </main>
            <script type="application/json" id="launch">\(launchJSON.replacingOccurrences(of: "</", with: "<\\/"))</script>
            \(RuntimeAssets.scriptTags)
            <script src="/static/player-frame.js"></script>
            """)
    }
}
