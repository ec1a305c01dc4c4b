/// How serious a diagnostic is. Errors make `validate` fail; warnings only with `--strict`.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case warning
    case error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}
