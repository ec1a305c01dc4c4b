import CoursepackLoad

/// The manifest's `pages` list and the files in `pages/` must agree: every page listed once, every
/// listed page present. A page left out would silently never reach a learner.
struct PageOrderRule: ModuleRule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        guard context.module.manifest?["pages"]?.array != nil else { return [] }
        var diagnostics: [Diagnostic] = []
        var firstListing: [String: SourceLocation] = [:]
        let files = context.module.pages.map(\.id)
        for (id, location) in context.pageOrder {
            if let first = firstListing[id] {
                diagnostics.append(Diagnostic(.pageListedTwice, at: location,
                                              "page '\(id)' is listed twice in 'pages' (first on line \(first.line))",
                                              hint: "remove one of the two entries"))
                continue
            }
            firstListing[id] = location
            if context.pagesByID[id] == nil {
                let suggestion = Spelling.closest(to: id, among: files)
                diagnostics.append(Diagnostic(.listedPageMissing, at: location,
                                              "page '\(id)' is listed in 'pages' but pages/\(id).md does not exist"
                                                + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                                              hint: "create pages/\(id).md or correct the name"))
            }
        }
        for page in context.module.pages where firstListing[page.id] == nil {
            diagnostics.append(Diagnostic(.pageNotListed, at: SourceLocation(file: page.file),
                                          "this page is not listed in module.yaml's 'pages', so learners never see it",
                                          hint: "add '- \(page.id)' to 'pages' in module.yaml where it belongs in the reading order, or delete the file"))
        }
        return diagnostics
    }
}
