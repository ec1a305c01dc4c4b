import Foundation
import XCTest
@testable import CoursepackLocalize

/// Helpers shared by the XLIFF and TMX tests: fixtures, the schema checker, a sample file.
enum ExchangeTestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/xliff-tmx")
    /// `../shared/xsd/check` beside the checkout.
    static let checker = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/xsd/check")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    static func categories(_ locale: String) -> [String] {
        switch locale.prefix(2) {
        case "ar": return ["zero", "one", "two", "few", "many", "other"]
        case "fr": return ["one", "many", "other"]
        case "ja": return ["other"]
        default: return ["one", "other"]
        }
    }

    /// Runs `check KIND file`; nil when valid, else xmllint's output.
    static func validate(_ data: Data, kind: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: checker.path) else {
            throw MissingTool(message: "the schema checker \(checker.path) is missing: the tests need ../shared/xsd beside the checkout")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-\(UUID().uuidString).xlf")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = checker
        process.arguments = [kind, file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 2, text.contains("xmllint missing") { throw MissingTool(message: text + " (scripts/setup.sh installs it)") }
        return process.terminationStatus == 0 ? nil : text
    }

    static func sample(target locale: String = "fr") -> ExchangeFile {
        ExchangeFile(moduleID: "fire-safety", moduleVersion: "1.4.0", sourceLocale: "en", targetLocale: locale, units: [
            ExchangeUnit(id: "module/title", source: "Fire safety at work", target: ["La sécurité incendie au travail"],
                         status: .final, notes: ["The module's title, on the cover."], kind: .metadata, maxLength: 60),
            ExchangeUnit(id: "01-intro/h-1a2b3c", source: "Before you **start**", target: ["Avant de **commencer**"],
                         status: .translated, kind: .heading, page: "01-intro"),
            ExchangeUnit(id: "01-intro/p-3fa2c1",
                         source: "Read the [evacuation plan](02-plan.md) and press `Alt+F` or <b>Stop</b>.<br>Then wait.",
                         target: ["Lisez le [plan d'évacuation](02-plan.md) et appuyez sur `Alt+F` ou <b>Stop</b>.<br>Puis attendez."],
                         status: .needsReview, notes: ["Keep the key name.", "Second note"], kind: .paragraph, page: "01-intro"),
            ExchangeUnit(id: "01-intro/li-77aa01", source: "Never use the *lift* & stairs < 2", target: [], status: .new,
                         kind: .listItem, page: "01-intro"),
            ExchangeUnit(id: "02-plan/p-0c0c0c", source: "Meet at the *assembly point*.", target: ["Retrouvez-vous au point."],
                         status: .stale, kind: .paragraph, page: "02-plan", previousSource: "Meet at the **car park**."),
            ExchangeUnit(id: "02-plan/img", source: "![Map](map.png) Exits are {count} metres away", target: [],
                         status: .new, kind: .tableCell, page: "02-plan"),
            ExchangeUnit(id: "ui/pages-left", source: "{count} page left", sourcePlural: "{count} pages left",
                         target: ["{count} page restante", "{count} de pages restantes", "{count} pages restantes"],
                         status: .translated, notes: ["Shown under the progress bar."], kind: .interface),
            ExchangeUnit(id: "ui/untranslated-plural", source: "{count} exit", sourcePlural: "{count} exits", target: [],
                         status: .new, kind: .interface),
            ExchangeUnit(id: "03-quiz/options/0/text", source: "  <script>alert(\"x\")</script> & \"quotes\" 'apostrophes'  ",
                         target: ["<script>alert(\"x\")</script> &amp; «guillemets»"], status: .translated, kind: .field,
                         page: "03-quiz", maxLength: 80),
            ExchangeUnit(id: "03-quiz/crossing", source: "<b>bold **both</b> strong**", target: ["<b>gras **les deux</b> fort**"],
                         status: .translated, kind: .paragraph, page: "03-quiz"),
        ])
    }
}

