import CoursepackLoad
@testable import CoursepackLocalize
import Foundation
import TestSupport
import XCTest

/// The quick ways through large modules must give exactly what the thorough ways give: the XLIFF 1.2
/// text writer and the tree writer, the SAX reader and the tree reader, the tables read as current
/// and the tables compared with a fresh extraction.
final class FastPathTests: XCTestCase {
    typealias Support = ExchangeTestSupport

    static let samples = ["first-weeks", "talking-with-newcomers"]

    private func sampleFiles() throws -> [ExchangeFile] {
        var files = [Support.sample(target: "fr"), Support.sample(target: "ar"),
                     ExchangeFile(moduleID: "empty", moduleVersion: "", sourceLocale: "en", targetLocale: "de", units: [])]
        for sample in Self.samples {
            let root = Support.repositoryRoot.appendingPathComponent("Samples/\(sample)")
            let strings = try ModuleStrings.load(try XCTUnwrap(ModuleLoader.load(root).module))
            for locale in strings.identity.locales { files.append(ExchangeBuilder.file(for: strings, locale: locale)) }
        }
        return files
    }

    func testTextWriterWritesTheTreeWritersBytes() throws {
        for file in try sampleFiles() {
            let text = XLIFF12TextWriter.write(file, pluralCategories: XLIFFExchange.pluralCategories)
            let tree = XLIFF12.writeTree(file, pluralCategories: XLIFFExchange.pluralCategories)
            XCTAssertEqual(String(decoding: text, as: UTF8.self), String(decoding: tree, as: UTF8.self), "\(file.moduleID) \(file.targetLocale)")
        }
    }

    func testTextWriterEscapesAsTheTreeWriterDoes() {
        // Each character that needs an escape or is not XML, at every place in a string of up to 20
        // bytes: before, inside and after the 8-byte words the text writer looks at, in text, in
        // attributes (ids, code markup) and in notes.
        let specials = ["&", "<", ">", "\"", "'", "\r", "\n", "\t", "\u{1}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{EFFF}", "\u{F000}", "ï", "😀"]
        var units: [ExchangeUnit] = []
        for special in specials {
            for length in [0, 1, 7, 8, 9, 15, 16, 19] {
                for position in 0...length {
                    let text = String(repeating: "a", count: position) + special + String(repeating: "b", count: length - position)
                    units.append(ExchangeUnit(id: "u\(units.count)/\(text)", source: text + " `x\(text)`", target: [text + " `x\(text)`"],
                                              status: .translated, notes: [text], kind: .paragraph, page: text))
                }
            }
        }
        let file = ExchangeFile(moduleID: "escapes", moduleVersion: "1", sourceLocale: "en", targetLocale: "de", units: units)
        let text = XLIFF12TextWriter.write(file, pluralCategories: XLIFFExchange.pluralCategories)
        let tree = XLIFF12.writeTree(file, pluralCategories: XLIFFExchange.pluralCategories)
        XCTAssertEqual(String(decoding: text, as: UTF8.self), String(decoding: tree, as: UTF8.self))
    }

    func testStreamReaderReadsWhatTheTreeReaderReads() throws {
        for file in try sampleFiles() {
            let data = XLIFF12.writeTree(file, pluralCategories: XLIFFExchange.pluralCategories)
            let streamed = try XCTUnwrap(XLIFF12StreamReader.read(data, pluralCategories: XLIFFExchange.pluralCategories),
                                         "our own file takes the quick way: \(file.moduleID) \(file.targetLocale)")
            XCTAssertEqual(streamed, try XLIFF12.readTree(data, pluralCategories: XLIFFExchange.pluralCategories))
        }
    }

    func testStreamReaderReadsLargeFilesInPartsAsInOnePass() throws {
        for file in try sampleFiles() where file.units.count > 4 {
            let data = XLIFF12.writeTree(file, pluralCategories: XLIFFExchange.pluralCategories)
            XCTAssertNotNil(data.withUnsafeBytes { XLIFF12Parts($0, count: 2) }, "a cut is found: \(file.moduleID) \(file.targetLocale)")
            let parts = try XCTUnwrap(XLIFF12StreamReader.read(data, pluralCategories: XLIFFExchange.pluralCategories, splitFrom: 0))
            XCTAssertEqual(parts, try XLIFF12.readTree(data, pluralCategories: XLIFFExchange.pluralCategories), "\(file.moduleID) \(file.targetLocale)")
        }
        // A file of many units is cut in four, and reads as in one pass.
        var large = Support.sample()
        large.units = (0..<400).map { index in
            var unit = large.units[index % large.units.count]
            unit.id = "many/\(index)"
            return unit
        }
        let data = XLIFF12.writeTree(large, pluralCategories: Support.categories)
        let four = try XCTUnwrap(data.withUnsafeBytes { XLIFF12Parts($0, count: 4) })
        XCTAssertEqual(four.documents.count, 4)
        XCTAssertEqual(XLIFF12StreamReader.read(data, pluralCategories: Support.categories, splitFrom: 0),
                       XLIFF12StreamReader.read(data, pluralCategories: Support.categories))
    }

