import CoursepackLoad
import Foundation

/// Compiler-style text: `file:line:column: error: message [CP100]`, the source line with a caret, and
/// the hint. Editors and terminals turn the first part into a link to the place.
public struct TextReport {
    public var colors: Bool
    /// Applied to every piece of text that comes from the module (paths, messages quoting values,
    /// source lines, hints): the command line passes its terminal sanitiser, so that a file name or a
    /// value cannot move the cursor, recolour or rewrite what the terminal shows.
    public var escape: @Sendable (String) -> String

    /// Source lines longer than this many characters are shown as a window around the column.
    public static let snippetWidth = 120

    public init(colors: Bool, escape: @escaping @Sendable (String) -> String = { $0 }) {
        self.colors = colors
        self.escape = escape
    }

    public func render(_ reports: [ModuleReport], root: URL? = nil) -> String {
        var output = ""
        var sourceCache: [String: SourceLines] = [:]
        for report in reports {
            let boundary = ModuleBoundary(URL(fileURLWithPath: report.displayPath.isEmpty ? "." : report.displayPath))
            for diagnostic in report.diagnostics {
                let path = report.path(of: diagnostic.location)
                let severity = diagnostic.severity == .error ? paint("error", "1;31") : paint("warning", "1;35")
                output += paint("\(escape(path)):\(diagnostic.location.line):\(diagnostic.location.column):", "1")
                output += " \(severity): \(paint(escape(diagnostic.message), "1")) [\(diagnostic.code.rawValue)]\n"
                if Self.showsSource(diagnostic.code),
                   let line = sourceLine(path, diagnostic.location.line, boundary: boundary, cache: &sourceCache) {
                    let number = String(diagnostic.location.line)
                    let gutter = String(repeating: " ", count: number.count)
                    let window = Self.window(line, column: diagnostic.location.column)
                    let prefix = window.beforeCaret.map { $0 == "\t" ? "\t" : " " }.joined()
                    output += " \(number) | \(escape(window.text))\n \(gutter) | \(prefix)\(paint("^", "1;32"))\n"
                }
                if let hint = diagnostic.hint {
                    let indented = hint.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
                        .joined(separator: "\n        ")
                    output += "  \(paint("hint:", "1;36")) \(indented)\n"
                }
            }
        }
        let summary = ReportSummary(reports)
        let checked = reports.count == 1 ? escape(reports[0].displayPath) : "\(reports.count) modules"
        output += "\(checked): \(summary.sentence)\n"
        return output
    }

    /// A refused or unreadable file is never read again to show a line of it.
    static func showsSource(_ code: DiagnosticCode) -> Bool {
        ![.unreadablePath, .linkLeavesModule, .specialFile, .binaryFile, .notUTF8, .fileTooLarge].contains(code)
    }

    /// At most `snippetWidth` characters of `line` around `column` (1-based, in Unicode scalars), with
    /// `…` where the line is cut: a 110 KB line is not repeated whole for each of its findings, and
    /// each finding costs the window, not the line.
    static func window(_ line: [Unicode.Scalar], column: Int) -> (text: String, beforeCaret: ArraySlice<Unicode.Scalar>) {
        let caret = min(max(0, column - 1), line.count)
        if line.count <= snippetWidth {
            var text = ""
            text.unicodeScalars.append(contentsOf: line)
            return (text, line[0..<caret])
        }
        let lead = snippetWidth / 3
        let start = max(0, min(caret - lead, line.count - snippetWidth))
        let end = min(line.count, start + snippetWidth)
        var text = start > 0 ? "…" : ""
        text.unicodeScalars.append(contentsOf: line[start..<end])
        if end < line.count { text += "…" }
        let before: ArraySlice<Unicode.Scalar> = start > 0 ? [" "] + line[start..<min(max(start, caret), end)] : line[0..<min(caret, end)]
        return (text, before)
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The line a diagnostic points at, for the snippet; nothing for binary or huge files, nothing that
    /// is not a regular file inside the module (a link out of it, a named pipe).
    private func sourceLine(_ path: String, _ number: Int, boundary: ModuleBoundary?,
                            cache: inout [String: SourceLines]) -> [Unicode.Scalar]? {
        if cache[path] == nil {
            let absolute = URL(fileURLWithPath: path).path
            guard let boundary,
                  case .success((.file, _)) = boundary.check(path: absolute),
                  case .success(let text) = TextFile.read(URL(fileURLWithPath: absolute), as: path) else {
                cache[path] = SourceLines("")
                return nil
            }
            cache[path] = SourceLines(text)
        }
        return cache[path]?.line(number)
    }
}

/// A file's lines, each turned into scalars once, however many findings point into it.
final class SourceLines {
    private let lines: [Substring]
    private var scalars: [Int: [Unicode.Scalar]?] = [:]

    init(_ text: String) {
        lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Line `number` (1-based), nil when there is none or it is blank.
    func line(_ number: Int) -> [Unicode.Scalar]? {
        guard number >= 1, number <= lines.count else { return nil }
        if let known = scalars[number] { return known }
        let line = Array(lines[number - 1].unicodeScalars)
        let result = line.allSatisfy { $0 == " " || $0 == "\t" } ? nil : line
        scalars[number] = result
        return result
    }
}
