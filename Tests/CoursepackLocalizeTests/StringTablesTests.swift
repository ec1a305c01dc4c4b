import CoursepackLoad
@testable import CoursepackLocalize
import Foundation
import TestSupport
import XCTest

/// Extraction, stable ids, stale detection and the PO tables, on small modules written for each test.
final class StringTablesTests: XCTestCase {
    static let manifest = """
        id: test-module
        version: 1.0.0
        title: Test module
        language: en
        locales: [ar, uk]
        audience: general
        pages:
          - 01-start
        completion:
          rule: pages-seen

        """

    static let page = """
        ---
        title: Registering your address
        ---

        # Registering your address

        Go to the **citizens' office** within two weeks.

        Bring these documents:

        - Your passport
        - Your [rental contract](#registering-your-address)

        | Office | Hours |
        |---|---|
        | Town hall | 8 to 12 |

        ```quiz
        id: where-to-go
        kind: single
        question: Where do you register?
        options:
          - text: At the town hall
            correct: true
          - text: At the police
        ```

        """

    private func load(_ module: TemporaryModule) throws -> ModuleStrings {
        let loaded = try ModuleLoader.load(module.root)
        return try ModuleStrings.load(try XCTUnwrap(loaded.module))
    }

    private func write(_ module: TemporaryModule) throws -> ModuleStrings {
        let strings = try load(module)
        try strings.write()
        return strings
    }

    private func editPage(_ module: TemporaryModule, _ transform: (String) -> String) throws {
        let url = module.root.appendingPathComponent("pages/01-start.md")
        try module.write("pages/01-start.md", transform(try String(contentsOf: url, encoding: .utf8)))
    }

    func testExtractsEveryKindOfUnitInReadingOrder() throws {
        let module = try TemporaryModule(["module.yaml": Self.manifest, "pages/01-start.md": Self.page])
        let units = try load(module).units.filter { $0.kind != .interface }
        XCTAssertEqual(units.map(\.text), [
            "Test module", "Registering your address", "Registering your address",
            "Go to the **citizens' office** within two weeks.", "Bring these documents:",
            "Your passport", "Your [rental contract](#registering-your-address)",
            "Office", "Hours", "Town hall", "8 to 12",
            "Where do you register?", "At the town hall", "At the police",
        ])
        XCTAssertEqual(units.map(\.kind), [.metadata, .field, .heading, .paragraph, .paragraph, .listItem, .listItem,
                                           .tableCell, .tableCell, .tableCell, .tableCell, .field, .field, .field])
        XCTAssertEqual(units[0].id, "module/title")
        XCTAssertEqual(units[0].maxLength, 80)
        XCTAssertEqual(units[11].id, "where-to-go/question")
        XCTAssertEqual(units[12].id, "where-to-go/options/0/text")
        XCTAssertEqual(units[3].location, SourceLocation(file: "pages/01-start.md", line: 7, column: 1))
        XCTAssertEqual(units[6].placeholders.map(\.markup), ["[", "](#registering-your-address)"])
        XCTAssertEqual(Set(units.map(\.id)).count, units.count, "ids are unique")
    }

    func testReorderingLosesNothingAndInsertingMakesOneNewUnit() throws {
        let module = try TemporaryModule(["module.yaml": Self.manifest, "pages/01-start.md": Self.page])
        let before = try write(module)
        try editPage(module) { page in
            page.replacingOccurrences(of: "Go to the **citizens' office** within two weeks.\n\nBring these documents:",
                                      with: "Bring these documents:\n\nA new paragraph about opening hours.\n\nGo to the **citizens' office** within two weeks.")
        }
        let after = try load(module)
        let beforeTexts = Dictionary(uniqueKeysWithValues: before.units.map { ($0.id, $0.text) })
        for unit in after.units where unit.text != "A new paragraph about opening hours." {
            XCTAssertEqual(beforeTexts[unit.id], unit.text, "\(unit.text) keeps its id")
        }
        let added = try XCTUnwrap(after.units.first { $0.text == "A new paragraph about opening hours." })
        XCTAssertNil(beforeTexts[added.id], "the inserted paragraph gets a new id")
        XCTAssertEqual(after.units.count, before.units.count + 1)
        XCTAssertEqual(after.changes["ar"], [], "nothing changed for the translators")
    }

