/// A place in a module's files: the path relative to the module folder, and a 1-based line and column.
///
/// Columns count Unicode scalars (code points), as SARIF's default `unicodeCodePoints` and most
/// editors expect, not bytes: an Arabic or Ukrainian line gets the column a person sees.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// The same file, moved by a line and column offset (for YAML embedded in a Markdown file).
    public func shifted(lines: Int, columns: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lines, column: column + columns)
    }
}
