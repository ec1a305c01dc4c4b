import Foundation
import XCTest

/// `coursepack strings` with the files and habits of translators' tools (issue 16), commands run at
/// the same time and oversized files (issue 13, points 5 and 6), on copies of the samples.
final class StringsTranslatorFilesTests: XCTestCase {
    private var scratch: [URL] = []
    private var memory = ""

    override func setUp() {
        memory = NSTemporaryDirectory() + "coursepack-tm-\(UUID().uuidString).sqlite"
        scratch.append(URL(fileURLWithPath: memory))
        scratch.append(URL(fileURLWithPath: memory + ".lock"))
    }

    override func tearDown() {
        for url in scratch { try? FileManager.default.removeItem(at: url) }
    }

    private func copy(_ sample: String = "first-weeks") throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-\(sample)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("Samples/\(sample)"), to: target)
        scratch.append(target)
        return target
    }

    private func temporaryFile(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
        scratch.append(url)
        return url
    }

    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRunner.Outcome {
        try CommandRunner.run(arguments, environment: ["COURSEPACK_TM": memory].merging(environment) { $1 })
    }

    /// Every file under `locales/`, with its contents: what a command that changes nothing must leave.
    private func snapshot(_ module: URL) throws -> [String: Data] {
        let root = module.appendingPathComponent("locales")
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            if !isFolder.boolValue { files[url.path] = try Data(contentsOf: url) }
        }
        return files
    }

    // MARK: Issue 16, point 6

    func testAFileWithNoStringOfTheModuleExitsTwoWithOneLineAndWritesNothing() throws {
        let module = try copy()
        let file = temporaryFile("other.xlf")
        XCTAssertEqual(try run(["strings", "export", module.path, "--locale", "ar", "--format", "xliff12", "--out", file.path]).status, 0)
        // Another module's strings (every id changed), with another tool's markup that must not be kept.
        var xml = try String(contentsOf: file, encoding: .utf8)
        xml = xml.replacingOccurrences(of: " id=\"", with: " id=\"other-").replacingOccurrences(of: " resname=\"", with: " resname=\"other-")
        xml = xml.replacingOccurrences(of: "<trans-unit ", with: "<trans-unit xmlns:mq=\"MQXliff\" mq:status=\"ManuallyConfirmed\" ")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        let before = try snapshot(module)
        let outcome = try run(["strings", "import", module.path, file.path])
        XCTAssertEqual(outcome.status, 2, outcome.stdout + outcome.stderr)
        XCTAssertEqual(outcome.stdout, "")
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("nothing imported: none of its"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains(" and "), "a few ids as examples, then a count: \(outcome.stderr)")
        XCTAssertEqual(try snapshot(module), before, "nothing written, locales/.exchange included")
        XCTAssertFalse(FileManager.default.fileExists(atPath: module.appendingPathComponent("locales/.exchange").path))
    }

    // MARK: Issue 16, point 1

    func testAControlCharacterIsRefusedWithTheStringsIDAndANULInATableIsRepairedByUpdate() throws {
        let module = try copy()
        let file = temporaryFile("ar.po")
        XCTAssertEqual(try run(["strings", "export", module.path, "--locale", "ar", "--out", file.path]).status, 0)
        var po = try String(contentsOf: file, encoding: .utf8)
        let first = try XCTUnwrap(po.range(of: #"msgctxt "[^"]*"\nmsgid "[^"]*"\nmsgstr "[^"]+""#, options: .regularExpression))
        let entry = String(po[first])
        let id = String(entry.dropFirst("msgctxt \"".count).prefix { $0 != "\"" })
        po.replaceSubrange(first, with: String(entry.dropLast()) + "\\f\\a\"")
        try po.write(to: file, atomically: true, encoding: .utf8)
        let refused = try run(["strings", "import", module.path, file.path])
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stdout.contains("refused: \(id): the translation holds the control characters U+000C (FF), U+0007 (BEL)"), refused.stdout)

        // A table that holds a NUL (written by an older version): every command used to stop on it.
        let table = module.appendingPathComponent("locales/ar.po")
        var stored = try String(contentsOf: table, encoding: .utf8)
        let storedEntry = try XCTUnwrap(stored.range(of: "msgctxt \"\(id)\"\nmsgid \"[^\"]*\"\nmsgstr \"[^\"]+", options: .regularExpression))
        stored.replaceSubrange(storedEntry, with: String(stored[storedEntry]) + "\u{0}")
        try stored.write(to: table, atomically: true, encoding: .utf8)
        let validate = try run(["validate", module.path])
        XCTAssertEqual(validate.status, 1, validate.stdout + validate.stderr)
        XCTAssertTrue(validate.stdout.contains("\(id): the translation holds the control character U+0000 (NUL)"), validate.stdout)
        XCTAssertFalse(validate.stdout.contains("binary data"), validate.stdout)
        XCTAssertEqual(try run(["strings", "status", module.path]).status, 0)

        let update = try run(["strings", "update", module.path])
        XCTAssertEqual(update.status, 0, update.stdout + update.stderr)
        XCTAssertTrue(update.stdout.contains("ar: \(id): removed the control character(s) U+0000 (NUL); the string needs review"), update.stdout)
        XCTAssertFalse(try Data(contentsOf: table).contains(0))
        let after = try run(["validate", module.path])
        XCTAssertEqual(after.status, 0, after.stdout + after.stderr)
        let packed = try run(["pack", module.path, "--target", "web", "--out", temporaryFile("zips").path])
        XCTAssertEqual(packed.status, 0, packed.stdout + packed.stderr)
    }

    // MARK: Issue 16, "Also"

    func testEveryStringsCommandTakesTheModuleAsItsFirstArgument() throws {
        let module = try copy()
        let file = temporaryFile("ar.xlf")
        let commands: [[String]] = [
            ["strings", "status", module.path],
            ["strings", "update", module.path],
            ["strings", "export", module.path, "--locale", "ar", "--format", "xliff20", "--out", file.path],
            ["strings", "import", module.path, file.path],
            ["strings", "pseudo", module.path],
            ["strings", "tm", "add", module.path],
            ["strings", "fill", module.path, "--locale", "ar"],
            ["strings", "status", "--module", module.path],
            ["strings", "import", "--module", module.path, file.path],
        ]
        for arguments in commands {
            let outcome = try run(arguments)
            XCTAssertEqual(outcome.status, 0, "\(arguments): \(outcome.stdout)\(outcome.stderr)")
        }
        let twice = try run(["strings", "status", module.path, "--module", "/elsewhere"])
        XCTAssertEqual(twice.status, 2, twice.stderr)
        XCTAssertTrue(twice.stderr.contains("the module is given twice"), twice.stderr)
        // From inside the module, the file alone.
        let inside = try CommandRunner.run(["strings", "import", file.path], in: module, environment: ["COURSEPACK_TM": memory])
        XCTAssertEqual(inside.status, 0, inside.stdout + inside.stderr)
    }

    func testStatusOffersOnlyTheFormatsItWrites() throws {
        let help = try run(["strings", "status", "--help"])
        XCTAssertTrue(help.stdout.contains("text") && help.stdout.contains("json"), help.stdout)
        XCTAssertFalse(help.stdout.contains("sarif"), help.stdout)
    }

    func testFilesThatAreNotForImportAreNamed() throws {
        let module = try copy()
        let folder = temporaryFile("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let json = temporaryFile("strings.json")
        try Data("{\"a\": \"b\"}".utf8).write(to: json)
        for (path, message) in [(folder.path, "is a folder"), (json.path, "JSON")] {
            let outcome = try run(["strings", "import", module.path, path])
            XCTAssertEqual(outcome.status, 2)
            XCTAssertTrue(outcome.stderr.contains(message), outcome.stderr)
        }
        let po = module.appendingPathComponent("locales/ar.po").path
        let tm = try run(["strings", "tm", "import", po])
        XCTAssertEqual(tm.status, 2)
        XCTAssertTrue(tm.stderr.contains("this is a PO file, not TMX"), tm.stderr)
    }

    /// Import adds to the memory what `tm add` adds: translations a package may show, not those that
    /// need review.
    func testImportAddsOnlyUsableTranslationsToTheMemory() throws {
        let module = try copy()
        let file = temporaryFile("ar.po")
        XCTAssertEqual(try run(["strings", "export", module.path, "--locale", "ar", "--out", file.path]).status, 0)
        var po = try String(contentsOf: file, encoding: .utf8)
        var edited: [String] = []
        var searchFrom = po.startIndex
        for (index, flag) in ["", "#, fuzzy\n"].enumerated() {
            let range = try XCTUnwrap(po.range(of: #"(?m)^msgctxt "[^"]*/p-[^"]*"\nmsgid "[^"\\]*"\nmsgstr "[^"\\]+"#, options: .regularExpression,
                                               range: searchFrom..<po.endIndex))
            let text = String(po[range]) + " (نسخة \(index))"
            po.replaceSubrange(range, with: flag + text)
            searchFrom = po.index(range.lowerBound, offsetBy: flag.count + text.count)
            edited.append("(نسخة \(index))")
        }
        try po.write(to: file, atomically: true, encoding: .utf8)
        let imported = try run(["strings", "import", module.path, file.path])
        XCTAssertEqual(imported.status, 0, imported.stdout + imported.stderr)
        let tmx = temporaryFile("memory.tmx")
        XCTAssertEqual(try run(["strings", "tm", "export", "--out", tmx.path]).status, 0)
        let exported = try String(contentsOf: tmx, encoding: .utf8)
        XCTAssertTrue(exported.contains(edited[0]), "the translated string is in the memory")
        XCTAssertFalse(exported.contains(edited[1]), "the string that needs review is not")
    }

    // MARK: Issue 13, point 5: commands at once

    func testACommandWaitsForAnotherThatHoldsTheModuleAndGivesUpWithAClearMessage() throws {
        let module = try copy()
        let before = try snapshot(module)
        // Another command holds the module (flock(1) takes the same lock as coursepack).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [module.path, "sleep", "3"]
        try holder.run()
        usleep(300_000)
        let refused = try run(["strings", "update", module.path], environment: ["COURSEPACK_LOCK_TIMEOUT": "1"])
        XCTAssertEqual(refused.status, 2, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("waiting for another coursepack command that is changing the translations of the module"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("another coursepack command has been changing the translations of the module"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("nothing was changed"), refused.stderr)
        XCTAssertEqual(try snapshot(module), before)
        let waited = try run(["strings", "update", module.path], environment: ["COURSEPACK_LOCK_TIMEOUT": "30"])
        XCTAssertEqual(waited.status, 0, waited.stdout + waited.stderr)
        holder.waitUntilExit()
    }

    /// `import` and `fill` at once: each change is kept, whichever runs first.
    func testImportAndFillAtOnceBothKeepTheirChanges() throws {
        let translated = try copy()
        XCTAssertEqual(try run(["strings", "tm", "add", translated.path]).status, 0)
        for round in 0..<3 {
            let module = try copy()
            // Blank the Ukrainian table (for fill) and export an Arabic file with one changed string (for import).
            let uk = module.appendingPathComponent("locales/uk.po")
            let blanked = try String(contentsOf: uk, encoding: .utf8).replacingOccurrences(of: #"(?m)^msgstr "(.+)"$"#, with: "msgstr \"\"", options: .regularExpression)
            try blanked.write(to: uk, atomically: true, encoding: .utf8)
            let file = temporaryFile("ar-\(round).po")
            XCTAssertEqual(try run(["strings", "export", module.path, "--locale", "ar", "--out", file.path]).status, 0)
            var po = try String(contentsOf: file, encoding: .utf8)
            let entry = try XCTUnwrap(po.range(of: #"msgctxt "[^"]*/p-[^"]*"\nmsgid "[^"]*"\nmsgstr "[^"]+"#, options: .regularExpression))
            po.replaceSubrange(entry, with: String(po[entry]) + " (مراجعة \(round))")
            try po.write(to: file, atomically: true, encoding: .utf8)

            let importing = Process(), filling = Process()
            for (process, arguments) in [(importing, ["strings", "import", module.path, file.path]), (filling, ["strings", "fill", module.path, "--locale", "uk"])] {
                process.executableURL = CommandRunner.productsDirectory.appendingPathComponent("coursepack")
                process.arguments = arguments
                process.environment = ProcessInfo.processInfo.environment.merging(["COURSEPACK_TM": memory]) { $1 }
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
            }
            try importing.run()
            try filling.run()
            importing.waitUntilExit()
            filling.waitUntilExit()
            XCTAssertEqual(importing.terminationStatus, 0)
            XCTAssertEqual(filling.terminationStatus, 0)
            XCTAssertTrue(try String(contentsOf: module.appendingPathComponent("locales/ar.po"), encoding: .utf8).contains("(مراجعة \(round))"),
                          "round \(round): the import was lost")
            let status = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try run(["strings", "status", "--format", "json", module.path]).stdout.utf8)) as? [String: Any])
            let ukrainian = try XCTUnwrap((status["locales"] as? [[String: Any]])?.first { $0["locale"] as? String == "uk" })
            XCTAssertGreaterThan(ukrainian["needsReview"] as? Int ?? 0, 300, "round \(round): the fill was lost")
        }
    }

    func testTwoCommandsCreatingTheSameNewMemoryBothSucceed() throws {
        let tmx = CommandRunner.repositoryRoot.appendingPathComponent("Tests/CoursepackLocalizeTests/Fixtures/xliff-tmx/trados-1.4b.tmx").path
        for _ in 0..<4 {
            let fresh = NSTemporaryDirectory() + "coursepack-tm-\(UUID().uuidString).sqlite"
            scratch += [URL(fileURLWithPath: fresh), URL(fileURLWithPath: fresh + ".lock"),
                        URL(fileURLWithPath: fresh + "-wal"), URL(fileURLWithPath: fresh + "-shm")]
            let processes = (0..<2).map { _ -> (Process, Pipe) in
                let process = Process(), errors = Pipe()
                process.executableURL = CommandRunner.productsDirectory.appendingPathComponent("coursepack")
                process.arguments = ["strings", "tm", "import", "--memory", fresh, tmx]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = errors
                return (process, errors)
            }
            for (process, _) in processes { try process.run() }
            for (process, errors) in processes {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                XCTAssertEqual(process.terminationStatus, 0, message)
            }
        }
    }

    // MARK: Issue 13, point 6: an oversized file

    func testAnImportFileOverTheLimitIsRefusedBeforeItIsReadUnderAMemoryLimit() throws {
        let module = try copy()
        let big = temporaryFile("huge.xlf")
        // A gigabyte of XLIFF, sparse on disk.
        try Data("<?xml version=\"1.0\"?><xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">".utf8).write(to: big)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let before = try snapshot(module)
        // 512 MB of address space: reading the file whole would need more than twice that.
        let outcome = try CommandRunner.run(program: "/usr/bin/prlimit",
                                            ["--as=\(512 << 20)", "--", CommandRunner.productsDirectory.appendingPathComponent("coursepack").path,
                                             "strings", "import", module.path, big.path],
                                            environment: ["COURSEPACK_TM": memory])
        XCTAssertEqual(outcome.status, 2, outcome.stdout + outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("this file is 1024 MB; translation files are limited to 256 MB"), outcome.stderr)
        XCTAssertEqual(try snapshot(module), before)
    }
}
