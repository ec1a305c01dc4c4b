import CoursepackLoad

/// When a module counts as completed (module.yaml `completion`, docs/format.md "Completion"), as the
/// manifests need it.
public struct CompletionRule: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case pagesSeen = "pages-seen"
        case quizPassed = "quiz-passed"
        case pagesAndQuiz = "pages-and-quiz"
    }

    public let rule: Kind
    /// Percent, for the rules with a quiz.
    public let passingScore: Int?
    /// Percent of the pages the learner must open; 100 when module.yaml does not say.
    public let pagesRequired: Int

    public init(rule: Kind, passingScore: Int? = nil, pagesRequired: Int = 100) {
        self.rule = rule
        self.passingScore = passingScore
        self.pagesRequired = pagesRequired
    }

    /// Reads `completion` from module.yaml; nil when it is missing or wrong (the checker reports that,
    /// and a module with errors is never packed).
    init?(_ completion: SourceValue?) {
        guard let completion, let rule = completion["rule"]?.string.flatMap(Kind.init(rawValue:)) else { return nil }
        self.rule = rule
        passingScore = rule == .pagesSeen ? nil : completion["passing_score"]?.integer
        pagesRequired = completion["pages_required"]?.integer ?? 100
        if rule != .pagesSeen && passingScore == nil { return nil }
    }

    var needsQuiz: Bool { rule != .pagesSeen }
    var needsPages: Bool { rule != .quizPassed }

    /// The passing score as SCORM 2004 and cmi5 write it: a decimal from 0 to 1.
    var scaledPassingScore: String? { passingScore.map { Self.decimal(percent: $0) } }

    /// The share of pages as a decimal from 0 to 1.
    var scaledPagesRequired: String { Self.decimal(percent: pagesRequired) }

    /// `70` → `0.7`, `100` → `1.0`, `5` → `0.05`: exact, without going through floating point.
    static func decimal(percent: Int) -> String {
        let clamped = max(0, min(100, percent))
        if clamped == 100 { return "1.0" }
        if clamped == 0 { return "0.0" }
        let digits = clamped < 10 ? "0\(clamped)" : "\(clamped)"
        var fraction = Substring(digits)
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        return "0." + fraction
    }
}