    func testEditingOneParagraphMarksExactlyItsTranslationsStale() throws {
        let module = try TemporaryModule(["module.yaml": Self.manifest, "pages/01-start.md": Self.page])
        var strings = try load(module)
        for locale in ["ar", "uk"] {
            for unit in strings.units { strings.tables[locale]!.entries[unit.id] = TranslationEntry(id: unit.id, source: unit.text, sourcePlural: unit.plural, translation: unit.plural == nil ? ["T: " + unit.text] : PluralRules.forLocale(locale).categories.map { "T: \($0)" }, status: .translated) }
        }
        try strings.write()
        try editPage(module) { $0.replacingOccurrences(of: "within two weeks", with: "within 14 days") }
        let edited = try load(module)
        let paragraph = try XCTUnwrap(strings.units.first { $0.text.hasPrefix("Go to the") })
        for locale in ["ar", "uk"] {
            let table = try XCTUnwrap(edited.tables[locale])
            let stale = table.entries.values.filter { $0.status == .stale }
            XCTAssertEqual(stale.map(\.id), [paragraph.id], "only the edited paragraph in \(locale)")
            XCTAssertEqual(stale.first?.previousSource, "Go to the **citizens' office** within two weeks.")
            XCTAssertEqual(stale.first?.translation, ["T: Go to the **citizens' office** within two weeks."], "the old translation is kept")
            XCTAssertEqual(table.entries.values.filter { $0.status == .translated }.count, edited.units.count - 1)
        }
        try edited.write()
        let po = try String(contentsOf: module.root.appendingPathComponent("locales/uk.po"), encoding: .utf8)
        XCTAssertTrue(po.contains("#, fuzzy\n#| msgid \"Go to the **citizens' office** within two weeks.\"\nmsgctxt \"\(paragraph.id)\"\nmsgid \"Go to the **citizens' office** within 14 days.\"\nmsgstr \"T: Go to the **citizens' office** within two weeks.\""), po)
    }

    func testKeepTranslationsForATypoFix() throws {
        let module = try TemporaryModule(["module.yaml": Self.manifest,
                                          "pages/01-start.md": Self.page.replacingOccurrences(of: "At the police", with: "At the polise")])
        var strings = try load(module)
        for unit in strings.units where unit.plural == nil {
            strings.tables["ar"]!.entries[unit.id] = TranslationEntry(id: unit.id, source: unit.text, translation: ["ت"], status: .final)
        }
        try strings.write()
        try editPage(module) { $0.replacingOccurrences(of: "At the polise", with: "At the police") }
        let loaded = try XCTUnwrap(try ModuleLoader.load(module.root).module)
        let kept = try ModuleStrings.load(loaded, keepTranslations: true)
        let unit = try XCTUnwrap(kept.units.first { $0.text == "At the police" })
        XCTAssertEqual(unit.id, "where-to-go/options/1/text")
        XCTAssertEqual(kept.tables["ar"]?.entries[unit.id]?.status, .final, "a typo fix keeps the translation's status")
        XCTAssertEqual(kept.tables["ar"]?.entries[unit.id]?.source, "At the police")
        XCTAssertEqual(kept.changes["ar"], [SourceChange(id: unit.id, before: "At the polise", after: "At the police")], "and is reported")
        XCTAssertEqual(try ModuleStrings.load(loaded).tables["ar"]?.entries[unit.id]?.status, .stale, "without the flag it goes stale")
    }

