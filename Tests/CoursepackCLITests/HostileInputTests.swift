import Foundation
import TestSupport
import XCTest

/// The commands on a stranger's module, as an attacker would try them: nothing from outside the module
/// printed or packed, every limit a diagnostic and an exit status, never a crash, a hang or gigabytes.
final class HostileInputTests: XCTestCase {
    private var outside: URL!

    override func setUpWithError() throws {
        outside = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "root:SECRET-SHADOW-LINE:19000:0:99999:7:::\n".write(to: outside.appendingPathComponent("shadow.txt"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: outside)
    }

    private var coursepack: String { CommandRunner.productsDirectory.appendingPathComponent("coursepack").path }

    /// The command under a memory limit (address space) and a time limit: a run that needs more is
    /// killed and fails the test instead of exhausting the machine.
    private func limited(_ arguments: [String], memory: String = "4G", seconds: Int = 60, in directory: URL? = nil) throws
        -> (outcome: CommandRunner.Outcome, elapsed: TimeInterval) {
        let started = Date()
        let outcome = try CommandRunner.run(program: "/usr/bin/timeout",
                                            ["-s", "KILL", "\(seconds)", "/usr/bin/prlimit", "--as=\(memoryBytes(memory))", coursepack] + arguments,
                                            in: directory ?? CommandRunner.repositoryRoot, environment: ["NO_COLOR": "1"])
        return (outcome, Date().timeIntervalSince(started))
    }

    private func memoryBytes(_ text: String) -> String {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        guard let unit = text.last.flatMap({ units[$0] }), let number = Int(text.dropLast()) else { return text }
        return String(number * unit)
    }

    private func module(_ extra: [String: String] = [:]) throws -> TemporaryModule {
        var files = ["module.yaml": TemporaryModule.manifest, "pages/01-start.md": TemporaryModule.page]
        files.merge(extra) { $1 }
        return try TemporaryModule(files)
    }

    // MARK: Point 1: nothing read outside the module

    func testValidateNeverPrintsAFileALinkLeadsTo() throws {
        let module = try module()
        let media = module.root.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: media.appendingPathComponent("etc").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: media.appendingPathComponent("passwd.txt").path,
                                                   withDestinationPath: outside.appendingPathComponent("shadow.txt").path)
        let (outcome, _) = try limited(["validate", module.root.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stdout, """
            \(module.root.path)/media/etc:1:1: error: this symbolic link leads outside the module folder; it is not read [CP007]
              hint: copy the file into the module, or, for media shared in one repository, pass --root with the folder that holds both
            \(module.root.path)/media/passwd.txt:1:1: error: this symbolic link leads outside the module folder; it is not read [CP007]
              hint: copy the file into the module, or, for media shared in one repository, pass --root with the folder that holds both
            \(module.root.path): 2 errors

            """)
        XCTAssertFalse((outcome.stdout + outcome.stderr).contains("SECRET"))
    }

    func testPackRefusesAModuleWithALinkOutsideAndWritesNothing() throws {
        let module = try module()
        let media = module.root.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: media.appendingPathComponent("passwd.txt").path,
                                                   withDestinationPath: outside.appendingPathComponent("shadow.txt").path)
        let out = module.root.appendingPathComponent("out")
        let (outcome, _) = try limited(["pack", "--target", "web", "--out", out.path, module.root.path])
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("media/passwd.txt:1:1: error: this symbolic link leads outside the module folder; it is not read [CP007]"), outcome.stdout)
        XCTAssertEqual(outcome.stderr, "coursepack: error: \(module.root.path): not packed: the module has 1 error; fix it (coursepack validate) and pack again\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertFalse((outcome.stdout + outcome.stderr).contains("SECRET"))
    }

