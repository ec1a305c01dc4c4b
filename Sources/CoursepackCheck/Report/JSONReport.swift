import CoursepackLoad
import Foundation

/// Machine-readable diagnostics, for editors and scripts. Stable field names; `column` counts
/// Unicode code points.
public enum JSONReport {
    struct Document: Encodable {
        let version = 1
        let modules: [Module]
        let errors: Int
        let warnings: Int
    }

    struct Module: Encodable {
        let path: String
        let diagnostics: [Entry]
    }

    struct Entry: Encodable {
        let code: String
        let severity: String
        let file: String
        let line: Int
        let column: Int
        let message: String
        let hint: String?
    }

    public static func render(_ reports: [ModuleReport]) -> String {
        let summary = ReportSummary(reports)
        let document = Document(
            modules: reports.map { report in
                Module(path: report.displayPath, diagnostics: report.diagnostics.map {
                    Entry(code: $0.code.rawValue, severity: $0.severity.rawValue, file: report.path(of: $0.location),
                          line: $0.location.line, column: $0.location.column, message: $0.message, hint: $0.hint)
                })
            },
            errors: summary.errors, warnings: summary.warnings)
        return encode(document)
    }

    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
