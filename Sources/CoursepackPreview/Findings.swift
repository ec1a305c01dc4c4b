import CoursepackLoad

/// A finding as the browser shows it: the diagnostic, and the page it is on (nil for module.yaml, the
/// tables, the media).
public struct Finding: Codable, Sendable, Hashable {
    public let file: String
    public let line: Int
    public let column: Int
    public let severity: String
    public let code: String
    public let message: String
    public let hint: String?
    public let page: String?

    init(_ diagnostic: Diagnostic) {
        file = diagnostic.location.file
        line = diagnostic.location.line
        column = diagnostic.location.column
        severity = diagnostic.severity.rawValue
        code = diagnostic.code.rawValue
        message = diagnostic.message
        hint = diagnostic.hint
        page = Finding.page(of: diagnostic.location.file)
    }

    /// The page a file is (`pages/<id>.md`).
    static func page(of file: String) -> String? {
        guard file.hasPrefix("pages/"), file.hasSuffix(".md"), !file.dropFirst(6).contains("/") else { return nil }
        return String(file.dropFirst(6).dropLast(3))
    }
}

/// Why the preview shows an earlier version of a page, or of the whole module: the edit broke it.
public struct Hold: Codable, Sendable, Hashable {
    /// The page kept as it was; nil when the whole module is.
    public let page: String?
    public let message: String
}

/// Everything the browser and the terminal are told about the module's problems at one version.
public struct FindingsReport: Codable, Sendable, Equatable {
    public let version: Int
    /// False while the checker has not yet run on this version (only the loader's findings are in).
    public let checked: Bool
    public let findings: [Finding]
    public let holds: [Hold]
}
