import CoursepackLoad

/// A check that no JSON Schema can express, because it looks across values, pages or files.
///
/// Rules run after schema validation on whatever the loader could read; each one tolerates missing or
/// wrongly typed values (the schema findings already report those) and never reports them twice.
protocol ModuleRule: Sendable {
    func check(_ context: CheckContext) -> [Diagnostic]
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