    func testPOFilesPassMsgfmtCheck() throws {
        let module = try TemporaryModule(["module.yaml": Self.manifest, "pages/01-start.md": Self.page])
        _ = try write(module)
        for file in ["locales/ar.po", "locales/uk.po", "locales/source.pot"] {
            let result = try run("/usr/bin/msgfmt", ["-c", "--check-format", "-o", "/dev/null", module.root.appendingPathComponent(file).path])
            XCTAssertEqual(result.status, 0, "\(file): \(result.output)")
        }
        let arabic = try String(contentsOf: module.root.appendingPathComponent("locales/ar.po"), encoding: .utf8)
        XCTAssertTrue(arabic.contains("\"Plural-Forms: nplurals=6;"), "Arabic has six plural forms")
        XCTAssertTrue(arabic.contains("msgstr[5] \"\""))
    }

    func testWritingTwiceIsByteIdentical() throws {
        let module = try TemporaryModule(["module.yaml": Self.manifest, "pages/01-start.md": Self.page])
        _ = try write(module)
        let first = try String(contentsOf: module.root.appendingPathComponent("locales/ar.po"), encoding: .utf8)
        let reread = try load(module)
        XCTAssertEqual(reread.files()["locales/ar.po"], first)
        XCTAssertEqual(POWriter.write(try POParser.parse(first)), first, "parse and write is the identity")
    }

    func testStatusCountsAndWordsLeft() throws {
        let module = try TemporaryModule(["module.yaml": Self.manifest, "pages/01-start.md": Self.page])
        var strings = try load(module)
        let first = strings.units[0]
        strings.tables["ar"]!.entries[first.id] = TranslationEntry(id: first.id, source: first.text, translation: ["وحدة تجريبية"], status: .final)
        let report = StatusReport(strings)
        let arabic = try XCTUnwrap(report.locales.first { $0.locale == "ar" })
        XCTAssertEqual(arabic.final, 1)
        XCTAssertEqual(arabic.new, strings.units.count - 1)
        XCTAssertEqual(arabic.wordsLeft, report.sourceWords - 2)
        XCTAssertFalse(arabic.isComplete)
        // The line one locale's export prints, from the table or from the file made for the translator.
        XCTAssertEqual(StatusReport.locale("ar", in: strings), arabic)
        XCTAssertEqual(StatusReport.locale(of: ExchangeBuilder.file(for: strings, locale: "ar")), arabic)
    }

    func testPOParserErrorsNameTheLine() {
        XCTAssertThrowsError(try POParser.parse("msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n")) { error in
            XCTAssertEqual((error as? POParser.Failure)?.line, 2)
        }
        XCTAssertThrowsError(try POParser.parse("msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n")) { error in
            XCTAssertEqual((error as? POParser.Failure)?.message, "a second msgid in one entry (is a blank line missing?)")
        }
    }

    private func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A locale's table is read without the notes and references it takes from the template, except
    /// where nothing else holds them (an obsolete entry); everything else is read as in a full parse.
    func testTablesReadWithoutSourceNotesLoseNothingElse() throws {
        let text = """
            msgid ""
            msgstr ""
            "Language: de\\n"

            # translator's note
            #. At most 80 characters.
            #: pages/01-start.md:3
            #, fuzzy
            #| msgid "Old"
            msgctxt "p/1"
            msgid "New"
            msgstr "Neu"

            #. extracted, then obsolete
            #: pages/gone.md:9
            #~ msgctxt "p/2"
            #~ msgid "Gone"
            #~ msgstr "Weg"

            """
        let full = try POParser.parse(text)
        let lean = try POParser.parse(text, sourceNotes: false)
        XCTAssertEqual(lean.header.map(\.key), full.header.map(\.key))
        XCTAssertEqual(lean.entries.count, 2)
        XCTAssertEqual(lean.entries[0].extractedComments, [])
        XCTAssertEqual(lean.entries[0].references, [])
        var expected = full.entries[0]
        expected.extractedComments = []
        expected.references = []
        XCTAssertEqual(lean.entries[0], expected)
        XCTAssertEqual(lean.entries[1], full.entries[1], "an obsolete entry keeps its notes")
        XCTAssertEqual(lean.entries[1].references, ["pages/gone.md:9"])
    }

}
