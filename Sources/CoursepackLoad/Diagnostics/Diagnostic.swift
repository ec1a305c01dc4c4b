/// One finding about a module: what is wrong, where, and what to do about it.
public struct Diagnostic: Error, Sendable, Hashable {
    public let code: DiagnosticCode
    public let location: SourceLocation
    /// A sentence for the author, e.g. "a quiz option needs 'text'".
    public let message: String
    /// What to do about it, when there is something useful to say.
    public let hint: String?

    public var severity: Severity { code.severity }

    public init(_ code: DiagnosticCode, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
    }
}

extension Diagnostic: Comparable {
    /// Ordered as a compiler prints them: by file, line, column, then code.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.code != b.code { return a.code.rawValue < b.code.rawValue }
        return a.message < b.message
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