    func testRootOptionAllowsSharedMediaAndRefusesAModuleOutsideIt() throws {
        let repository = try TemporaryModule(["shared/notes.txt": "shared notes\n", "course/module.yaml": TemporaryModule.manifest,
                                              "course/pages/01-start.md": TemporaryModule.page + "\n[Notes](../media/notes.txt)\n"])
        let course = repository.root.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course.appendingPathComponent("media"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: course.appendingPathComponent("media/notes.txt").path,
                                                   withDestinationPath: "../../shared/notes.txt")
        XCTAssertEqual(try limited(["validate", course.path]).outcome.status, 1)
        let wide = try limited(["validate", "--root", repository.root.path, course.path]).outcome
        XCTAssertEqual(wide.stdout, "\(course.path): no problems found\n")
        XCTAssertEqual(wide.status, 0)
        let outsideRoot = try limited(["validate", "--root", outside.path, course.path]).outcome
        XCTAssertEqual(outsideRoot.status, 2)
        XCTAssertEqual(outsideRoot.stderr, "coursepack: error: \(course.path): the module folder is not inside --root \(outside.path); pass a --root that holds it\n")
    }

    func testANamedPipeAsModuleYAMLDoesNotBlockValidate() throws {
        let module = try TemporaryModule(["pages/01-start.md": TemporaryModule.page])
        XCTAssertEqual(mkfifo(module.root.appendingPathComponent("module.yaml").path, 0o644), 0)
        let (outcome, elapsed) = try limited(["validate", module.root.path], seconds: 20)
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stdout, """
            \(module.root.path)/module.yaml:1:1: error: this is a named pipe, not a regular file; it is not read [CP008]
              hint: replace it with a regular file, or remove it from the module
            \(module.root.path): 1 error

            """)
        XCTAssertLessThan(elapsed, 15)
    }

    func testTwoLinksToTheirOwnFolderDoNotMakeValidateHang() throws {
        let module = try module()
        let media = module.root.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: media.appendingPathComponent("a").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: media.appendingPathComponent("b").path, withDestinationPath: ".")
        let (outcome, elapsed) = try limited(["validate", module.root.path], seconds: 20)
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stdout.hasPrefix("\(module.root.path)/media/a:1:1: error: this path cannot be read: a symbolic link loop (it leads back to a folder that holds it) [CP006]\n"), outcome.stdout)
        XCTAssertLessThan(elapsed, 15)
    }

    /// The `strings` commands read the same module through the same loader, and its tables too: a table
    /// that is a link out of the module is refused, and nothing of what it points at is printed.
    func testStringsCommandsRefuseATableThatLinksOutOfTheModule() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest.replacingOccurrences(of: "language: en\n", with: "language: en\nlocales: [fr]\n"),
                                          "pages/01-start.md": TemporaryModule.page])
        XCTAssertEqual(try limited(["strings", "update", module.root.path]).outcome.status, 0)
        let table = module.root.appendingPathComponent("locales/fr.po")
        let secret = try String(contentsOf: table, encoding: .utf8).replacingOccurrences(of: "msgstr \"\"\n\n", with: "msgstr \"SECRET-TRANSLATION\"\n\n")
        try secret.write(to: outside.appendingPathComponent("fr.po"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: table)
        try FileManager.default.createSymbolicLink(atPath: table.path, withDestinationPath: outside.appendingPathComponent("fr.po").path)
        for command in [["status"], ["export", "--locale", "fr", "--format", "po"]] {
            let (outcome, _) = try limited(["strings"] + command + [module.root.path])
            XCTAssertEqual(outcome.status, 2, "\(command): \(outcome.stderr)")
            XCTAssertEqual(outcome.stderr, """
                coursepack: error: \(module.root.path): locales/fr.po:1:1: this symbolic link leads outside the module folder; it is not read; \
                copy the file into the module, or, for media shared in one repository, pass --root with the folder that holds both

                """, "\(command)")
            XCTAssertFalse((outcome.stdout + outcome.stderr).contains("SECRET"), "\(command)")
        }
    }

    func testANamedPipeAmongThePagesDoesNotBlockStringsStatus() throws {
        let module = try module()
        XCTAssertEqual(try limited(["strings", "update", module.root.path]).outcome.status, 0)
        XCTAssertEqual(mkfifo(module.root.appendingPathComponent("pages/02-pipe.md").path, 0o644), 0)
        let (outcome, elapsed) = try limited(["strings", "status", module.root.path], seconds: 20)
        XCTAssertEqual(outcome.status, 2, outcome.stdout)
        XCTAssertTrue(outcome.stderr.contains("pages/02-pipe.md:1:1: this is a named pipe, not a regular file; it is not read"), outcome.stderr)
        XCTAssertLessThan(elapsed, 15)
    }

    func testStringsTakeRootForAPageSharedInTheRepository() throws {
        let repository = try TemporaryModule(["shared/02-common.md": "---\ntitle: Common\n---\n\n# Common\n\nShared words.\n",
                                              "course/module.yaml": TemporaryModule.manifest.replacingOccurrences(of: "  - 01-start\n", with: "  - 01-start\n  - 02-common\n"),
                                              "course/pages/01-start.md": TemporaryModule.page])
        let course = repository.root.appendingPathComponent("course")
        try FileManager.default.createSymbolicLink(atPath: course.appendingPathComponent("pages/02-common.md").path,
                                                   withDestinationPath: "../../shared/02-common.md")
        let narrow = try limited(["strings", "update", course.path]).outcome
        XCTAssertEqual(narrow.status, 2, narrow.stderr)
        XCTAssertTrue(narrow.stderr.contains("this symbolic link leads outside the module folder"), narrow.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: course.appendingPathComponent("locales/source.pot").path))
        let wide = try limited(["strings", "update", "--root", repository.root.path, course.path]).outcome
        XCTAssertEqual(wide.status, 0, wide.stderr)
        XCTAssertTrue(try String(contentsOf: course.appendingPathComponent("locales/source.pot"), encoding: .utf8).contains("Shared words."))
    }

    // MARK: Point 2: YAML aliases and nesting

    func testAnAliasBombIsADiagnosticInBoundedMemory() throws {
        var yaml = "id: bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 { yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n" }
        let module = try module(["module.yaml": yaml])
        let (outcome, elapsed) = try limited(["validate", module.root.path], memory: "2G", seconds: 60)
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertTrue(outcome.stdout.hasPrefix("\(module.root.path)/module.yaml:6:10: error: the aliases of this YAML would expand to more than 10000 values; it is not read [CP015]\n"), outcome.stdout)
        XCTAssertLessThan(elapsed, 30)
    }

    // MARK: Point 4: nesting and numbers that crashed

    func testDeeplyNestedMarkdownIsRefusedByValidateAndPackWithoutACrash() throws {
        let header = "---\ntitle: Start\n---\n\n# Start\n\n"
        for (name, body) in [("quotes", String(repeating: ">", count: 5_000) + " deep\n"),
                             ("lists", String(repeating: "- ", count: 10_000) + "deep\n"),
                             ("emphasis", String(repeating: "*a ", count: 20_000) + "b" + String(repeating: " a*", count: 20_000) + "\n")] {
            let module = try module(["pages/01-start.md": header + body])
            let validate = try limited(["validate", module.root.path]).outcome
            XCTAssertEqual(validate.status, 1, "\(name): \(validate.stderr)")
            XCTAssertTrue(validate.stdout.contains("error: the Markdown here is nested more than 64 levels deep (block quotes, lists, emphasis and links counted together) [CP016]"), "\(name): \(validate.stdout.prefix(2_000))")
            let pack = try limited(["pack", "--target", "web", "--out", module.root.appendingPathComponent("out").path, module.root.path]).outcome
            XCTAssertEqual(pack.status, 1, "\(name): \(pack.stderr)")
            XCTAssertTrue(pack.stderr.hasSuffix("not packed: the module has 1 error; fix it (coursepack validate) and pack again\n"), "\(name): \(pack.stderr)")
        }
    }

    func testAHugeMaxLengthIsAnErrorNotATrap() throws {
        let page = TemporaryModule.page + "\n```reflection\nid: r1\nprompt: Think.\nmax_length: 9223372036854775807\n```\n"
        let module = try module(["pages/01-start.md": page])
        let (outcome, _) = try limited(["validate", module.root.path])
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "")
        XCTAssertTrue(outcome.stdout.contains("/pages/01-start.md:12:13: error: 'max_length' must be at most 4000; found 9223372036854775807 [CP106]\n"), outcome.stdout)
        // The estimate of the learner state is made with the number clamped, not trapped on.
        XCTAssertTrue(outcome.stdout.contains("the learner state may reach 70436 characters"), outcome.stdout)
    }

    // MARK: Point 6: output and work in proportion to the input

    func testFindingsOnAHugeLineShowAWindowOfIt() throws {
        // 4,000 broken links on one line of about 110 KB.
        let line = (0..<4_000).map { "[l](missing-\($0).md)" }.joined(separator: " ") + " " + String(repeating: "x", count: 20_000)
        let module = try module(["pages/01-start.md": TemporaryModule.page + "\n" + line + "\n"])
        let (outcome, elapsed) = try limited(["validate", module.root.path], memory: "2G", seconds: 120)
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        let findings = outcome.stdout.components(separatedBy: "[CP301]").count - 1
        XCTAssertEqual(findings, 4_000)
        // Each finding: its heading line, a window of at most 122 characters, the caret line, the hint.
        XCTAssertLessThan(outcome.stdout.utf8.count, 4_000 * 600)
        let lines = outcome.stdout.split(separator: "\n")
        let snippet = try XCTUnwrap(lines.first { $0.hasPrefix(" 9 | ") })
        XCTAssertEqual(snippet, " 9 | [l](missing-0.md) [l](missing-1.md) [l](missing-2.md) [l](missing-3.md) [l](missing-4.md) [l](missing-5.md) [l](missing-…")
        let last = try XCTUnwrap(lines.last { $0.hasPrefix(" 9 | ") })
        XCTAssertTrue(last.hasPrefix(" 9 | …"), String(last))
        XCTAssertTrue(last.contains("[l](missing-3999.md)"), String(last))
        XCTAssertLessThan(elapsed, 60)
    }

    func testALargeTablePagePacksInBoundedMemory() throws {
        // 1.2 MB of table: about 24,000 rows of five cells.
        var rows = ["| a | b | c | d | e |", "|---|---|---|---|---|"]
        var size = 0, row = 0
        while size < 1_200_000 {
            let line = "| r\(row)a | r\(row)b | r\(row)c | r\(row)d | r\(row)e |"
            rows.append(line)
            size += line.utf8.count + 1
            row += 1
        }
        let module = try module(["pages/01-start.md": TemporaryModule.page + "\n" + rows.joined(separator: "\n") + "\n"])
        let out = module.root.appendingPathComponent("out")
        // The whole address space of the process, threads' stacks and the runtime included.
        let (outcome, _) = try limited(["pack", "--target", "web", "--out", out.path, module.root.path], memory: "1G", seconds: 600)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout.hasPrefix("wrote \(out.path)/test-module-1.0.0-web.zip"), true, outcome.stdout)
    }

    // MARK: Point 7: nothing from the input reaches the terminal unescaped

    func testControlCharactersInFileNamesAndValuesAreShownEscaped() throws {
        let name = "pages/02-\u{1B}[2K\rsignature valid\u{202E}.md"
        let module = try module([name: "---\ntitle: \"Evil\\e[31m\\r\\nfake\"\n---\n\n# Evil\n"])
        let (outcome, _) = try limited(["validate", module.root.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertFalse(outcome.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" || $0 == "\u{202E}" }, outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("pages/02-\\e[2K\\rsignature valid\\u{202E}.md:1:1: error:"), outcome.stdout)
        XCTAssertFalse(outcome.stdout.split(separator: "\n").contains { $0.hasPrefix("signature valid") || $0.hasPrefix("fake") })

        let json = try limited(["validate", "--format", "json", module.root.path]).outcome
        XCTAssertFalse(json.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\r" || $0 == "\u{202E}" })
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)))
        XCTAssertTrue(json.stdout.contains("\\u202e") || json.stdout.contains("\\u202E"), json.stdout)
    }
}
