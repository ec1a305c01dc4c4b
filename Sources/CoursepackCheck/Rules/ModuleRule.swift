import CoursepackLoad

/// A check that no JSON Schema can express, because it looks across values, pages or files.
///
/// Rules run after schema validation on whatever the loader could read; each one tolerates missing or
/// wrongly typed values (the schema findings already report those) and never reports them twice.
protocol ModuleRule: Sendable {
    /// True when the findings on a page depend on that page alone (not on other pages, module.yaml or
    /// the media folder): the rule can then check one page at a time, and the live preview checks again
    /// only the page that changed.
    var pageByPage: Bool { get }
    func check(_ context: CheckContext) -> [Diagnostic]
}

extension ModuleRule {
    var pageByPage: Bool { false }
}

/// Every rule, in the order their findings are most useful to read.
let allRules: [any ModuleRule] = [
    PageOrderRule(),
    IdentifierRule(),
    VersionRule(),
    LocaleRule(),
    LinkRule(),
    MediaRule(),
    AccessibilityRule(),
    HeadingRule(),
    QuizRule(),
    DialogueRule(),
    LearnerStateRule(),
]

let pageRules = allRules.filter(\.pageByPage)
let crossPageRules = allRules.filter { !$0.pageByPage }
