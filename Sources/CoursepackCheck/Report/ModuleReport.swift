import CoursepackLoad

/// The diagnostics of one module as a command reports them: paths shown as the user wrote them.
public struct ModuleReport: Sendable {
    /// The module folder as given on the command line (`Samples/first-weeks`), used as the prefix of
    /// every file path so that a terminal or an editor can open it.
    public let displayPath: String
    public let diagnostics: [Diagnostic]

    public init(displayPath: String, diagnostics: [Diagnostic]) {
        self.displayPath = displayPath
        self.diagnostics = diagnostics
    }

    public func path(of location: SourceLocation) -> String {
        if displayPath.isEmpty || displayPath == "." { return location.file }
        if location.file == "." { return displayPath }
        return displayPath.hasSuffix("/") ? displayPath + location.file : displayPath + "/" + location.file
    }
}

/// Counts over several reports.
public struct ReportSummary: Sendable, Equatable {
    public var errors = 0
    public var warnings = 0

    public init(_ reports: [ModuleReport]) {
        for diagnostic in reports.flatMap(\.diagnostics) {
            if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
        }
    }

    public var sentence: String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        if errors == 0 && warnings == 0 { return "no problems found" }
        return [errors > 0 ? plural(errors, "error") : nil, warnings > 0 ? plural(warnings, "warning") : nil]
            .compactMap { $0 }.joined(separator: " and ")
    }
}
