import CoursepackLoad

/// SCORM 1.2 gives a course 4,096 characters of `suspend_data` to keep a learner's place and answers
/// between sessions; an LMS that enforces the limit refuses more, and the learner loses their work. This
/// rule works out, from the module alone, how long the player's state string can grow
/// (docs/player.md, "What the player stores"), and warns before a learner finds out.
///
/// Two figures: the *minimum*, what the player always keeps (the place, the pages seen, one character per
/// question for its result), which `pack --target scorm12` refuses to exceed; and the *worst case*, with
/// the extras the player drops first when space runs out (reflections, role-play paths, the options
/// chosen, checklist ticks), which only warns.
public struct LearnerStateRule: ModuleRule {
    public static let suspendDataLimit = 4_096
    static let defaultReflectionLength = 1_000
    /// A reflection longer than SCORM 2004's whole suspend_data cannot be kept anyway; counting more
    /// would only risk overflow on an absurd `max_length`.
    static let longestCountedReflection = 64_000

    func check(_ context: CheckContext) -> [Diagnostic] {
        let estimate = LearnerStateRule.estimate(context.module, components: context.components.map(\.component))
        guard estimate.worstCase > LearnerStateRule.suspendDataLimit else { return [] }
        let parts = estimate.parts.filter { $0.characters > 0 }.map { "\($0.what) \($0.characters)" }
        let always = estimate.minimum > LearnerStateRule.suspendDataLimit
            ? "; even the place, the pages seen and the results need \(estimate.minimum), so pack --target scorm12 refuses it"
            : "; the player keeps the place, the pages seen and the results (\(estimate.minimum)) and drops reflections, role-play paths, the options chosen and checklist ticks, in that order, when they do not fit"
        return [Diagnostic(.learnerStateTooLarge, at: SourceLocation(file: Module.manifestFile),
                           "the learner state may reach \(estimate.worstCase) characters, more than SCORM 1.2's \(LearnerStateRule.suspendDataLimit) for suspend_data (\(parts.joined(separator: ", ")))\(always)",
                           hint: "shorten reflections with 'max_length', split the module, or pack it for SCORM 2004 or cmi5, which allow far more")]
    }

    public struct Estimate: Sendable {
        /// What the player always keeps: version, time, place, language, the pages seen and the results.
        public var minimum: Int
        /// Every part, the kept ones first.
        public var parts: [(what: String, characters: Int)]
        public var worstCase: Int { parts.reduce(0) { $0 &+ $1.characters } }
    }

    /// The estimate for a loaded module (pack uses it for the SCORM 1.2 target).
    public static func estimate(_ module: Module) -> Estimate {
        estimate(module, components: module.pages.flatMap(\.components))
    }

    static func estimate(_ module: Module, components: [Component]) -> Estimate {
        func sixPerCharacter(_ count: Int) -> Int { (count + 5) / 6 }
        func base36Digits(_ value: Int) -> Int { value < 36 ? 1 : 1 + base36Digits(value / 36) }
        // "name":[...], between braces with commas
        func member(_ id: String?) -> Int { (id?.utf8.count ?? 16) + 6 }
        let pages = module.pages.count
        let longestTag = ([module.manifest?["language"]?.string] + (module.manifest?["locales"]?.array ?? []).map(\.string))
            .compactMap { $0?.utf8.count }.max() ?? 35
        // "2|" time(9) "|" page "|" language "|" ack(empty) "|" shape(4) "|" seen "|" results "|{}"
        let fixed = 2 + 9 + 1 + base36Digits(max(pages - 1, 0)) + 1 + longestTag + 1 + 1 + 4 + 1 + 1 + 3
        var results = 0, answers = 0, reflections = 0, checklists = 0, dialogues = 0
        for component in components {
            guard let body = component.body else { continue }
            let id = body["id"]?.string
            switch component.type {
            case .quiz:
                results += 1
                // the options chosen, as "a,b" or "left.right,...": two characters per option, item or pair
                let choices = (body["options"] ?? body["items"] ?? body["pairs"])?.array?.count ?? 1
                answers += member(id) + 4 * min(choices, 1_000)
            case .reflection:
                // JSON-escaped text: a little over the limit for escapes
                let limit = min(max(body["max_length"]?.integer ?? defaultReflectionLength, 0), longestCountedReflection)
                reflections += member(id) + limit + limit / 10
            case .checklist:
                let items = body["items"]?.array ?? []
                checklists += member(id) + items.reduce(0) { $0 + ($1["id"]?.string?.utf8.count ?? 8) + 3 }
            case .dialogue:
                dialogues += member(id) + 2 * (body["scenes"]?.array?.count ?? 0)
            default:
                break
            }
        }
        let minimum = fixed + sixPerCharacter(pages) + results
        return Estimate(minimum: minimum,
                        parts: [("place and pages", fixed + sixPerCharacter(pages)), ("results", results),
                                ("checklists", checklists), ("options chosen", answers),
                                ("role plays", dialogues), ("reflections", reflections)])
    }
}