final class XLIFFTests: XCTestCase {
    typealias Support = ExchangeTestSupport

    func roundTrip(_ version: XLIFFExchange.Version, _ file: ExchangeFile) throws -> ExchangeFile {
        let data = XLIFFExchange.write(file, version: version, pluralCategories: Support.categories)
        let read = try XLIFFExchange.read(data, pluralCategories: Support.categories)
        XCTAssertEqual(read.version, version)
        return read.file
    }

    func assertSameContent(_ read: ExchangeFile, _ expected: ExchangeFile, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(read.moduleID, expected.moduleID, file: file, line: line)
        XCTAssertEqual(read.moduleVersion, expected.moduleVersion, file: file, line: line)
        XCTAssertEqual(read.sourceLocale, expected.sourceLocale, file: file, line: line)
        XCTAssertEqual(read.targetLocale, expected.targetLocale, file: file, line: line)
        XCTAssertEqual(read.units.count, expected.units.count, file: file, line: line)
        for (got, want) in zip(read.units, expected.units) {
            XCTAssertEqual(got, want, "unit \(want.id)", file: file, line: line)
        }
        XCTAssertTrue(read.preserved.isEmpty, "\(read.preserved)", file: file, line: line)
    }

    // MARK: Round trips

    func testXLIFF20RoundTripIsLossless() throws {
        let sample = Support.sample()
        assertSameContent(try roundTrip(.v20, sample), sample)
    }

    func testXLIFF12RoundTripIsLossless() throws {
        let sample = Support.sample()
        assertSameContent(try roundTrip(.v12, sample), sample)
    }

    func testArabicPluralsAndRightToLeftTextRoundTrip() throws {
        var sample = Support.sample(target: "ar")
        sample.units = [
            ExchangeUnit(id: "ui/pages-left", source: "{count} page left", sourcePlural: "{count} pages left",
                         target: ["لا صفحات", "صفحة واحدة", "صفحتان", "{count} صفحات", "{count} صفحة", "{count} صفحة"],
                         status: .final, kind: .interface),
            ExchangeUnit(id: "01-intro/p-1", source: "Press **Start** to begin.", target: ["اضغط على **ابدأ** للبدء."],
                         status: .translated, kind: .paragraph, page: "01-intro"),
        ]
        for version in [XLIFFExchange.Version.v12, .v20] {
            assertSameContent(try roundTrip(version, sample), sample)
        }
        let xliff = String(decoding: XLIFFExchange.write(sample, version: .v20, pluralCategories: Support.categories), as: UTF8.self)
        for category in ["zero", "one", "two", "few", "many", "other"] {
            XCTAssertTrue(xliff.contains("name=\"ui/pages-left#\(category)\""), category)
        }
        XCTAssertTrue(xliff.contains("اضغط على <pc id=\"1\""), xliff)
    }

    func testEveryStatusRoundTripsInBothVersions() throws {
        for status in TranslationStatus.allCases {
            let unit = ExchangeUnit(id: "p/1", source: "Hello", target: status == .new ? [] : ["Bonjour"], status: status,
                                    kind: .paragraph, previousSource: status == .stale ? "Hi" : nil)
            let file = ExchangeFile(moduleID: "m", moduleVersion: "1", sourceLocale: "en", targetLocale: "fr", units: [unit])
            for version in [XLIFFExchange.Version.v12, .v20] {
                XCTAssertEqual(try roundTrip(version, file).units, [unit], "\(status) in \(version)")
            }
        }
    }

