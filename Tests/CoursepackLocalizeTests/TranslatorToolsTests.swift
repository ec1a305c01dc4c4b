import CoursepackLoad
@testable import CoursepackLocalize
import Foundation
import TestSupport
import XCTest

/// What translators' real tools and files do to a module (issue 16): the bytes they let through, the
/// language tags they write, the statuses and notes they keep or drop, the ids they renumber.
final class TranslatorToolsTests: XCTestCase {
    private var folder: TemporaryModule!
    private var strings: ModuleStrings!

    override func setUpWithError() throws {
        folder = try TemporaryModule(["module.yaml": StringTablesTests.manifest, "pages/01-start.md": StringTablesTests.page])
        strings = try load()
    }

    private func load() throws -> ModuleStrings {
        try ModuleStrings.load(try XCTUnwrap(try ModuleLoader.load(folder.root).module))
    }

    private func id(_ text: String) throws -> String {
        try XCTUnwrap(strings.units.first { $0.text == text }).id
    }

    /// The exchange file for `locale` with these translations and statuses.
    private func file(_ targets: [(String, String)], status: TranslationStatus = .translated, locale: String = "ar") throws -> ExchangeFile {
        var file = ExchangeBuilder.file(for: strings, locale: locale)
        for (text, target) in targets {
            let index = try XCTUnwrap(file.units.firstIndex { $0.id == (try? id(text)) })
            file.units[index].target = [target]
            file.units[index].status = status
        }
        return file
    }

    private func tool(_ name: String) throws -> String {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw MissingTool(message: "\(name) is not installed (scripts/setup.sh installs it)")
    }

