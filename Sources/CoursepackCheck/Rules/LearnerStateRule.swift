import CoursepackLoad

/// SCORM 1.2 gives a course 4,096 characters of `suspend_data` to keep a learner's place and answers
/// between sessions; an LMS may truncate or refuse more, and the learner loses their work. This rule
/// estimates what the player must keep for this module and warns before a learner finds out.
///
/// The estimate follows the player's compact encoding: a bit per page seen, a few characters per
/// question, the text of every reflection (at its maximum length), a bit per checklist item and the path
/// through each dialogue; see `docs/diagnostics.md` (CP601).
struct LearnerStateRule: ModuleRule {
    static let suspendDataLimit = 4_096
    static let defaultReflectionLength = 1_000

    func check(_ context: CheckContext) -> [Diagnostic] {
        let estimate = LearnerStateRule.estimate(context)
        guard estimate.total > LearnerStateRule.suspendDataLimit else { return [] }
        let parts = estimate.parts.filter { $0.characters > 0 }.map { "\($0.what) \($0.characters)" }
        return [Diagnostic(.learnerStateTooLarge, at: SourceLocation(file: Module.manifestFile),
                           "the learner state may reach \(estimate.total) characters, more than SCORM 1.2's \(LearnerStateRule.suspendDataLimit) for suspend_data (\(parts.joined(separator: ", ")))",
                           hint: "shorten reflections with 'max_length', split the module, or pack it for SCORM 2004 or cmi5, which allow far more")]
    }

    struct Estimate {
        var parts: [(what: String, characters: Int)]
        var total: Int { parts.reduce(0) { $0 + $1.characters } + 16 }  // version, location and separators
    }

    static func estimate(_ context: CheckContext) -> Estimate {
        // Base64-style encoding: 6 bits per character.
        func bits(_ count: Int) -> Int { (count + 5) / 6 }
        var quizzes = 0, reflections = 0, checklists = 0, dialogues = 0
        for (_, component) in context.components {
            guard let body = component.body else { continue }
            switch component.type {
            case .quiz:
                // Answer (one character per option or item), attempts and score.
                let answers = (body["options"] ?? body["items"] ?? body["pairs"])?.array?.count ?? 1
                quizzes += 4 + answers
            case .reflection:
                // JSON-escaped text: count a little over the limit for escapes.
                // An author's number may be anything YAML holds, up to Int.max: clamped before any
                // arithmetic (the schema reports a value out of range on its own).
                let limit = min(max(body["max_length"]?.integer ?? defaultReflectionLength, 0), 1 << 32)
                reflections = min(reflections + limit + limit / 10 + 4, 1 << 48)
            case .checklist:
                checklists += 2 + bits(body["items"]?.array?.count ?? 0)
            case .dialogue:
                dialogues += 2 + 2 * (body["scenes"]?.array?.count ?? 0)
            default:
                break
            }
        }
        return Estimate(parts: [("pages", 2 + bits(context.module.pages.count)), ("quizzes", quizzes),
                                ("reflections", reflections), ("checklists", checklists), ("dialogues", dialogues)])
    }
}
