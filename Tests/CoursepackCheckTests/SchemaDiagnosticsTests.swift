import CoursepackLoad
import TestSupport
import XCTest

/// The JSON Schema engine's findings, phrased for people, at the right YAML line and column.
final class SchemaDiagnosticsTests: CheckTestCase {
    func testMissingFieldInAQuizOption() throws {
        let quiz = "```quiz\nid: q1\nkind: single\nquestion: Where do you register?\noptions:\n  - text: At the town hall\n    correct: true\n  - correct: false\n    feedback: No.\n```\n"
        assertOnly(try diagnostics(page(quiz)), .missingField, "a quiz option needs 'text'", "pages/01-start.md", 12, 5)
    }

    func testUnknownFieldSuggestsTheRightSpelling() throws {
        let quiz = "```quiz\nid: q1\nkind: single\nquestion: Where?\noptions:\n  - text: Here\n    corect: true\n  - text: There\n```\n"
        let found = try diagnostics(page(quiz)).filter { $0.code != .quizWithoutCorrectAnswer }
        assertOnly(found, .unknownField, "unknown field 'corect' in a quiz option; did you mean 'correct'?", "pages/01-start.md", 11, 5)
    }

    func testWrongKindOfQuizFieldIsUnknown() throws {
        let quiz = "```quiz\nid: q1\nkind: single\nquestion: Is it true?\nanswer: true\noptions:\n  - text: A\n    correct: true\n  - text: B\n```\n"
        let found = try diagnostics(page(quiz))
        assertOnly(found, .unknownField, "unknown field 'answer' in a quiz", "pages/01-start.md", 9, 1)
    }

    func testWrongType() throws {
        let quiz = "```quiz\nid: q1\nkind: true-false\nquestion: 112 is free.\nanswer: true\npoints: many\n```\n"
        assertOnly(try diagnostics(page(quiz)), .wrongType, "'points' should be a whole number, not text", "pages/01-start.md", 10, 9)
    }

    func testValueNotAllowed() throws {
        let callout = "```callout\nstyle: danger\nbody: Careful.\n```\n"
        let found = try diagnostics(page(callout))
        XCTAssertEqual(found.first?.code, .valueNotAllowed)
        XCTAssertEqual(found.first?.location, SourceLocation(file: "pages/01-start.md", line: 6, column: 8))
        XCTAssertTrue(found.first?.message.hasPrefix("'style' must be one of 'info', 'tip', 'warning', 'important'; found 'danger'") ?? false,
                      found.first?.message ?? "")
    }

    func testTextTooLong() throws {
        let title = String(repeating: "Long title ", count: 10)
        let found = try diagnostics(["pages/01-start.md": "---\ntitle: \(title)\n---\n\n# Start\n"])
        assertOnly(found, .badLength, "'title' is 109 characters long; the limit is 80", "pages/01-start.md", 2, 8)
    }

    func testBadForm() throws {
        let image = "```image\nsrc: pictures/office.jpg\nalt: An office\n```\n"
        let found = try diagnostics(page(image)).filter { $0.code != .missingMedia }
        XCTAssertEqual(found.map(\.code), [.badForm])
        XCTAssertEqual(found.first?.location, SourceLocation(file: "pages/01-start.md", line: 6, column: 6))
        XCTAssertEqual(found.first?.message, "'src' must be a valid media file; found 'pictures/office.jpg'")
        XCTAssertEqual(found.first?.hint?.hasPrefix("The path of a file in the module's media folder"), true)
    }

    func testOutOfRange() throws {
        let manifest = TemporaryModule.manifest.replacingOccurrences(of: "rule: pages-seen", with: "rule: quiz-passed\n  passing_score: 120")
        assertOnly(try diagnostics([:], manifest: manifest), .outOfRange, "'passing_score' must be at most 100; found 120", "module.yaml", 10, 18)
    }

    func testConditionalRequirement() throws {
        let manifest = TemporaryModule.manifest.replacingOccurrences(of: "rule: pages-seen", with: "rule: quiz-passed")
        assertOnly(try diagnostics([:], manifest: manifest), .missingField, "'completion' needs 'passing_score'", "module.yaml", 9, 3)
    }

    func testMissingFieldInManifestHasAHint() throws {
        let manifest = TemporaryModule.manifest.replacingOccurrences(of: "title: Test module\n", with: "")
        let found = try diagnostics([:], manifest: manifest)
        assertOnly(found, .missingField, "module.yaml needs 'title'", "module.yaml", 1, 1)
        XCTAssertNotNil(found.first?.hint)
    }
}