    func testACutWhereThePartsDoNotReadFallsBackToOnePass() throws {
        // The only unit boundaries in the second half are inside a comment, and the header holds a comment:
        // no parts, or parts that do not read; either way the units of the whole file.
        let base = String(decoding: XLIFF12.writeTree(Support.sample(), pluralCategories: Support.categories), as: UTF8.self)
        let boundary = "</trans-unit>\n      <trans-unit id=\"x\">"
        let padding = String(repeating: "<!-- " + boundary + " -->\n", count: 400)
        let variants = [
            base.replacingOccurrences(of: "    </body>", with: padding + "    </body>"),
            base.replacingOccurrences(of: "<body>", with: "<!-- note --><body>"),
        ]
        for variant in variants {
            let data = Data(variant.utf8)
            XCTAssertEqual(XLIFF12StreamReader.read(data, pluralCategories: Support.categories, splitFrom: 0),
                           XLIFF12StreamReader.read(data, pluralCategories: Support.categories))
        }
        XCTAssertNil(Data(variants[1].utf8).withUnsafeBytes { XLIFF12Parts($0, count: 2) }, "a header with a comment is not cut")
    }

    func testStreamReaderLeavesOtherToolsFilesToTheTreeReader() throws {
        // memoQ's extensions must be kept; Trados' seg-source, mrk and native codes need the tree.
        for fixture in ["memoq-12.xlf", "trados-12.xlf"] {
            XCTAssertNil(XLIFF12StreamReader.read(try Support.fixture(fixture), pluralCategories: nil), fixture)
        }
        let base = String(decoding: XLIFF12.writeTree(Support.sample(), pluralCategories: Support.categories), as: UTF8.self)
        let variants = [
            base.replacingOccurrences(of: "<target state=\"final\">", with: "<target state=\"final\" xml:lang=\"fr\">"),
            base.replacingOccurrences(of: "<body>", with: "<body><!-- a comment --><unknown/>"),
            base.replacingOccurrences(of: "version=\"1.2\">", with: "version=\"1.2\" xmlns:x=\"urn:other\" x:a=\"1\">"),
            "<!DOCTYPE xliff>\n" + base.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: ""),
            String(base.prefix(base.count / 2)),
        ]
        for variant in variants {
            XCTAssertNil(XLIFF12StreamReader.read(Data(variant.utf8), pluralCategories: Support.categories), String(variant.prefix(300)))
        }
        // The same public entry point still reads them, through the tree, with the extensions kept.
        let memoQ = try XLIFF12.read(try Support.fixture("memoq-12.xlf"), pluralCategories: Support.categories)
        XCTAssertFalse(memoQ.preserved.isEmpty)
        XCTAssertEqual(try XLIFF12.read(Data(variants[0].utf8), pluralCategories: Support.categories).preserved.units.count, 1)
    }

    // MARK: Tables read as current

    private func copyOfSample(_ name: String) throws -> TemporaryModule {
        let module = try TemporaryModule()
        let source = Support.repositoryRoot.appendingPathComponent("Samples/\(name)")
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: source.path))
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: source.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { try module.write(path, try Data(contentsOf: source.appendingPathComponent(path))) }
        }
        return module
    }

    private func fullLoad(_ module: TemporaryModule) throws -> ModuleStrings {
        try ModuleStrings.load(try XCTUnwrap(ModuleLoader.load(module.root).module))
    }

    func testCurrentTablesGiveTheSameStringsAsAFullLoad() throws {
        for sample in Self.samples {
            let module = try copyOfSample(sample)
            try fullLoad(module).write()
            let full = try fullLoad(module)
            let current = try XCTUnwrap(ModuleStrings.loadIfCurrent(at: module.root), "tables just written are current: \(sample)")
            XCTAssertNil(current.module)
            XCTAssertEqual(current.identity, full.identity)
            XCTAssertEqual(current.sourceDigest, full.sourceDigest)
            XCTAssertEqual(current.units.count, full.units.count)
            for (quick, thorough) in zip(current.units, full.units) {
                XCTAssertEqual(quick.id, thorough.id)
                XCTAssertEqual(quick.text, thorough.text, quick.id)
                XCTAssertEqual(quick.plural, thorough.plural, quick.id)
                XCTAssertEqual(quick.kind, thorough.kind, quick.id)
                XCTAssertEqual(quick.page, thorough.page, quick.id)
                XCTAssertEqual(quick.notes, thorough.notes, quick.id)
                XCTAssertEqual(quick.maxLength, thorough.maxLength, quick.id)
                XCTAssertEqual(quick.location.file, thorough.location.file, quick.id)
                XCTAssertEqual(quick.location.line, thorough.location.line, quick.id)
            }
            for locale in full.identity.locales {
                XCTAssertEqual(current.tables[locale]?.entries, full.tables[locale]?.entries, "\(sample) \(locale)")
                XCTAssertEqual(current.changes[locale], [], "\(sample) \(locale)")
            }
            XCTAssertEqual(current.files(), full.files(), "writing either gives the same files")
        }
    }

    func testAnyEditToTheSourceMakesTheTablesNotCurrent() throws {
        let module = try copyOfSample("first-weeks")
        try fullLoad(module).write()
        XCTAssertNotNil(ModuleStrings.loadIfCurrent(at: module.root))

        let page = module.root.appendingPathComponent("pages/02-address.md")
        let original = try String(contentsOf: page, encoding: .utf8)
        try module.write("pages/02-address.md", original + "\nOne more paragraph.\n")
        XCTAssertNil(ModuleStrings.loadIfCurrent(at: module.root), "an edited page")
        let edited = try fullLoad(module)
        XCTAssertTrue(edited.units.contains { $0.text == "One more paragraph." })
        try edited.write()
        XCTAssertTrue(try XCTUnwrap(ModuleStrings.loadIfCurrent(at: module.root)).units.contains { $0.text == "One more paragraph." })

        let manifest = module.root.appendingPathComponent("module.yaml")
        try module.write("module.yaml", try String(contentsOf: manifest, encoding: .utf8) + "\n# a comment\n")
        XCTAssertNil(ModuleStrings.loadIfCurrent(at: module.root), "an edited module.yaml")
        try module.write("pages/99-new.md", "---\ntitle: New\n---\n\nText.\n")
        XCTAssertNil(ModuleStrings.loadIfCurrent(at: module.root), "a new page")
    }

    func testATranslatorsEditToATableIsReadOnTheQuickWay() throws {
        // Translators edit locales/<tag>.po directly (Poedit, Weblate): that changes no source, so the
        // tables stay current, and what they wrote is what the commands see.
        let module = try copyOfSample("first-weeks")
        try fullLoad(module).write()
        let url = module.root.appendingPathComponent("locales/uk.po")
        let table = try String(contentsOf: url, encoding: .utf8)
        let before = try XCTUnwrap(ModuleStrings.loadIfCurrent(at: module.root)).tables["uk"]?.entries["ui/next"]?.translation.first
        let original = try XCTUnwrap(before)
        try module.write("locales/uk.po", table.replacingOccurrences(of: "msgstr \"\(original)\"", with: "msgstr \"Далі →\""))
        let current = try XCTUnwrap(ModuleStrings.loadIfCurrent(at: module.root))
        XCTAssertEqual(current.tables["uk"]?.entries["ui/next"]?.translation, ["Далі →"])
        XCTAssertEqual(try fullLoad(module).tables["uk"]?.entries["ui/next"]?.translation, ["Далі →"])
    }

    func testTablesWithoutADigestAreNotTakenAsCurrent() throws {
        let module = try copyOfSample("first-weeks")
        try fullLoad(module).write()
        let template = module.root.appendingPathComponent(StringTableFiles.template)
        let text = try String(contentsOf: template, encoding: .utf8)
        let withoutDigest = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains(SourceDigest.headerField) }.joined(separator: "\n")
        XCTAssertNotEqual(withoutDigest, text)
        try module.write(StringTableFiles.template, withoutDigest)
        XCTAssertNil(ModuleStrings.loadIfCurrent(at: module.root), "a template written by an older Coursepack")
    }
}
