import CoursepackLoad
@testable import CoursepackLocalize
import Foundation
import TestSupport
import XCTest

/// Import is string by string: bad strings are refused with a reason, the rest imports.
final class ImporterTests: XCTestCase {
    private var folder: TemporaryModule!
    private var strings: ModuleStrings!

    override func setUpWithError() throws {
        folder = try TemporaryModule(["module.yaml": StringTablesTests.manifest, "pages/01-start.md": StringTablesTests.page])
        strings = try ModuleStrings.load(try XCTUnwrap(try ModuleLoader.load(folder.root).module))
    }

    private func unit(_ text: String) throws -> SourceUnit {
        try XCTUnwrap(strings.units.first { $0.text == text })
    }

    private func file(_ targets: [(String, String)], locale: String = "uk") throws -> ExchangeFile {
        var file = ExchangeBuilder.file(for: strings, locale: locale)
        for (text, target) in targets {
            let id = try unit(text).id
            let index = try XCTUnwrap(file.units.firstIndex { $0.id == id })
            file.units[index].target = [target]
            file.units[index].status = .translated
        }
        return file
    }

    func testBadStringsAreRefusedOneByOneAndTheRestImports() throws {
        let incoming = try file([
            ("Go to the **citizens' office** within two weeks.", "Ідіть до **центру обслуговування громадян протягом двох тижнів."),
            ("Your [rental contract](#registering-your-address)", "Ваш [договір оренди](#somewhere-else)"),
            ("Where do you register?", "Де <script>alert('x')</script> реєструватися?"),
            ("At the town hall", "У міській раді"),
            ("Bring these documents:", "Візьміть ці документи:"),
        ])
        let report = try Importer.apply(incoming, to: &strings)
        XCTAssertEqual(Set(report.imported), [try unit("At the town hall").id, try unit("Bring these documents:").id])
        XCTAssertEqual(report.rejected.map(\.id), [try unit("Go to the **citizens' office** within two weeks.").id,
                                                   try unit("Your [rental contract](#registering-your-address)").id,
                                                   try unit("Where do you register?").id])
        let reasons = report.rejected.map { $0.reasons.joined(separator: "; ") }
        XCTAssertTrue(reasons[0].contains("'**'"), reasons[0])
        XCTAssertTrue(reasons[1].contains("#registering-your-address"), reasons[1])
        XCTAssertTrue(reasons[2].contains("<script>"), reasons[2])
        XCTAssertEqual(strings.tables["uk"]?.entries[try unit("At the town hall").id]?.translation, ["У міській раді"])
        XCTAssertNil(strings.tables["uk"]?.entries[try unit("Where do you register?").id].flatMap { $0.hasTranslation ? $0 : nil })
    }

    func testADroppedPlaceholderIsRefused() throws {
        var incoming = ExchangeBuilder.file(for: strings, locale: "uk")
        let index = try XCTUnwrap(incoming.units.firstIndex { $0.id == "ui/pages-left" })
        incoming.units[index].target = ["Залишилася {count} сторінка", "Залишилося {count} сторінки", "Залишилося сторінок", "Залишилося {count} сторінки"]
        let report = try Importer.apply(incoming, to: &strings)
        XCTAssertEqual(report.rejected.map(\.id), ["ui/pages-left"])
        XCTAssertTrue(report.rejected[0].reasons.joined().contains("{count}"), report.rejected[0].reasons.joined())
    }

    func testAFileTranslatedAgainstAnOlderSourceImportsChangedStringsAsNeedsReview() throws {
        var incoming = try file([("At the town hall", "У міській раді"), ("At the police", "У поліції")])
        let index = try XCTUnwrap(incoming.units.firstIndex { $0.id == (try? unit("At the police").id) })
        incoming.units[index].source = "At the police station"
        let report = try Importer.apply(incoming, to: &strings)
        XCTAssertEqual(report.againstOlderSource, [try unit("At the police").id])
        XCTAssertEqual(strings.tables["uk"]?.entries[try unit("At the police").id]?.status, .needsReview)
        XCTAssertEqual(strings.tables["uk"]?.entries[try unit("At the town hall").id]?.status, .translated)
    }

    func testAnotherModuleOrLocaleChangesNothing() throws {
        var other = try file([("At the town hall", "У міській раді")])
        other.moduleID = "another-module"
        XCTAssertThrowsError(try Importer.apply(other, to: &strings)) { error in
            XCTAssertEqual((error as? ModuleStrings.Failure)?.description,
                           "this file belongs to the module 'another-module', not 'test-module'; nothing was imported")
        }
        var french = try file([("At the town hall", "À la mairie")])
        french.targetLocale = "fr"
        XCTAssertThrowsError(try Importer.apply(french, to: &strings))
        XCTAssertFalse(strings.tables["uk"]!.entries.values.contains { $0.hasTranslation })
    }

    func testUnknownIdsAreReportedNotImported() throws {
        var incoming = try file([("At the town hall", "У міській раді")])
        incoming.units.append(ExchangeUnit(id: "gone/p-000000", source: "Old text", target: ["Старий текст"], status: .translated, kind: .paragraph))
        let report = try Importer.apply(incoming, to: &strings)
        XCTAssertEqual(report.unknown, ["gone/p-000000"])
        XCTAssertEqual(report.imported.count, 1)
    }
}
