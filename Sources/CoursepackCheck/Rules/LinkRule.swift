import CoursepackLoad

/// Links between pages and to headings must land somewhere: in a package a broken link is a dead end
/// the learner cannot leave except by the table of contents.
struct LinkRule: ModuleRule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in context.module.pages {
            for link in page.outline.links where !link.isImage {
                diagnostics += check(link.destination, at: link.location, on: page, context)
            }
            // Collected first, so that the walk over every string captures nothing large.
            var inline: [(destination: String, location: SourceLocation)] = []
            for component in page.components {
                component.body?.forEachString { text, location in
                    for destination in InlineLinks.destinations(in: text) { inline.append((destination, location)) }
                }
            }
            for link in inline {
                diagnostics += check(link.destination, at: link.location, on: page, context)
            }
        }
        return diagnostics
    }

    private func check(_ destination: String, at location: SourceLocation, on page: Page, _ context: CheckContext) -> [Diagnostic] {
        switch ModuleReference.markdownLink(destination) {
        case .external, .file:
            return []
        case .anchor(let anchor):
            return checkAnchor(anchor, on: page, at: location, written: destination)
        case .page(let id, let anchor):
            guard let target = context.pagesByID[id] else {
                let suggestion = Spelling.closest(to: id, among: context.module.pages.map(\.id))
                return [Diagnostic(.brokenPageLink, at: location,
                                   "the link '\(destination)' points to a page that does not exist"
                                    + (suggestion.map { "; did you mean '\($0).md'?" } ?? ""),
                                   hint: "link to a page by its file name, for example (02-address.md)")]
            }
            guard let anchor else { return [] }
            return checkAnchor(anchor, on: target, at: location, written: destination)
        }
    }

    private func checkAnchor(_ anchor: String, on page: Page, at location: SourceLocation, written: String) -> [Diagnostic] {
        // Pages have a handful of headings: a linear search beats building a set per page.
        guard !page.outline.headings.contains(where: { $0.anchor == anchor }) else { return [] }
        let anchors = page.outline.headings.map(\.anchor)
        let suggestion = Spelling.closest(to: anchor, among: anchors)
        return [Diagnostic(.brokenHeadingLink, at: location,
                           "the link '\(written)' points to a heading that \(page.file) does not have"
                            + (suggestion.map { "; did you mean '#\($0)'?" } ?? ""),
                           hint: anchors.isEmpty ? "that page has no headings to link to"
                            : "a heading's anchor is its text in lowercase with spaces as hyphens, for example #\(anchors[0])")]
    }
}
