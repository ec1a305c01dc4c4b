/// One defect found in a package: the rule, where (file and line of its first occurrence), and how
/// many times it repeats; a defect that recurs (1,001 items naming one missing resource) is one finding.
public struct VerifyFinding: Sendable, Codable, Equatable {
    public let rule: String
    public let severity: VerifySeverity
    public let message: String
    public let file: String?
    public let line: Int?
    public var count: Int
    /// What the finding does on each LMS family.
    public let effects: [String: LMSEffect]

    init(_ rule: VerifyRule, _ message: String, file: String?, line: Int?, count: Int = 1) {
        self.rule = rule.id
        self.severity = rule.severity
        self.message = message
        self.file = file
        self.line = line
        self.count = count
        var effects: [String: LMSEffect] = [:]
        for family in LMSFamily.allCases { effects[family.rawValue] = rule.effect(on: family) }
        self.effects = effects
    }

    /// `imsmanifest.xml:12: standard [scorm-identifier-duplicate]: ... (3 times)`
    public var text: String {
        let place = file.map { file in line.map { "\(file):\($0): " } ?? "\(file): " } ?? ""
        let repeats = count > 1 ? " (\(count) times)" : ""
        return "\(place)\(severity.rawValue) [\(rule)]: \(message)\(repeats)"
    }
}

/// Gathers findings, folding a defect that repeats into one finding with a count. `key` names the
/// defect (the missing path, the duplicate id); without one, the message is the key.
struct FindingCollector {
    private(set) var findings: [VerifyFinding] = []
    private var index: [String: Int] = [:]

    mutating func add(_ rule: VerifyRule, _ message: @autoclosure () -> String, file: String?, line: Int?, key: String? = nil) {
        let text = key == nil ? message() : nil
        let identity = rule.id + "\u{0}" + (file ?? "") + "\u{0}" + (key ?? text ?? "")
        if let position = index[identity] {
            findings[position].count += 1
            return
        }
        index[identity] = findings.count
        findings.append(VerifyFinding(rule, text ?? message(), file: file, line: line))
    }

    mutating func append(_ finding: VerifyFinding) { findings.append(finding) }
}
