import Foundation
import TestSupport
import XCTest

/// `coursepack strings` on copies of the real samples, as a designer and a translator use it.
final class StringsCommandTests: XCTestCase {
    private var copies: [URL] = []

    override func tearDown() {
        for copy in copies { try? FileManager.default.removeItem(at: copy) }
    }

    /// A scratch copy of a sample module.
    private func copy(_ sample: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-\(sample)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("Samples/\(sample)"), to: target)
        copies.append(target)
        return target
    }

    private func run(_ arguments: [String], expect status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let outcome = try CommandRunner.run(arguments, environment: ["COURSEPACK_TM": NSTemporaryDirectory() + "coursepack-tm-\(UUID().uuidString).sqlite"])
        XCTAssertEqual(outcome.status, status, "\(arguments): \(outcome.stdout)\(outcome.stderr)", file: file, line: line)
        return outcome.stdout
    }

    private func check(_ kind: String, _ path: String) throws -> CommandRunner.Outcome {
        let script = CommandRunner.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/xsd/check").path
        return try CommandRunner.run(program: "/bin/bash", [script, kind, path])
    }

    func testSamplesAreCompleteInTheirLocales() throws {
        for (sample, locales) in [("first-weeks", ["ar", "uk", "tr"]), ("talking-with-newcomers", ["tr", "it", "ro", "nl"])] {
            let output = try run(["strings", "status", "--format", "json", "--module", "Samples/\(sample)"])
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let rows = try XCTUnwrap(report["locales"] as? [[String: Any]])
            XCTAssertEqual(rows.compactMap { $0["locale"] as? String }, locales)
            for row in rows { XCTAssertEqual(row["percent"] as? Double, 100, "\(sample) \(row["locale"] ?? "")") }
        }
    }

    func testExportsValidateAndRoundTripWithoutChanges() throws {
        let module = try copy("first-weeks")
        let folder = module.deletingLastPathComponent()
        for format in ["po", "xliff12", "xliff20"] {
            for locale in ["ar", "uk"] {
                let file = folder.appendingPathComponent("\(module.lastPathComponent)-\(locale)-\(format).\(format == "po" ? "po" : "xlf")").path
                copies.append(URL(fileURLWithPath: file))
                _ = try run(["strings", "export", "--module", module.path, "--locale", locale, "--format", format, "--out", file])
                let first = try Data(contentsOf: URL(fileURLWithPath: file))
                switch format {
                case "po":
                    let msgfmt = try CommandRunner.run(program: "/usr/bin/msgfmt", ["-c", "--check-format", "-o", "/dev/null", file])
                    XCTAssertEqual(msgfmt.status, 0, msgfmt.stderr)
                default:
                    let validation = try check(format, file)
                    XCTAssertEqual(validation.status, 0, "\(file): \(validation.stdout)\(validation.stderr)")
                }
                let before = try run(["strings", "status", "--format", "json", "--module", module.path])
                let imported = try run(["strings", "import", "--module", module.path, file])
                XCTAssertTrue(imported.hasPrefix("\(file): 0 strings imported"), imported)
                XCTAssertEqual(try run(["strings", "status", "--format", "json", "--module", module.path]), before, "no status changes")
                _ = try run(["strings", "export", "--module", module.path, "--locale", locale, "--format", format, "--out", file])
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), first, "a second export is byte-identical")
            }
        }
        let arabic = try String(contentsOf: module.appendingPathComponent("locales/ar.po"), encoding: .utf8)
        XCTAssertTrue(arabic.contains("Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"))
    }

    func testEditingOneParagraphMakesItStaleInEveryLocaleAndNothingElse() throws {
        let module = try copy("first-weeks")
        _ = try run(["strings", "update", "--module", module.path])
        let page = module.appendingPathComponent("pages/02-address.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        let paragraph = try XCTUnwrap(text.components(separatedBy: "\n\n").first { $0.hasPrefix("In many countries") || ($0.first?.isLetter ?? false && !$0.hasPrefix("title")) })
        let edited = paragraph.replacingOccurrences(of: " ", with: "  ", options: [], range: paragraph.range(of: " ")).replacingOccurrences(of: "  ", with: " really ")
        try text.replacingOccurrences(of: paragraph, with: edited).write(to: page, atomically: true, encoding: .utf8)
        let output = try run(["strings", "update", "--module", module.path])
        XCTAssertTrue(output.contains("1 changed since the last update"), output)
        let status = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try run(["strings", "status", "--format", "json", "--module", module.path]).utf8)) as? [String: Any])
        for row in try XCTUnwrap(status["locales"] as? [[String: Any]]) {
            XCTAssertEqual(row["stale"] as? Int, 1, "\(row["locale"] ?? "")")
        }
        let exported = module.deletingLastPathComponent().appendingPathComponent("\(module.lastPathComponent)-tr.po")
        copies.append(exported)
        _ = try run(["strings", "export", "--module", module.path, "--locale", "tr", "--out", exported.path])
        let po = try String(contentsOf: exported, encoding: .utf8)
        let flattened = paragraph.split(separator: "\n").joined(separator: " ")
        XCTAssertTrue(po.contains("#, fuzzy\n#| msgid \"\(flattened.replacingOccurrences(of: "\"", with: "\\\""))\""), "the previous source is shown")
    }

    func testPseudoLocalesKeepInlineCodes() throws {
        let module = try copy("talking-with-newcomers")
        _ = try run(["strings", "pseudo", "--module", module.path])
        let accented = try String(contentsOf: module.appendingPathComponent("locales/en-XA.po"), encoding: .utf8)
        XCTAssertTrue(accented.contains("msgstr \"[Ŵĥý"), String(accented.prefix(2000)))
        let rtl = try String(contentsOf: module.appendingPathComponent("locales/ar-XB.po"), encoding: .utf8)
        XCTAssertTrue(rtl.contains("\u{202E}"))
        let msgfmt = try CommandRunner.run(program: "/usr/bin/msgfmt", ["-c", "-o", "/dev/null", module.appendingPathComponent("locales/en-XA.po").path])
        XCTAssertEqual(msgfmt.status, 0, msgfmt.stderr)
    }

    func testTMXFromOmegaTAndTradosImportIntoTheMemory() throws {
        let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Tests/CoursepackLocalizeTests/Fixtures/xliff-tmx")
        let memory = NSTemporaryDirectory() + "coursepack-tm-\(UUID().uuidString).sqlite"
        copies.append(URL(fileURLWithPath: memory))
        for file in ["omegat-level1.tmx", "trados-1.4b.tmx"] {
            let output = try run(["strings", "tm", "import", "--memory", memory, fixtures.appendingPathComponent(file).path])
            XCTAssertTrue(output.contains("translation units read"), output)
            XCTAssertFalse(output.contains(": 0 translation units read"), output)
        }
        let exported = NSTemporaryDirectory() + "coursepack-tm-\(UUID().uuidString).tmx"
        copies.append(URL(fileURLWithPath: exported))
        let output = try run(["strings", "tm", "export", "--memory", memory, "--out", exported])
        XCTAssertTrue(output.hasPrefix("wrote \(exported):"), output)
        XCTAssertTrue(try String(contentsOfFile: exported, encoding: .utf8).contains("<tmx version=\"1.4\">"))
    }

    /// The memory learns one module's translations; `fill` brings them into a module that lacks them,
    /// as needs review, without touching a translation that is there.
    func testFillFromTheMemoryNeverOverwrites() throws {
        let memory = NSTemporaryDirectory() + "coursepack-tm-\(UUID().uuidString).sqlite"
        copies.append(URL(fileURLWithPath: memory))
        let translated = try copy("first-weeks")
        let learned = try run(["strings", "tm", "add", "--memory", memory, "--module", translated.path])
        XCTAssertTrue(learned.contains("new"), learned)

        let module = try copy("first-weeks")
        let table = module.appendingPathComponent("locales/uk.po")
        var lines = try String(contentsOf: table, encoding: .utf8).components(separatedBy: "\n")
        // Blank every Ukrainian translation but the first one.
        var kept: String?
        for index in lines.indices where lines[index].hasPrefix("msgstr \"") && index > 20 {
            if kept == nil { kept = lines[index]; continue }
            lines[index] = "msgstr \"\""
        }
        try lines.joined(separator: "\n").write(to: table, atomically: true, encoding: .utf8)
        let output = try run(["strings", "fill", "--memory", memory, "--module", module.path, "--locale", "uk"])
        XCTAssertTrue(output.contains("strings filled from exact matches (marked needs review)"), output)
        let status = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try run(["strings", "status", "--format", "json", "--module", module.path]).utf8)) as? [String: Any])
        let ukrainian = try XCTUnwrap((status["locales"] as? [[String: Any]])?.first { $0["locale"] as? String == "uk" })
        XCTAssertGreaterThan(ukrainian["needsReview"] as? Int ?? 0, 300, "exact matches filled")
        XCTAssertGreaterThanOrEqual(ukrainian["translated"] as? Int ?? 0, 1, "the translation that was there stays translated")
        XCTAssertTrue(try String(contentsOf: table, encoding: .utf8).contains(kept ?? "?"))
    }

    func testImportOfAMalformedFileChangesNothing() throws {
        let module = try copy("first-weeks")
        let before = try String(contentsOf: module.appendingPathComponent("locales/ar.po"), encoding: .utf8)
        let broken = module.deletingLastPathComponent().appendingPathComponent("broken-\(UUID().uuidString).xlf")
        copies.append(broken)
        try "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"en\" trgLang=\"ar\">\n<file id=\"f\"><unit id=\"u\"><segment><source>a</source></segment></unit>\n</xliff>\n".write(to: broken, atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run(["strings", "import", "--module", module.path, broken.path])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains(broken.path + ":4:"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.hasSuffix("nothing was imported\n"), outcome.stderr)
        XCTAssertEqual(try String(contentsOf: module.appendingPathComponent("locales/ar.po"), encoding: .utf8), before)
    }
}