    private func run(_ tool: String, _ arguments: [String], input: Data? = nil) throws -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe(), errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self) + String(decoding: errorData, as: UTF8.self))
    }

    // MARK: 1. Control characters

    func testControlCharactersAreRefusedOneStringAtATimeWithTheStringsID() throws {
        let bad: [(String, String, String)] = [
            ("At the town hall", "في البلدية\u{0}", "U+0000 (NUL)"),
            ("At the police", "عند\u{1} الشرطة", "U+0001"),
            ("Your passport", "جواز\u{0C} سفرك", "U+000C (FF)"),
            ("Office", "المكتب\u{7F}", "U+007F (DEL)"),
            ("Hours", "الساعات\u{85}", "U+0085 (NEL)"),
            ("Town hall", "البلدية\u{07}\u{08}\u{0B}", "U+0007 (BEL), U+0008 (BS), U+000B (VT)"),
            ("8 to 12", "من 8 إلى 12" + String(Unicode.Scalar(UInt32(0xFFFE))!), "U+FFFE"),
            ("Where do you register?", "أين تسجل؟" + String(Unicode.Scalar(UInt32(0xFDD0))!), "U+FDD0"),
        ]
        let incoming = try file(bad.map { ($0.0, $0.1) } + [("Bring these documents:", "أحضر هذه الوثائق:")])
        let report = try Importer.apply(incoming, to: &strings)
        XCTAssertEqual(report.imported, [try id("Bring these documents:")])
        XCTAssertEqual(Set(report.rejected.map(\.id)), Set(try bad.map { try id($0.0) }))
        for (text, _, named) in bad {
            let reason = try XCTUnwrap(report.rejected.first { $0.id == (try? id(text)) }).reasons.joined(separator: "; ")
            XCTAssertTrue(reason.contains("control character") && reason.contains(named), "\(text): \(reason)")
        }
        // A tab and a line break are text.
        XCTAssertEqual(TranslationChecker.controlCharacters(source: "a", target: "b\tc\nd"), [])
    }

    func testATableHoldingANULIsReadNamedByTheChecksAndRepairedByUpdate() throws {
        try strings.write()
        let townHall = try id("At the town hall"), police = try id("At the police")
        var table = try String(contentsOf: folder.root.appendingPathComponent("locales/ar.po"), encoding: .utf8)
        table = table.replacingOccurrences(of: "msgctxt \"\(townHall)\"\nmsgid \"At the town hall\"\nmsgstr \"\"",
                                           with: "msgctxt \"\(townHall)\"\nmsgid \"At the town hall\"\nmsgstr \"في \u{0}البلدية\"")
        table = table.replacingOccurrences(of: "msgctxt \"\(police)\"\nmsgid \"At the police\"\nmsgstr \"\"",
                                           with: "msgctxt \"\(police)\"\nmsgid \"At the police\"\nmsgstr \"عند الشرطة\"")
        XCTAssertTrue(table.contains("\u{0}"))
        try folder.write("locales/ar.po", table)

        var repaired = try load()
        XCTAssertEqual(repaired.controlCharacters.map(\.id), [townHall])
        let diagnostics = TableChecker.diagnostics(for: repaired).filter { $0.message.contains("control character") }
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertTrue(diagnostics[0].message.hasPrefix(townHall + ":"), diagnostics[0].message)
        XCTAssertEqual(diagnostics[0].location.file, "locales/ar.po")
        XCTAssertGreaterThan(diagnostics[0].location.line ?? 0, 1)

        let changes = repaired.removeControlCharacters()
        XCTAssertEqual(changes.map(\.id), [townHall])
        XCTAssertEqual(changes.first?.removed, "U+0000 (NUL)")
        try repaired.write()
        let after = try load()
        XCTAssertEqual(after.tables["ar"]?.entries[townHall]?.translation, ["في البلدية"])
        XCTAssertEqual(after.tables["ar"]?.entries[townHall]?.status, .needsReview)
        XCTAssertEqual(after.tables["ar"]?.entries[police]?.translation, ["عند الشرطة"])
        XCTAssertEqual(after.tables["ar"]?.entries[police]?.status, .translated)
        XCTAssertTrue(after.controlCharacters.isEmpty)
    }

    // MARK: 2, 3. Region subtags

    func testTMXWithRegionSubtagsMatchesTheModulesLanguages() throws {
        let tmx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="memoQ" creationtoolversion="11" segtype="sentence" o-tmf="memoQ" adminlang="en-US" srclang="en-US" datatype="plaintext"/>
            <body>
            <tu><tuv xml:lang="en-US"><seg>At the town hall</seg></tuv><tuv xml:lang="ar-SA"><seg>في البلدية</seg></tuv></tu>
            <tu><tuv xml:lang="en-GB"><seg>At the police</seg></tuv><tuv xml:lang="ar-EG"><seg>عند الشرطة</seg></tuv></tu>
            <tu><tuv xml:lang="en-US"><seg>Your passport</seg></tuv><tuv xml:lang="zh-Hant-TW"><seg>你的護照</seg></tuv></tu>
            <tu><tuv xml:lang="en-US"><seg>Office</seg></tuv><tuv xml:lang="fa"><seg>دفتر</seg></tuv></tu>
            </body></tmx>
            """
        let memory = try TranslationMemory(inMemory: ())
        XCTAssertEqual(try memory.add(try TMX.read(Data(tmx.utf8))), 4)
        XCTAssertEqual(try memory.exact("At the town hall", from: "en", to: "ar").map(\.entry.target), ["في البلدية"])
        XCTAssertEqual(try memory.exact("At the police", from: "en", to: "ar").map(\.entry.target), ["عند الشرطة"])
        XCTAssertEqual(try memory.exact("At the town hall", from: "en-US", to: "ar-SA").count, 1)
        XCTAssertEqual(try memory.fuzzy("At the town hall today", from: "en", to: "ar", threshold: 50).map(\.entry.target), ["في البلدية"])
        let suggestions = try memory.suggestions(for: ["At the town hall", "At the police"], from: "en", to: "ar")
        XCTAssertEqual(suggestions.map { $0.first?.isExact }, [true, true])
        // Another script or a more general tag is another text.
        XCTAssertEqual(try memory.exact("Your passport", from: "en", to: "zh"), [])
        XCTAssertEqual(try memory.exact("Office", from: "en", to: "fa-AF"), [])
        XCTAssertEqual(try memory.exact("At the town hall", from: "en", to: "ar-EG"), [])
    }

    func testExchangeFilesWithRegionSubtagsImportIntoTheModulesLocale() throws {
        let townHall = try id("At the town hall")
        for format in ExchangeFormat.allCases {
            for tag in ["ar-SA", "ar_SA", "AR-sa"] {
                strings = try load()
                var outgoing = try file([("At the town hall", "في البلدية")])
                outgoing.targetLocale = tag
                var data = ExchangeFiles.write(outgoing, as: format)
                if format == .po {
                    // Poedit writes the POSIX form in the header.
                    data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"Language: \(tag)\\n\"", with: "\"Language: \(tag.replacingOccurrences(of: "-", with: "_"))\\n\"").utf8)
                }
                let read = try ExchangeFiles.read(data)
                let report = try Importer.apply(read.file, to: &strings)
                XCTAssertEqual(report.locale, "ar", "\(format) \(tag)")
                XCTAssertEqual(report.imported, [townHall], "\(format) \(tag)")
                XCTAssertEqual(strings.tables["ar"]?.entries[townHall]?.translation, ["في البلدية"])
            }
        }
        // A locale the module does not have is still refused, and so is another source language.
        var other = try file([("At the town hall", "Στο δημαρχείο")])
        other.targetLocale = "el-GR"
        XCTAssertThrowsError(try Importer.apply(other, to: &strings)) { XCTAssertTrue("\($0)".contains("no locale 'el-GR'"), "\($0)") }
        var french = try file([("At the town hall", "في البلدية")])
        french.sourceLocale = "fr-FR"
        XCTAssertThrowsError(try Importer.apply(french, to: &strings)) { XCTAssertTrue("\($0)".contains("translates from 'fr-FR'"), "\($0)") }
        var american = try file([("At the town hall", "في البلدية")])
        american.sourceLocale = "en-US"
        XCTAssertNoThrow(try Importer.apply(american, to: &strings))
    }

    func testLanguageTagResolution() {
        XCTAssertEqual(LanguageTag.resolve("ar-SA", among: ["ar", "uk"]), "ar")
        XCTAssertEqual(LanguageTag.resolve("ar_SA", among: ["ar", "ar-EG"]), "ar")
        XCTAssertEqual(LanguageTag.resolve("ar-EG", among: ["ar", "ar-EG"]), "ar-EG")
        XCTAssertEqual(LanguageTag.resolve("pt", among: ["pt-BR"]), "pt-BR")
        XCTAssertNil(LanguageTag.resolve("pt", among: ["pt-BR", "pt-PT"]))
        XCTAssertNil(LanguageTag.resolve("zh-Hant", among: ["zh"]))
        XCTAssertEqual(LanguageTag.resolve("fa-AF", among: ["fa"]), "fa")
        XCTAssertNil(LanguageTag.resolve("fa", among: ["fa-AF", "fa-IR"]))
        XCTAssertNil(LanguageTag.resolve("el", among: ["ar", "uk"]))
    }

    // MARK: 4. "final" through GNU gettext

    func testFinalSurvivesMsgcatAndMsgmergeInTheExportedFileAndTheTable() throws {
        let msgcat = try tool("msgcat"), msgmerge = try tool("msgmerge")
        let townHall = try id("At the town hall"), police = try id("At the police")
        _ = try Importer.apply(try file([("At the town hall", "في البلدية"), ("At the police", "عند الشرطة")], status: .final), to: &strings)
        strings.tables["ar"]!.entries[police]!.comments = ["Checked with the legal team."]
        try strings.write()
        XCTAssertEqual(try load().tables["ar"]?.entries[townHall]?.status, .final)

        let scratch = folder.root.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        // The translator's file, through msgcat and msgmerge as translators' scripts run them.
        let exported = scratch.appendingPathComponent("ar.po")
        try ExchangeFiles.write(ExchangeBuilder.file(for: strings, locale: "ar"), as: .po).write(to: exported)
        let catted = scratch.appendingPathComponent("catted.po"), merged = scratch.appendingPathComponent("merged.po")
        var result = try run(msgcat, ["-o", catted.path, exported.path])
        XCTAssertEqual(result.code, 0, result.output)
        result = try run(msgmerge, ["--previous", "-q", "-o", merged.path, catted.path, folder.root.appendingPathComponent("locales/source.pot").path])
        XCTAssertEqual(result.code, 0, result.output)
        let read = try ExchangeFiles.read(try Data(contentsOf: merged)).file
        XCTAssertEqual(read.units.first { $0.id == townHall }?.status, .final)
        XCTAssertEqual(read.units.first { $0.id == police }?.comments, ["Checked with the legal team."])

        // The stored table, merged in place the gettext way.
        let table = folder.root.appendingPathComponent("locales/ar.po")
        result = try run(msgmerge, ["--previous", "-q", "-U", "--backup=none", table.path, folder.root.appendingPathComponent("locales/source.pot").path])
        XCTAssertEqual(result.code, 0, result.output)
        result = try run(msgcat, ["-o", table.path, table.path])
        XCTAssertEqual(result.code, 0, result.output)
        let after = try load()
        XCTAssertEqual(after.tables["ar"]?.entries[townHall]?.status, .final)
        XCTAssertEqual(after.tables["ar"]?.entries[police]?.status, .final)
        XCTAssertEqual(after.tables["ar"]?.entries[police]?.comments, ["Checked with the legal team."])

        // A translator who edits an approved translation in a PO editor keeps the comment: the
        // changed translation needs a new approval.
        var edited = try ExchangeFiles.read(try Data(contentsOf: merged)).file
        let index = try XCTUnwrap(edited.units.firstIndex { $0.id == townHall })
        edited.units[index].target = ["في مبنى البلدية"]
        var current = try load()
        _ = try Importer.apply(edited, to: &current)
        XCTAssertEqual(current.tables["ar"]?.entries[townHall]?.status, .translated)
    }

    // MARK: 5. XLIFF 2.0 states

    func testXLIFF20StaleAndNeedsReviewStringsNeedWorkForTranslateToolkit() throws {
        let python = try tool("python3")
        guard try run(python, ["-c", "import translate.storage.xliff2"]).code == 0 else {
            throw MissingTool(message: "translate-toolkit is not installed (python3 -m pip install translate-toolkit)")
        }
        let townHall = try id("At the town hall"), police = try id("At the police"), office = try id("Office")
        _ = try Importer.apply(try file([("At the town hall", "في البلدية"), ("Office", "المكتب")]), to: &strings)
        _ = try Importer.apply(try file([("At the police", "عند الشرطة")], status: .needsReview), to: &strings)
        try strings.write()
        try folder.write("pages/01-start.md", StringTablesTests.page.replacingOccurrences(of: "At the town hall", with: "At the town hall, first floor"))
        strings = try load()
        let staleID = try id("At the town hall, first floor")
        XCTAssertEqual(staleID, townHall)
        XCTAssertEqual(strings.tables["ar"]?.entries[townHall]?.status, .stale)

        let url = folder.root.appendingPathComponent("ar.xlf")
        try ExchangeFiles.write(ExchangeBuilder.file(for: strings, locale: "ar"), as: .xliff20).write(to: url)
        let script = """
            import sys, json
            from translate.storage import xliff2
            store = xliff2.Xliff2File.parsefile(sys.argv[1])
            out = {}
            for unit in store.units:
                name = unit.getunitelement().get("name")
                out[name] = {"fuzzy": unit.isfuzzy(), "translated": unit.istranslated()}
            print(json.dumps(out))
            """
        let result = try run(python, ["-c", script, url.path])
        XCTAssertEqual(result.code, 0, result.output)
        let states = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: [String: Bool]])
        XCTAssertEqual(states[townHall], ["fuzzy": true, "translated": false], "stale")
        XCTAssertEqual(states[police], ["fuzzy": true, "translated": false], "needs review")
        XCTAssertEqual(states[office], ["fuzzy": false, "translated": true], "translated")
        // And they come back as they went out.
        let back = try ExchangeFiles.read(try Data(contentsOf: url)).file
        XCTAssertEqual(back.units.first { $0.id == townHall }?.status, .stale)
        XCTAssertEqual(back.units.first { $0.id == townHall }?.previousSource, "At the town hall")
        XCTAssertEqual(back.units.first { $0.id == police }?.status, .needsReview)
        // A tool that drops the sub-state: the untouched stale string stays stale, its previous source kept.
        let withoutSubState = String(decoding: try Data(contentsOf: url), as: UTF8.self).replacingOccurrences(of: " subState=\"coursepack:stale\"", with: "")
        let report = try Importer.apply(try ExchangeFiles.read(Data(withoutSubState.utf8)).file, to: &strings)
        XCTAssertFalse(report.imported.contains(townHall))
        XCTAssertEqual(strings.tables["ar"]?.entries[townHall]?.status, .stale)
        XCTAssertEqual(strings.tables["ar"]?.entries[townHall]?.previousSource, "At the town hall")
    }

    // MARK: 7. Unit identity

    func testRenumberedXLIFF12IdsImportByResname() throws {
        let townHall = try id("At the town hall")
        var outgoing = try file([("At the town hall", "في البلدية")])
        let plural = try XCTUnwrap(outgoing.units.firstIndex { $0.id == "ui/pages-left" })
        outgoing.units[plural].target = ["{count} صفحة", "{count} صفحة", "{count} صفحة", "{count} صفحات", "{count} صفحة", "{count} صفحة"]
        outgoing.units[plural].status = .translated
        var xml = String(decoding: ExchangeFiles.write(outgoing, as: .xliff12), as: UTF8.self)
        // What a CAT tool that numbers its segments writes: id="1", id="2"... resname kept.
        var counter = 0
        var searchFrom = xml.startIndex
        while let range = xml.range(of: #"<trans-unit id="[^"]*""#, options: .regularExpression, range: searchFrom..<xml.endIndex) {
            counter += 1
            let replacement = "<trans-unit id=\"\(counter)\""
            xml.replaceSubrange(range, with: replacement)
            searchFrom = xml.index(range.lowerBound, offsetBy: replacement.count)
        }
        XCTAssertGreaterThan(counter, 10)
        let read = try ExchangeFiles.read(Data(xml.utf8))
        let report = try Importer.apply(read.file, to: &strings)
        XCTAssertEqual(Set(report.imported), [townHall, "ui/pages-left"])
        XCTAssertTrue(report.unknown.isEmpty, "\(report.unknown)")
        XCTAssertEqual(strings.tables["ar"]?.entries["ui/pages-left"]?.translation.count, 6)
    }

    func testXLIFF20WithoutNameImportsByItsIDTokens() throws {
        let townHall = try id("At the town hall")
        var outgoing = try file([("At the town hall", "في البلدية")])
        let plural = try XCTUnwrap(outgoing.units.firstIndex { $0.id == "ui/pages-left" })
        outgoing.units[plural].target = ["{count} صفحة", "{count} صفحة", "{count} صفحة", "{count} صفحات", "{count} صفحة", "{count} صفحة"]
        outgoing.units[plural].status = .translated
        let xml = String(decoding: ExchangeFiles.write(outgoing, as: .xliff20), as: UTF8.self)
            .replacingOccurrences(of: #" name="[^"]*""#, with: "", options: .regularExpression)
        XCTAssertFalse(xml.contains(" name=\""))
        let first = try ExchangeFiles.read(Data(xml.utf8))
        XCTAssertTrue(first.file.keysAreTokens)
        let keys = XLIFF.tokenKeys(for: ExchangeBuilder.file(for: strings, locale: "ar"))
        let read = try ExchangeFiles.read(Data(xml.utf8), tokenKeys: keys)
        XCTAssertFalse(read.file.keysAreTokens)
        let report = try Importer.apply(read.file, to: &strings)
        XCTAssertEqual(Set(report.imported), [townHall, "ui/pages-left"])
        XCTAssertTrue(report.unknown.isEmpty, "\(report.unknown)")
    }

    // MARK: 8. An old, untouched file

    func testAnOldUntouchedFileLeavesStaleStringsStaleWithTheirPreviousSource() throws {
        let townHall = try id("At the town hall")
        _ = try Importer.apply(try file([("At the town hall", "في البلدية")]), to: &strings)
        try strings.write()
        var old: [ExchangeFormat: Data] = [:]
        for format in ExchangeFormat.allCases { old[format] = ExchangeFiles.write(ExchangeBuilder.file(for: strings, locale: "ar"), as: format) }
        try folder.write("pages/01-start.md", StringTablesTests.page.replacingOccurrences(of: "At the town hall", with: "At the town hall, first floor"))
        for format in ExchangeFormat.allCases {
            strings = try load()
            XCTAssertEqual(strings.tables["ar"]?.entries[townHall]?.status, .stale)
            let report = try Importer.apply(try ExchangeFiles.read(old[format]!).file, to: &strings)
            XCTAssertEqual(report.imported, [], "\(format)")
            let entry = strings.tables["ar"]?.entries[townHall]
            XCTAssertEqual(entry?.status, .stale, "\(format)")
            XCTAssertEqual(entry?.previousSource, "At the town hall", "\(format)")
            XCTAssertEqual(entry?.translation, ["في البلدية"], "\(format)")
        }
        // A translator who did revise it against the old source: needs review.
        var revised = try ExchangeFiles.read(old[.po]!).file
        let index = try XCTUnwrap(revised.units.firstIndex { $0.id == townHall })
        revised.units[index].target = ["في مبنى البلدية"]
        let report = try Importer.apply(revised, to: &strings)
        XCTAssertEqual(report.againstOlderSource, [townHall])
        XCTAssertEqual(strings.tables["ar"]?.entries[townHall]?.status, .needsReview)
    }

    // MARK: 9. Translators' notes

    func testTranslatorsNotesRoundTripInAllThreeFormats() throws {
        let townHall = try id("At the town hall"), police = try id("At the police")
        for format in ExchangeFormat.allCases {
            try? FileManager.default.removeItem(at: folder.root.appendingPathComponent("locales/ar.po"))
            strings = try load()
            var outgoing = try file([("At the town hall", "في البلدية")])
            let data = String(decoding: ExchangeFiles.write(outgoing, as: format), as: UTF8.self)
            // The notes as each tool writes them.
            let withNotes: String
            switch format {
            case .po:
                withNotes = data.replacingOccurrences(of: "msgctxt \"\(police)\"", with: "# Ask the client: police station or police office?\nmsgctxt \"\(police)\"")
                    .replacingOccurrences(of: "msgctxt \"\(townHall)\"", with: "# Glossary: البلدية\nmsgctxt \"\(townHall)\"")
            case .xliff20:
                let once = try insert(into: data, unitNamed: police, before: "</notes>", "<note>Ask the client: police station or police office?</note>")
                withNotes = try insert(into: once, unitNamed: townHall, before: "</notes>", "<note category=\"glossary\">Glossary: البلدية</note>")
            case .xliff12:
                let once = try insert(into: data, unitNamed: police, before: "</trans-unit>", "<note from=\"Amal\">Ask the client: police station or police office?</note>")
                withNotes = try insert(into: once, unitNamed: townHall, before: "</trans-unit>", "<note>Glossary: البلدية</note>")
            }
            let read = try ExchangeFiles.read(Data(withNotes.utf8)).file
            _ = try Importer.apply(read, to: &strings)
            try strings.write()
            let stored = try load()
            XCTAssertEqual(stored.tables["ar"]?.entries[police]?.comments, ["Ask the client: police station or police office?"], "\(format)")
            XCTAssertEqual(stored.tables["ar"]?.entries[townHall]?.comments, ["Glossary: البلدية"], "\(format)")
            XCTAssertEqual(stored.tables["ar"]?.entries[townHall]?.translation, ["في البلدية"], "\(format)")
            // Exported again, they are there; imported again, nothing changes.
            outgoing = ExchangeBuilder.file(for: stored, locale: "ar")
            let again = ExchangeFiles.write(outgoing, as: format)
            XCTAssertTrue(String(decoding: again, as: UTF8.self).contains("Ask the client: police station or police office?"), "\(format)")
            var reloaded = stored
            let report = try Importer.apply(try ExchangeFiles.read(again).file, to: &reloaded)
            XCTAssertEqual(report.imported + report.notesChanged, [], "\(format)")
            // The module's own notes never become the translator's.
            XCTAssertEqual(reloaded.tables["ar"]?.entries[try id("Office")]?.comments, [], "\(format)")
        }
    }

    private func insert(into xml: String, unitNamed name: String, before marker: String, _ text: String) throws -> String {
        let attribute = xml.contains("resname=\"\(name)\"") ? "resname=\"\(name)\"" : "name=\"\(name)\""
        let start = try XCTUnwrap(xml.range(of: attribute))
        let end = try XCTUnwrap(xml.range(of: marker, range: start.upperBound..<xml.endIndex))
        var result = xml
        result.insert(contentsOf: text, at: end.lowerBound)
        return result
    }

    // MARK: 10. Smaller

    func testOctalAndHexadecimalEscapesAreRead() throws {
        let po = try POParser.parse("msgctxt \"a\"\nmsgid \"caf\\303\\251\"\nmsgstr \"caf\\xc3\\xa9 \\101\\x42\"\n")
        XCTAssertEqual(po.entries.first?.id, "café")
        XCTAssertEqual(po.entries.first?.strings, ["café AB"])
        XCTAssertThrowsError(try POParser.parse("msgid \"\\q\"\nmsgstr \"\"\n"))
    }

    func testFilesThatAreNotTranslationFilesGetAClearMessage() {
        let cases: [(Data, String)] = [
            (Data(), "empty"),
            (Data("  \n".utf8), "only white space"),
            (Data("{\"hello\": \"مرحبا\"}".utf8), "JSON"),
            (Data("id,source,target\n1,Hello,Marhaba\n".utf8), "CSV"),
            (Data([0xFF, 0xFE] + Array("msgid \"\"\nmsgstr \"\"\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })), "UTF-16"),
        ]
        for (data, expected) in cases {
            XCTAssertThrowsError(try ExchangeFiles.read(data), expected) { XCTAssertTrue("\($0)".contains(expected), "\($0)") }
        }
    }

    func testWhiteSpaceAtTheEndsFollowsTheSourceAndPOExportsCarryReferences() throws {
        let townHall = try id("At the town hall")
        let report = try Importer.apply(try file([("At the town hall", " في البلدية\n")]), to: &strings)
        XCTAssertEqual(report.imported, [townHall])
        XCTAssertEqual(strings.tables["ar"]?.entries[townHall]?.translation, ["في البلدية"])
        let po = String(decoding: ExchangeFiles.write(ExchangeBuilder.file(for: strings, locale: "ar"), as: .po), as: UTF8.self)
        XCTAssertTrue(po.contains("#: pages/01-start.md:"), po)
    }

    func testEntriesWithoutAStringIDAreCounted() throws {
        var po = String(decoding: ExchangeFiles.write(try file([("At the town hall", "في البلدية")]), as: .po), as: UTF8.self)
        po += "\nmsgid \"Loose entry\"\nmsgstr \"مدخل\"\n"
        let read = try ExchangeFiles.read(Data(po.utf8)).file
        XCTAssertEqual(read.entriesWithoutID, 1)
        XCTAssertEqual(try Importer.apply(read, to: &strings).withoutID, 1)
    }
}
