import CoursepackLoad
@testable import CoursepackLocalize
import Foundation
import TestSupport
import XCTest

/// `validate` runs the translation checks over the stored tables.
final class TableCheckerTests: XCTestCase {
    private func module(_ po: String) throws -> (TemporaryModule, Module) {
        let folder = try TemporaryModule(["module.yaml": StringTablesTests.manifest.replacingOccurrences(of: "[ar, uk]", with: "[uk]"),
                                          "pages/01-start.md": StringTablesTests.page, "locales/uk.po": po])
        return (folder, try XCTUnwrap(try ModuleLoader.load(folder.root).module))
    }

    func testAnUnreadableTableIsReportedAtItsLine() throws {
        let (folder, module) = try module("msgid \"\"\nmsgstr \"\"\n\nmsgctxt \"module/title\"\nmsgid \"Test module\"\nmsgstr \"Тест\n")
        let diagnostics = withExtendedLifetime(folder) { TableChecker.diagnostics(for: module).sorted() }
        XCTAssertEqual(diagnostics.map(\.code), [.unreadableStringTable])
        XCTAssertEqual(diagnostics.first?.location, SourceLocation(file: "locales/uk.po", line: 6))
        XCTAssertEqual(diagnostics.first?.message, "this string table cannot be read: locales/uk.po:6: a string must be in double quotes")
    }

    func testRefusedAndWarnedTranslationsAtTheirMsgstr() throws {
        let po = """
            msgid ""
            msgstr ""
            "Language: uk\\n"

            msgctxt "where-to-go/question"
            msgid "Where do you register?"
            msgstr "Де реєструватися"

            msgctxt "01-start/li-\(SourceHash.of("Your [rental contract](#registering-your-address)").prefix(6))"
            msgid "Your [rental contract](#registering-your-address)"
            msgstr "Ваш договір оренди"

            """
        let (folder, module) = try module(po)
        let diagnostics = withExtendedLifetime(folder) { TableChecker.diagnostics(for: module).sorted() }
        XCTAssertEqual(diagnostics.map(\.code), [.translationWarning, .translationRefused])
        XCTAssertEqual(diagnostics.map(\.location.line), [7, 11])
        XCTAssertEqual(diagnostics.last?.message.hasPrefix("01-start/li-"), true)
        XCTAssertTrue(diagnostics.last?.message.contains("link") ?? false, diagnostics.last?.message ?? "")
    }
}
