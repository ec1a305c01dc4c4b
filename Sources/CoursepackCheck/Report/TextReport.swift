import CoursepackLoad
import Foundation

/// Compiler-style text: `file:line:column: error: message [CP100]`, the source line with a caret, and
/// the hint. Editors and terminals turn the first part into a link to the place.
public struct TextReport {
    public var colors: Bool

    public init(colors: Bool) { self.colors = colors }

    public func render(_ reports: [ModuleReport], root: URL? = nil) -> String {
        var output = ""
        var sourceCache: [String: [Substring]] = [:]
        for report in reports {
            for diagnostic in report.diagnostics {
                let path = report.path(of: diagnostic.location)
                let severity = diagnostic.severity == .error ? paint("error", "1;31") : paint("warning", "1;35")
                output += paint("\(path):\(diagnostic.location.line):\(diagnostic.location.column):", "1")
                output += " \(severity): \(paint(diagnostic.message, "1")) [\(diagnostic.code.rawValue)]\n"
                if let line = sourceLine(path, diagnostic.location.line, cache: &sourceCache) {
                    let number = String(diagnostic.location.line)
                    let gutter = String(repeating: " ", count: number.count)
                    let prefix = line.unicodeScalars.prefix(diagnostic.location.column - 1)
                        .map { $0 == "\t" ? "\t" : " " }.joined()
                    output += " \(number) | \(line)\n \(gutter) | \(prefix)\(paint("^", "1;32"))\n"
                }
                if let hint = diagnostic.hint {
                    let indented = hint.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n        ")
                    output += "  \(paint("hint:", "1;36")) \(indented)\n"
                }
            }
        }
        let summary = ReportSummary(reports)
        let checked = reports.count == 1 ? reports[0].displayPath : "\(reports.count) modules"
        output += "\(checked): \(summary.sentence)\n"
        return output
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The line a diagnostic points at, for the snippet; nothing for binary or huge files.
    private func sourceLine(_ path: String, _ number: Int, cache: inout [String: [Substring]]) -> String? {
        if cache[path] == nil {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  (attributes[.size] as? NSNumber)?.intValue ?? .max <= TextFile.sizeLimit,
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let data = FileManager.default.contents(atPath: path),
                  case .success(let text) = TextFile.decode(data, as: path) else {
                cache[path] = []
                return nil
            }
            cache[path] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = cache[path], number >= 1, number <= lines.count else { return nil }
        let line = lines[number - 1]
        return line.trimmingCharacters(in: .whitespaces).isEmpty ? nil : String(line)
    }
}