    func testControlCharactersBecomeCodePointsIn20() throws {
        let unit = ExchangeUnit(id: "p/1", source: "bell\u{7} here", target: ["cloche\u{7} ici"], status: .translated, kind: .paragraph)
        let file = ExchangeFile(moduleID: "m", moduleVersion: "1", sourceLocale: "en", targetLocale: "fr", units: [unit])
        let data = XLIFFExchange.write(file, version: .v20)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("bell<cp hex=\"0007\"/> here"))
        XCTAssertEqual(try roundTrip(.v20, file).units, [unit])
        XCTAssertNil(try Support.validate(data, kind: "xliff20"))
    }

    func testExportTwiceIsByteIdenticalAndStableThroughImport() throws {
        let sample = Support.sample()
        for version in [XLIFFExchange.Version.v12, .v20] {
            let first = XLIFFExchange.write(sample, version: version, pluralCategories: Support.categories)
            let second = XLIFFExchange.write(sample, version: version, pluralCategories: Support.categories)
            XCTAssertEqual(first, second)
            let reimported = try XLIFFExchange.read(first, pluralCategories: Support.categories).file
            XCTAssertEqual(XLIFFExchange.write(reimported, version: version, pluralCategories: Support.categories), first)
            let text = String(decoding: first, as: UTF8.self)
            XCTAssertTrue(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
            XCTAssertTrue(text.contains("\n  <file "), "two-space indentation")
        }
    }

    func testExportedFilesValidateAgainstTheOfficialSchemas() throws {
        let sample = Support.sample()
        let v20 = XLIFFExchange.write(sample, version: .v20, pluralCategories: Support.categories)
        XCTAssertNil(try Support.validate(v20, kind: "xliff20"))
        let v12 = XLIFFExchange.write(sample, version: .v12, pluralCategories: Support.categories)
        XCTAssertNil(try Support.validate(v12, kind: "xliff12"))
        var arabic = sample
        arabic.targetLocale = "ar"
        XCTAssertNil(try Support.validate(XLIFFExchange.write(arabic, version: .v20, pluralCategories: Support.categories), kind: "xliff20"))
        XCTAssertNil(try Support.validate(XLIFFExchange.write(arabic, version: .v12, pluralCategories: Support.categories), kind: "xliff12"))
    }

    func testExported20SizeRestrictionValidatesWithTheModuleSchema() throws {
        // The core check reads `slr:` laxly; load the size restriction module too, through a wrapper schema.
        let xsd = Support.checker.deletingLastPathComponent().appendingPathComponent("xliff20")
        guard FileManager.default.fileExists(atPath: xsd.appendingPathComponent("modules/size_restriction.xsd").path) else {
            throw MissingTool(message: "no XLIFF 2.0 module schemas in \(xsd.path)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-slr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let wrapper = """
            <?xml version="1.0"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:coursepack:test:wrapper">
              <xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="\(xsd.path)/xliff_core_2.0.xsd"/>
              <xs:import namespace="urn:oasis:names:tc:xliff:sizerestriction:2.0" schemaLocation="\(xsd.path)/modules/size_restriction.xsd"/>
            </xs:schema>
            """
        try wrapper.write(to: folder.appendingPathComponent("all.xsd"), atomically: true, encoding: .utf8)
        let document = folder.appendingPathComponent("file.xlf")
        try XLIFFExchange.write(Support.sample(), version: .v20, pluralCategories: Support.categories).write(to: document)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--nonet", "--noout", "--schema", folder.appendingPathComponent("all.xsd").path, document.path]
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
        let xliff = String(decoding: try Data(contentsOf: document), as: UTF8.self)
        XCTAssertTrue(xliff.contains("slr:sizeRestriction=\"60\""))
        XCTAssertTrue(xliff.contains("<slr:profiles generalProfile=\"xliff:codepoints\""))
    }

    func testEscapingOfScriptAndQuotes() throws {
        let sample = Support.sample()
        for version in [XLIFFExchange.Version.v12, .v20] {
            let text = String(decoding: XLIFFExchange.write(sample, version: version, pluralCategories: Support.categories), as: UTF8.self)
            XCTAssertFalse(text.contains("<script>"), "raw markup must never reach the XML")
            XCTAssertTrue(text.contains("&lt;script&gt;") || text.contains("&lt;/script&gt;"))
            let unit = try XLIFFExchange.read(Data(text.utf8), pluralCategories: Support.categories).file.units
                .first { $0.id == "03-quiz/options/0/text" }
            XCTAssertEqual(unit?.source, "  <script>alert(\"x\")</script> & \"quotes\" 'apostrophes'  ")
            XCTAssertEqual(unit?.target, ["<script>alert(\"x\")</script> &amp; «guillemets»"])
        }
    }

    func testXLIFF20Shape() throws {
        let text = String(decoding: XLIFFExchange.write(Support.sample(), version: .v20, pluralCategories: Support.categories),
                          as: UTF8.self)
        XCTAssertTrue(text.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:slr=\"urn:oasis:names:tc:xliff:sizerestriction:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">"), text)
        XCTAssertTrue(text.contains("<file id=\"fire-safety\" original=\"fire-safety\">"))
        XCTAssertTrue(text.contains("<unit id=\"01-intro_h-1a2b3c\" name=\"01-intro/h-1a2b3c\">"))
        XCTAssertTrue(text.contains("<note category=\"location\">01-intro</note>"))
        XCTAssertTrue(text.contains("<note category=\"previous-source\">Meet at the **car park**.</note>"))
        XCTAssertTrue(text.contains("<note category=\"description\">Keep the key name.</note>"), text)
        // A translation that needs work is `initial` with its target, what tools count as not done.
        XCTAssertTrue(text.contains("<segment state=\"initial\" subState=\"coursepack:stale\">"), text)
        XCTAssertTrue(text.contains("<segment state=\"initial\" subState=\"coursepack:needs-review\">"), text)
        XCTAssertTrue(text.contains("<source>Before you <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d1\" type=\"fmt\" subType=\"xlf:b\">start</pc></source>"), text)
        XCTAssertTrue(text.contains("<data id=\"d1\">**</data>"))
        XCTAssertTrue(text.contains("<ph id=\"2\" dataRef=\"d3\" type=\"fmt\" subType=\"coursepack:code\"/>"), text)
        XCTAssertTrue(text.contains("<pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\" type=\"link\" subType=\"coursepack:link\">evacuation plan</pc>"), text)
        XCTAssertTrue(text.contains("<data id=\"d4\">&lt;b&gt;</data>"), text)
        // An untranslated unit has no target.
        XCTAssertTrue(text.contains("<segment state=\"initial\">\n        <source>Never use the <pc"), text)
    }

    func testXLIFF12Shape() throws {
        let text = String(decoding: XLIFFExchange.write(Support.sample(), version: .v12, pluralCategories: Support.categories),
                          as: UTF8.self)
        XCTAssertTrue(text.contains("<file original=\"fire-safety\" source-language=\"en\" target-language=\"fr\" datatype=\"x-markdown\" product-version=\"1.4.0\">"))
        XCTAssertTrue(text.contains("<trans-unit id=\"module/title\" resname=\"module/title\" maxwidth=\"60\" size-unit=\"char\" approved=\"yes\">"))
        XCTAssertTrue(text.contains("<group id=\"ui/pages-left\" resname=\"ui/pages-left\" restype=\"x-gettext-plurals\">"))
        // resname carries the identity (tools renumber id): for a plural form, id#category.
        XCTAssertTrue(text.contains("<trans-unit id=\"ui/pages-left#many\" resname=\"ui/pages-left#many\">"))
        XCTAssertTrue(text.contains("<source>Before you <g id=\"1\" ctype=\"bold\">start</g></source>"), text)
        XCTAssertTrue(text.contains("<x id=\"2\" ctype=\"x-code\" equiv-text=\"`Alt+F`\"/>"), text)
        XCTAssertTrue(text.contains("<context context-type=\"x-coursepack-close-1\">](02-plan.md)</context>"), text)
        XCTAssertTrue(text.contains("<target state=\"needs-adaptation\">"))
        XCTAssertTrue(text.contains("<note from=\"coursepack-previous-source\">Meet at the **car park**.</note>"))
        XCTAssertTrue(text.contains("<note from=\"coursepack\">Keep the key name.</note>"))
        XCTAssertTrue(text.contains("<g id=\"3\" ctype=\"x-html\">Stop</g>"), text)
    }

    func testCrossingPairsBecomeStartAndEndCodes() {
        // The tokenizer nests its pairs; the layout still copes with pairs that cross.
        let tokens: [InlineToken] = [.open(id: 1, kind: .html, markup: "<b>"), .text("a"), .open(id: 2, kind: .strong, markup: "**"),
                                     .text("b"), .close(id: 1, kind: .html, markup: "</b>"), .text("c"),
                                     .close(id: 2, kind: .strong, markup: "**"), .open(id: 3, kind: .emphasis, markup: "*")]
        XCTAssertEqual(InlineLayout.nest(tokens), [
            .start(id: 1, kind: .html, markup: "<b>"), .text("a"),
            .paired(id: 2, kind: .strong, open: "**", close: "**", children: [.text("b"), .end(id: 1, kind: .html, markup: "</b>"), .text("c")]),
            .standalone(id: 3, kind: .emphasis, markup: "*"),
        ])
    }

    func testTargetCodesTakeTheSourceCodeIDs() {
        let source = InlineMarkup.tokenize("Press **Start** and `Esc` then [go](x.md)")
        let target = InlineLayout.align(InlineMarkup.tokenize("[Allez](x.md), `Esc`, **Start** et {new}"), to: source)
        XCTAssertEqual(target.compactMap(\.codeID), [3, 3, 2, 1, 1, 4])
    }

    // MARK: What translators' tools do to the file

    func testAMovedPairedCodeKeepsWorking() throws {
        let file = try XLIFFExchange.read(try Support.fixture("moved-and-deleted-codes.xlf")).file
        XCTAssertEqual(file.units[0].source, "Press **Start** and read the [guide](guide.md).")
        XCTAssertEqual(file.units[0].target, ["Lisez le [guide](guide.md) et appuyez sur **Démarrer**."])
        XCTAssertEqual(file.units[0].status, .translated)
    }

    func testADeletedPlaceholderComesBackWithoutIt() throws {
        let file = try XLIFFExchange.read(try Support.fixture("moved-and-deleted-codes.xlf")).file
        XCTAssertEqual(file.units[1].source, "{count} pages left, press `Esc`")
        XCTAssertEqual(file.units[1].target, ["Pages restantes, appuyez sur `Esc`"])
    }

    func testCodesADroppedDataReferenceStillResolveFromTheSource() throws {
        let file = try XLIFFExchange.read(try Support.fixture("moved-and-deleted-codes.xlf")).file
        // The tool wrote a <ph> without dataRef in the target, a <pc> split into <sc>/<ec>, and a <cp>.
        XCTAssertEqual(file.units[2].target, ["Voir **ici**\u{1} et <br>suite"])
        XCTAssertEqual(file.units[2].status, .final)
    }

    func testXLIFF21SegmentsAndIgnorablesAreJoined() throws {
        let file = try XLIFFExchange.read(try Support.fixture("xliff21-segments.xlf")).file
        XCTAssertEqual(file.targetLocale, "de")
        XCTAssertEqual(file.units.count, 2)
        XCTAssertEqual(file.units[0].source, "First sentence. Second *one*.")
        XCTAssertEqual(file.units[0].target, ["Erster Satz. Zweiter *Satz*."])
        // A reviewed segment and a translated one: translated.
        XCTAssertEqual(file.units[0].status, .translated)
        XCTAssertEqual(file.units[1].target, ["Nur teilweise."])
        XCTAssertEqual(file.units[1].status, .needsReview)
        XCTAssertEqual(file.units[1].maxLength, 40)
    }

    func testForeign20MarkupIsKeptAndWrittenBackInPlace() throws {
        let data = try Support.fixture("foreign-markup-20.xlf")
        let imported = try XLIFFExchange.read(data).file
        XCTAssertEqual(imported.preserved.format, "xliff20")
        XCTAssertEqual(imported.units.map(\.id), ["01-intro/p-1", "01-intro/p-2"])
        XCTAssertEqual(imported.units[0].target, ["Bonjour **tout le monde**"])
        XCTAssertEqual(imported.units[0].status, .final)
        let unitScope = imported.preserved.units["01-intro/p-1"]
        XCTAssertEqual(unitScope?.elements.map(\.name), ["matches", "metadata"])
        XCTAssertEqual(unitScope?.attributes.map(\.name), ["locQualityIssuesRef", "translate"])

        // The lead stores the markup as JSON between import and export.
        var next = imported
        next.preserved = try PreservedMarkup.decode(try imported.preserved.encode())
        XCTAssertEqual(next.preserved, imported.preserved)
        next.units[1].target = ["Au revoir"]
        next.units[1].status = .translated
        let exported = XLIFFExchange.write(next, version: .v20)
        let text = String(decoding: exported, as: UTF8.self)
        XCTAssertTrue(text.contains("xmlns:its=\"http://www.w3.org/2005/11/its\""), text)
        XCTAssertTrue(text.contains("<unit id=\"01-intro_p-1\" name=\"01-intro/p-1\" its:locQualityIssuesRef=\"#lqi1\" translate=\"yes\">\n      <mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\">"), text)
        XCTAssertTrue(text.contains("<mda:metadata xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\">"), text)
        XCTAssertTrue(text.contains("<target>Salut le monde</target>"), "the match's own XLIFF elements survive: \(text)")
        XCTAssertTrue(text.contains("<acme:review by=\"kim\"/>"), text)
        XCTAssertTrue(text.contains("acme:project=\"P-7\""), text)
        XCTAssertNil(try Support.validate(exported, kind: "xliff20"))
        // And the next import of that export finds the same markup: stable.
        XCTAssertEqual(try XLIFFExchange.read(exported).file.preserved, imported.preserved)
        XCTAssertEqual(XLIFFExchange.write(try XLIFFExchange.read(exported).file, version: .v20), exported)
    }

    func testForeign12MarkupIsKeptAndWrittenBackInPlace() throws {
        let data = try Support.fixture("memoq-12.xlf")
        let imported = try XLIFFExchange.read(data, pluralCategories: Support.categories).file
        XCTAssertEqual(imported.moduleID, "fire-safety")
        XCTAssertEqual(imported.units.map(\.id), ["01-intro/p-1", "01-intro/p-2", "ui/pages-left"])
        XCTAssertEqual(imported.units[0].target, ["Appuyez sur **Démarrer** puis {count}."])
        XCTAssertEqual(imported.units[0].status, .final)
        XCTAssertEqual(imported.units[1].target, ["Le <b>plan</b> d'évacuation"])
        XCTAssertEqual(imported.units[1].status, .needsReview)
        XCTAssertEqual(imported.units[2].target, ["{count} page", "", "{count} pages"])
        XCTAssertEqual(imported.units[2].status, .needsReview)
        let scope = imported.preserved.units["01-intro/p-1"]
        XCTAssertEqual(scope?.attributes.map(\.name), ["status", "percent"])
        XCTAssertEqual(scope?.elements.map(\.name), ["alt-trans", "historical-unit"])
        XCTAssertEqual(imported.preserved.file.elements.map(\.name), ["tool"])

        let exported = XLIFFExchange.write(imported, version: .v12, pluralCategories: Support.categories)
        let text = String(decoding: exported, as: UTF8.self)
        XCTAssertTrue(text.contains("xmlns:mq=\"MQXliff\""), text)
        XCTAssertTrue(text.contains("mq:status=\"ManuallyConfirmed\" mq:percent=\"100\">"), text)
        XCTAssertTrue(text.contains("<header>\n      <tool tool-id=\"memoQ\""), text)
        XCTAssertTrue(text.contains("<alt-trans match-quality=\"87\" origin=\"TM\">"), text)
        XCTAssertTrue(text.contains("<mq:historical-unit"), text)
        // alt-trans (XLIFF) before the memoQ element, both after the notes, as the schema orders them.
        let notes = text.range(of: "<note from=\"coursepack-kind\">paragraph</note>\n        <alt-trans")
        XCTAssertNotNil(notes, text)
        XCTAssertEqual(try XLIFFExchange.read(exported, pluralCategories: Support.categories).file.preserved, imported.preserved)
        XCTAssertEqual(XLIFFExchange.write(try XLIFFExchange.read(exported, pluralCategories: Support.categories).file,
                                           version: .v12, pluralCategories: Support.categories), exported)
    }

    func testTradosStyle12WithSegSourceAndNativeCodes() throws {
        let file = try XLIFFExchange.read(try Support.fixture("trados-12.xlf")).file
        XCTAssertEqual(file.units.count, 2)
        XCTAssertEqual(file.units[0].source, "Press <b>Start</b> now.")
        XCTAssertEqual(file.units[0].target, ["Drücken Sie jetzt <b>Start</b>."])
        XCTAssertEqual(file.units[0].status, .translated)
        XCTAssertEqual(file.units[1].target, ["Zweiter Satz. Dritter Satz."])
        XCTAssertEqual(file.units[1].status, .final)
    }

    func testPreservedMarkupOfTheOtherVersionIsIgnored() throws {
        let imported = try XLIFFExchange.read(try Support.fixture("foreign-markup-20.xlf")).file
        let v12 = XLIFFExchange.write(imported, version: .v12)
        XCTAssertFalse(String(decoding: v12, as: UTF8.self).contains("mtc:"))
        XCTAssertNil(try Support.validate(v12, kind: "xliff12"))
    }

    // MARK: Files that fail as a whole

    func assertFails(_ xml: String, _ fragment: String, line: Int?, column: Int? = nil,
                     file: StaticString = #filePath, sourceLine: UInt = #line) {
        assertFails(Data(xml.utf8), fragment, line: line, column: column, file: file, sourceLine: sourceLine)
    }

    func assertFails(_ data: Data, _ fragment: String, line: Int?, column: Int? = nil,
                     file: StaticString = #filePath, sourceLine: UInt = #line) {
        do {
            _ = try XLIFFExchange.read(data)
            XCTFail("expected an error containing \(fragment)", file: file, line: sourceLine)
        } catch {
            XCTAssertTrue(error.message.contains(fragment), "\(error)", file: file, line: sourceLine)
            XCTAssertEqual(error.line, line, "\(error)", file: file, line: sourceLine)
            if let column { XCTAssertEqual(error.column, column, "\(error)", file: file, line: sourceLine) }
            XCTAssertNotNil(error.column, "\(error)", file: file, line: sourceLine)
        }
    }

    func testMalformedXMLReportsLineAndColumn() {
        assertFails("""
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
              <file id="f">
                <unit id="u"><segment><source>a < b</source></segment></unit>
              </file>
            </xliff>
            """, "not well-formed XML", line: 4, column: 38)
        assertFails("<xliff version=\"2.0\"><file></xliff>", "not well-formed", line: 1)
        assertFails("", "not well-formed", line: 1)
        assertFails("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"><mq:x/></xliff>",
                    "not well-formed XML: Namespace prefix mq", line: 1)
    }

    func testWrongRootIsRefused() {
        assertFails("<?xml version=\"1.0\"?>\n<html><body/></html>", "not an XLIFF file: the root element is <html>", line: 2, column: 1)
        assertFails("<?xml version=\"1.0\"?>\n  <tmx version=\"1.4\"><body/></tmx>", "expected <xliff>", line: 2, column: 3)
    }

    func testXLIFF11IsRefused() {
        assertFails("""
            <?xml version="1.0"?>
            <xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1">
              <file original="m" source-language="en" datatype="plaintext"><body/></file>
            </xliff>
            """, "XLIFF 1.1 is not supported", line: 2, column: 1)
        assertFails("<xliff version=\"1.0\"><file/></xliff>", "XLIFF 1.0 is not supported", line: 1, column: 1)
    }

    func testDoctypeWithEntitiesIsRefused() {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE xliff [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            ]>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">&lol2;</xliff>
            """
        assertFails(laughs, "declares entities", line: 3, column: 3)
        let external = """
            <?xml version="1.0"?>
            <!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">&secret;</xliff>
            """
        assertFails(external, "declares entities", line: 2, column: 18)
        // A DOCTYPE without declarations is harmless, and its external DTD is never loaded.
        let harmless = """
            <?xml version="1.0"?>
            <!DOCTYPE xliff SYSTEM "http://example.invalid/xliff.dtd">
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="m"><unit id="u"><segment><source>A</source><target>B</target></segment></unit></file></xliff>
            """
        XCTAssertEqual(try XLIFFExchange.read(Data(harmless.utf8)).file.units.first?.target, ["B"])
    }

    func testEncodingsOtherThanUTF8AndUTF16AreRefused() throws {
        let latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<xliff/>"
        assertFails(Data(latin1.utf8), "declares encoding \"ISO-8859-1\"", line: 1, column: 31)
        assertFails(Data("<?xml version='1.0' encoding='windows-1252'?><xliff/>".utf8), "save the file as UTF-8", line: 1)
        // Invalid UTF-8 bytes in a file that says nothing.
        var bad = Data("<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"en\">".utf8)
        bad.append(contentsOf: [0xE9, 0x3C, 0x2F])
        bad.append(Data("xliff>".utf8))
        assertFails(bad, "UTF-8", line: 2)

        // UTF-8 with a byte-order mark, and UTF-16 with one, are read.
        let document = """
            <?xml version="1.0" encoding="UTF-16"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ja"><file id="m"><unit id="u"><segment state="translated"><source>Hello</source><target>こんにちは</target></segment></unit></file></xliff>
            """
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(document.data(using: .utf16LittleEndian)!)
        XCTAssertEqual(try XLIFFExchange.read(utf16).file.units.first?.target, ["こんにちは"])
        var bom = Data([0xEF, 0xBB, 0xBF])
        bom.append(Data(document.replacingOccurrences(of: "UTF-16", with: "UTF-8").utf8))
        XCTAssertEqual(try XLIFFExchange.read(bom).file.units.first?.target, ["こんにちは"])
    }

    func testMissingRequiredPartsAreRefused() {
        assertFails("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\"><file id=\"m\"/></xliff>",
                    "no srcLang", line: 1, column: 1)
        assertFails("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"/>",
                    "has no <file>", line: 1, column: 1)
        assertFails("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"3.0\" srcLang=\"en\"/>",
                    "version \"3.0\"", line: 1, column: 1)
    }

    func testGarbageNeverCrashes() {
        let inputs = ["<", "<?xml", "\u{0}\u{0}\u{0}", "<xliff", "<a><b></a>", "<!DOCTYPE x [<!ENTITY % p SYSTEM \"x\"> %p;]><x/>",
                      String(repeating: "<a>", count: 5000)]
        for input in inputs {
            XCTAssertThrowsError(try XLIFFExchange.read(Data(input.utf8)), input.prefix(20).description)
            XCTAssertThrowsError(try TMXExchange.read(Data(input.utf8)), input.prefix(20).description)
        }
    }
}
