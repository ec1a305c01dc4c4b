import CoursepackLoad

/// Screen-reader users move through a page by its headings; a skipped level (## then ####) reads as a
/// missing section, and several top-level headings as several pages.
struct HeadingRule: ModuleRule {
    let pageByPage = true

    func check(_ context: CheckContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in context.module.pages {
            var previous = 1
            var firstTopLevel: SourceLocation?
            for heading in page.outline.headings {
                if heading.level == 1 {
                    if let first = firstTopLevel {
                        diagnostics.append(Diagnostic(.headingLevels, at: heading.location,
                                                      "a second top-level heading (the first is on line \(first.line))",
                                                      hint: "a page has one '#' heading, its title; use '##' for its sections"))
                    }
                    firstTopLevel = firstTopLevel ?? heading.location
                } else if heading.level > previous + 1 {
                    let expected = String(repeating: "#", count: previous + 1)
                    diagnostics.append(Diagnostic(.headingLevels, at: heading.location,
                                                  "this heading skips from level \(previous) to level \(heading.level)",
                                                  hint: "use '\(expected)' here, so the outline has no gap"))
                }
                previous = heading.level
            }
        }
        return diagnostics
    }
}
