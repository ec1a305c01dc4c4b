import CoursepackCheck
import CoursepackLoad
import Foundation
import TestSupport
import XCTest

/// Checks a small module made of the test module's manifest and first page plus the given files.
class CheckTestCase: XCTestCase {
    func diagnostics(_ files: [String: String], manifest: String = TemporaryModule.manifest) throws -> [Diagnostic] {
        var all = ["module.yaml": manifest, "pages/01-start.md": TemporaryModule.page]
        all.merge(files) { $1 }
        let module = try TemporaryModule(all)
        return try ModuleChecker.validate(module.root)
    }

    /// A page `01-start` whose body is the given Markdown, after front matter (lines 1-3) and a blank line:
    /// the body starts on line 5.
    func page(_ body: String) -> [String: String] {
        ["pages/01-start.md": "---\ntitle: Start\n---\n\n" + body]
    }

    /// Asserts exactly one diagnostic with this code, message and place.
    func assertOnly(_ diagnostics: [Diagnostic], _ code: DiagnosticCode, _ message: String, _ file: String,
                    _ line: Int, _ column: Int, file testFile: StaticString = #filePath, line testLine: UInt = #line) {
        XCTAssertEqual(diagnostics.count, 1, "expected one diagnostic, got:\n" + diagnostics.map(describe).joined(separator: "\n"),
                       file: testFile, line: testLine)
        guard let diagnostic = diagnostics.first else { return }
        XCTAssertEqual(diagnostic.code, code, file: testFile, line: testLine)
        XCTAssertEqual(diagnostic.message, message, file: testFile, line: testLine)
        XCTAssertEqual(diagnostic.location, SourceLocation(file: file, line: line, column: column), file: testFile, line: testLine)
        XCTAssertEqual(diagnostic.severity, code.severity, file: testFile, line: testLine)
    }

    func describe(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location): \(diagnostic.code.rawValue) \(diagnostic.message)"
    }
}
