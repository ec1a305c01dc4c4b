import CoursepackLoad
import TestSupport
import Foundation
import XCTest

final class ModuleLoaderTests: XCTestCase {
    private func load(_ module: TemporaryModule) throws -> ModuleLoader.Result {
        try ModuleLoader.load(module.root)
    }

    private func only(_ result: ModuleLoader.Result, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
        XCTAssertEqual(result.diagnostics.count, 1, "\(result.diagnostics)", file: file, line: line)
        return result.diagnostics.first
    }

    func testLoadsAValidModuleWithoutDiagnostics() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest, "pages/01-start.md": TemporaryModule.page])
        let result = try load(module)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.module?.pages.map(\.id), ["01-start"])
        XCTAssertEqual(result.module?.pages.first?.outline.headings.first?.location, SourceLocation(file: "pages/01-start.md", line: 5, column: 1))
        XCTAssertEqual(result.module?.manifest?["version"]?.location, SourceLocation(file: "module.yaml", line: 2, column: 10))
    }

    func testMissingPathCannotRun() {
        XCTAssertThrowsError(try ModuleLoader.load(URL(fileURLWithPath: "/nonexistent/coursepack-module")))
    }

    func testEmptyFolder() throws {
        let diagnostic = only(try load(TemporaryModule()))
        XCTAssertEqual(diagnostic?.code, .emptyFolder)
        XCTAssertEqual(diagnostic?.message, "this folder is empty")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: ".", line: 1, column: 1))
        XCTAssertNotNil(diagnostic?.hint)
    }

    func testFolderThatIsNotAModule() throws {
        let diagnostic = only(try load(TemporaryModule(["notes.txt": "hello"])))
        XCTAssertEqual(diagnostic?.code, .notAModule)
        XCTAssertEqual(diagnostic?.message, "this folder is not a module: it has no module.yaml")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "module.yaml", line: 1, column: 1))
    }

    func testTabIndentationIsNamed() throws {
        let module = try TemporaryModule(["module.yaml": "id: x\ncompletion:\n\trule: pages-seen\n"])
        let diagnostic = only(try load(module))
        XCTAssertEqual(diagnostic?.code, .invalidYAML)
        XCTAssertEqual(diagnostic?.message, "a tab is used for indentation; YAML only allows spaces")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "module.yaml", line: 3, column: 1))
    }

    func testDuplicateKeyIsReportedAtTheSecondOccurrence() throws {
        let module = try TemporaryModule(["module.yaml": "id: x\ntitle: One\nversion: 1.0.0\ntitle: Two\n"])
        let diagnostic = only(try load(module))
        XCTAssertEqual(diagnostic?.code, .duplicateKey)
        XCTAssertEqual(diagnostic?.message, "the key 'title' appears twice in the same mapping (first on line 2)")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "module.yaml", line: 4, column: 1))
    }

    func testBadIndentation() throws {
        let module = try TemporaryModule(["module.yaml": "id: x\ncompletion:\n    rule: pages-seen\n  passing_score: 80\n"])
        let diagnostic = only(try load(module))
        XCTAssertEqual(diagnostic?.code, .invalidYAML)
        XCTAssertEqual(diagnostic?.message, "invalid YAML: this line is not indented like its neighbours")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "module.yaml", line: 4, column: 3))
        XCTAssertEqual(diagnostic?.hint, "fields of one mapping, and items of one list, must start in the same column")
    }

    func testUnclosedQuotePointsAtTheQuote() throws {
        let diagnostic = only(try load(TemporaryModule(["module.yaml": "id: x\ntitle: \"Unclosed\nversion: 1.0.0\n"])))
        XCTAssertEqual(diagnostic?.code, .invalidYAML)
        XCTAssertEqual(diagnostic?.message, "invalid YAML: a quoted text that is not closed, or holds an unknown escape")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "module.yaml", line: 2, column: 8))
    }

    func testYAMLErrorInsideAComponentPointsIntoThePage() throws {
        let page = "---\ntitle: Quiz\n---\n\n# Quiz\n\n```quiz\nid: q\nkind: single\n  question: Where?\n```\n"
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest, "pages/01-start.md": page])
        let diagnostic = only(try load(module))
        XCTAssertEqual(diagnostic?.code, .invalidYAML)
        XCTAssertEqual(diagnostic?.message, "invalid YAML: a ':' where YAML does not expect one")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "pages/01-start.md", line: 10, column: 11))
    }

    func testNotUTF8GivesThePositionOfTheFirstBadByte() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest])
        var bytes = Data("---\ntitle: Caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes.append(contentsOf: Array("\n---\n".utf8))
        try module.write("pages/01-start.md", bytes)
        let diagnostic = only(try load(module))
        XCTAssertEqual(diagnostic?.code, .notUTF8)
        XCTAssertEqual(diagnostic?.message, "this file is not valid UTF-8 (byte 0xE9 at offset 14)")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "pages/01-start.md", line: 2, column: 11))
    }

    func testBinaryFileNamedMarkdown() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest])
        try module.write("pages/01-start.md", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]))
        let diagnostic = only(try load(module))
        XCTAssertEqual(diagnostic?.code, .binaryFile)
        XCTAssertEqual(diagnostic?.message, "this file holds binary data, not text")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "pages/01-start.md", line: 1, column: 1))
    }

    func testPageOfFiftyMegabytes() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest])
        let line = String(repeating: "word ", count: 20) + "\n"
        try module.write("pages/01-start.md", Data(("---\ntitle: Big\n---\n" + String(repeating: line, count: 50 * 1024 * 1024 / line.utf8.count)).utf8))
        let diagnostic = only(try load(module))
        XCTAssertEqual(diagnostic?.code, .fileTooLarge)
        XCTAssertEqual(diagnostic?.message, "this file is 50.0 MB; text files of a module are limited to 5.0 MB")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "pages/01-start.md", line: 1, column: 1))
    }

    func testSymlinkLoop() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest, "pages/01-start.md": TemporaryModule.page])
        let loop = module.root.appendingPathComponent("pages/02-loop.md").path
        XCTAssertEqual(symlink(loop, loop), 0)
        try FileManager.default.createDirectory(at: module.root.appendingPathComponent("media/sub"), withIntermediateDirectories: true)
        XCTAssertEqual(symlink(module.root.appendingPathComponent("media").path, module.root.appendingPathComponent("media/sub/up").path), 0)
        let result = try load(module)
        // A link to itself, and a link back to a folder that holds it: both loops, both reported.
        XCTAssertEqual(result.diagnostics.map(\.code), [.unreadablePath, .unreadablePath])
        XCTAssertEqual(result.diagnostics.map(\.message), ["this path cannot be read: a symbolic link loop",
                                                          "this path cannot be read: a symbolic link loop (it leads back to a folder that holds it)"])
        XCTAssertEqual(result.diagnostics.map(\.location), [SourceLocation(file: "pages/02-loop.md", line: 1, column: 1),
                                                           SourceLocation(file: "media/sub/up", line: 1, column: 1)])
    }

    func testMissingAndUnterminatedFrontMatter() throws {
        let module = try TemporaryModule([
            "module.yaml": TemporaryModule.manifest,
            "pages/01-start.md": "# Start\n",
            "pages/02-open.md": "---\ntitle: Open\n\n# Open\n",
        ])
        let result = try load(module)
        XCTAssertEqual(result.diagnostics.map(\.code), [.frontMatter, .frontMatter])
        XCTAssertEqual(result.diagnostics.map(\.message), ["this page has no front matter", "the front matter that starts here is never closed"])
        XCTAssertEqual(result.diagnostics.map(\.location), [SourceLocation(file: "pages/01-start.md"), SourceLocation(file: "pages/02-open.md")])
    }

    func testUnknownComponentSuggestsTheClosestType() throws {
        let page = TemporaryModule.page + "```qiuz\nid: q\n```\n\n```yaml\nplain: code\n```\n"
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest, "pages/01-start.md": page])
        let diagnostic = only(try load(module))
        XCTAssertEqual(diagnostic?.code, .unknownComponent)
        XCTAssertEqual(diagnostic?.message, "unknown component type 'qiuz'; did you mean 'quiz'?")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "pages/01-start.md", line: 8, column: 4))
    }

    func testComponentBodyMustBeAMapping() throws {
        let page = TemporaryModule.page + "```callout\n- just a list\n```\n"
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest, "pages/01-start.md": page])
        let diagnostic = only(try load(module))
        XCTAssertEqual(diagnostic?.code, .componentNotMapping)
        XCTAssertEqual(diagnostic?.message, "the body of a callout must be a set of fields, not a list")
        XCTAssertEqual(diagnostic?.location, SourceLocation(file: "pages/01-start.md", line: 9, column: 1))
    }

    func testYAMLCoreSchemaKeepsNorwegianAsText() throws {
        let module = try TemporaryModule(["module.yaml": "locales: [no, on, yes]\ncount: 12\nratio: 1.5\nversion: 1.0.0\n"])
        let manifest = try XCTUnwrap(try load(module).module?.manifest)
        XCTAssertEqual(manifest["locales"]?.array?.compactMap(\.string), ["no", "on", "yes"])
        XCTAssertEqual(manifest["count"]?.integer, 12)
        XCTAssertEqual(manifest["version"]?.string, "1.0.0")
        if case .double(let ratio) = manifest["ratio"]?.kind { XCTAssertEqual(ratio, 1.5) } else { XCTFail("ratio is not a number") }
    }

    func testColumnsCountCharactersNotBytes() throws {
        let page = "---\ntitle: Ласкаво просимо\n---\n\n# Ласкаво просимо\n\nДив. [сторінку](02-missing.md).\n"
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest, "pages/01-start.md": page])
        let link = try XCTUnwrap(try load(module).module?.pages.first?.outline.links.first)
        XCTAssertEqual(link.location, SourceLocation(file: "pages/01-start.md", line: 7, column: 6))
        XCTAssertEqual(HeadingAnchor.slug("Ласкаво просимо!"), "ласкаво-просимо")
        XCTAssertEqual(HeadingAnchor.slug("Emergency numbers: 112 & more"), "emergency-numbers-112--more")
    }

    /// An all-ASCII heading takes a shortcut; with one letter from elsewhere it takes the Unicode way.
    /// Both must give the same anchor for every ASCII character.
    func testASCIIHeadingsGetTheSameAnchorsAsAnyOther() {
        for byte in UInt8(0)..<0x80 {
            let text = "A\(Character(Unicode.Scalar(byte)))z"
            XCTAssertEqual(HeadingAnchor.slug(text) + "é", HeadingAnchor.slug(text + "é"), "byte \(byte)")
        }
        XCTAssertEqual(HeadingAnchor.slug("Step 2: Call_112 -- NOW!"), "step-2-call_112----now")
    }

    /// Pages are read with one open, fstat and read; what cannot be read is still said plainly.
    func testTextFileReadsAndRefusesPlainly() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest, "pages/01-start.md": "\u{FEFF}line one\r\nline two\r\n"])
        XCTAssertEqual(try TextFile.read(module.root.appendingPathComponent("pages/01-start.md"), as: "p").get(), "line one\nline two\n")
        guard case .failure(let missing) = TextFile.read(module.root.appendingPathComponent("pages/none.md"), as: "pages/none.md") else {
            return XCTFail("a missing file was read")
        }
        XCTAssertEqual(missing.message, "this file cannot be read: no such file or directory")
        guard case .failure(let folder) = TextFile.read(module.root.appendingPathComponent("pages"), as: "pages") else {
            return XCTFail("a folder was read")
        }
        XCTAssertEqual(folder.message, "this file cannot be read: is a directory")
        guard case .failure(let large) = TextFile.read(module.root.appendingPathComponent("pages/01-start.md"), as: "p", limit: 10) else {
            return XCTFail("the limit was not applied")
        }
        XCTAssertEqual(large.code, .fileTooLarge)
        // A link to a large file is measured by what it points to.
        let big = module.root.appendingPathComponent("big.md")
        try String(repeating: "x", count: 100).write(to: big, atomically: true, encoding: .utf8)
        XCTAssertEqual(symlink(big.path, module.root.appendingPathComponent("link.md").path), 0)
        guard case .failure(let linked) = TextFile.read(module.root.appendingPathComponent("link.md"), as: "link.md", limit: 50) else {
            return XCTFail("the limit was not applied through a link")
        }
        XCTAssertEqual(linked.code, .fileTooLarge)
    }
}
