import CoursepackLoad
import Foundation
import TestSupport
import XCTest

/// A module from a stranger: links out of it, loops, named pipes, YAML and Markdown built to exhaust
/// the machine. Each must give a located diagnostic, in bounded time, and nothing read from outside.
final class HostileModuleTests: XCTestCase {
    private var outside: URL!

    override func setUpWithError() throws {
        outside = FileManager.default.temporaryDirectory.appendingPathComponent("coursepack-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "root:SECRET-SHADOW-LINE:19000:0:99999:7:::\n".write(to: outside.appendingPathComponent("shadow"), atomically: true, encoding: .utf8)
        try "---\ntitle: Stolen\n---\n\nSECRET-PAGE\n".write(to: outside.appendingPathComponent("stolen.md"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: outside)
    }

    private func module(_ extra: [String: String] = [:]) throws -> TemporaryModule {
        var files = ["module.yaml": TemporaryModule.manifest, "pages/01-start.md": TemporaryModule.page]
        files.merge(extra) { $1 }
        return try TemporaryModule(files)
    }

    private func link(_ module: TemporaryModule, _ path: String, to destination: String) throws {
        let url = module.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    /// Runs `body` on another thread and fails (instead of hanging the suite) when it does not return
    /// within `seconds`.
    private func within<T: Sendable>(_ seconds: TimeInterval, _ body: @escaping @Sendable () throws -> T,
                                     file: StaticString = #filePath, line: UInt = #line) throws -> T {
        let done = expectation(description: "finished")
        nonisolated(unsafe) var result: Result<T, Error>?
        Thread.detachNewThread {
            result = Result { try body() }
            done.fulfill()
        }
        wait(for: [done], timeout: seconds)
        guard let result else {
            XCTFail("did not finish within \(seconds) s", file: file, line: line)
            throw XCTSkip("timed out")
        }
        return try result.get()
    }

    private let outsideMessage = "this symbolic link leads outside the module folder; it is not read"

    func testALinkToAFileOutsideTheModuleIsRefusedAndNotListed() throws {
        let module = try module()
        try link(module, "media/passwd.txt", to: outside.appendingPathComponent("shadow").path)
        let result = try ModuleLoader.load(module.root)
        XCTAssertEqual(result.diagnostics.map(\.code), [.linkLeavesModule])
        XCTAssertEqual(result.diagnostics.first?.location, SourceLocation(file: "media/passwd.txt"))
        XCTAssertEqual(result.diagnostics.first?.message, outsideMessage)
        XCTAssertEqual(result.module?.mediaFiles, [])
        XCTAssertEqual(ModuleLoader.mediaFiles(ofModuleAt: module.root)?.files, [])
    }

    func testALinkedFolderOutsideTheModuleIsNotWalked() throws {
        let module = try module()
        try link(module, "media/etc", to: outside.path)
        try link(module, "media/root", to: "/")
        let result = try ModuleLoader.load(module.root)
        XCTAssertEqual(result.diagnostics.map(\.location.file), ["media/etc", "media/root"])
        XCTAssertEqual(Set(result.diagnostics.map(\.code)), [.linkLeavesModule])
        XCTAssertEqual(result.module?.mediaFiles, [])
        XCTAssertFalse(result.diagnostics.contains { $0.message.contains("SECRET") || ($0.hint ?? "").contains("SECRET") })
    }

    func testAPageOrAManifestLinkedFromOutsideIsNotRead() throws {
        let module = try module()
        try link(module, "pages/02-stolen.md", to: outside.appendingPathComponent("stolen.md").path)
        let result = try ModuleLoader.load(module.root)
        XCTAssertEqual(result.diagnostics.map(\.code), [.linkLeavesModule])
        XCTAssertEqual(result.diagnostics.first?.location, SourceLocation(file: "pages/02-stolen.md"))
        XCTAssertEqual(result.module?.pages.map(\.id), ["01-start"])

        let other = try TemporaryModule(["pages/01-start.md": TemporaryModule.page])
        try "id: stolen\n".write(to: outside.appendingPathComponent("module.yaml"), atomically: true, encoding: .utf8)
        try link(other, "module.yaml", to: outside.appendingPathComponent("module.yaml").path)
        let loaded = try ModuleLoader.load(other.root)
        XCTAssertEqual(loaded.diagnostics.map(\.code), [.linkLeavesModule])
        XCTAssertEqual(loaded.diagnostics.first?.location, SourceLocation(file: "module.yaml"))
        XCTAssertNil(loaded.module?.manifest)
    }

    func testAPagesFolderThatIsALinkOutsideIsRefused() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest])
        try link(module, "pages", to: outside.path)
        let result = try ModuleLoader.load(module.root)
        XCTAssertEqual(result.diagnostics.map(\.code), [.linkLeavesModule])
        XCTAssertEqual(result.diagnostics.first?.location, SourceLocation(file: "pages"))
        XCTAssertEqual(result.module?.pages.count, 0)
    }

    func testLinksInsideTheModuleStillWork() throws {
        let module = try module(["media/real/clip.txt": "hello\n"])
        try link(module, "media/alias.txt", to: "real/clip.txt")
        try link(module, "media/again", to: "real")
        let result = try ModuleLoader.load(module.root)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.module?.mediaFiles, ["media/again/clip.txt", "media/alias.txt"])
    }

    func testAWiderRootAllowsSharedMediaInsideIt() throws {
        let repository = try TemporaryModule(["shared/logo.txt": "logo\n", "course/module.yaml": TemporaryModule.manifest,
                                              "course/pages/01-start.md": TemporaryModule.page])
        let course = repository.root.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course.appendingPathComponent("media"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: course.appendingPathComponent("media/logo.txt").path,
                                                   withDestinationPath: "../../shared/logo.txt")
        XCTAssertEqual(try ModuleLoader.load(course).diagnostics.map(\.code), [.linkLeavesModule])
        let wide = try ModuleLoader.load(course, root: repository.root)
        XCTAssertEqual(wide.diagnostics, [])
        XCTAssertEqual(wide.module?.mediaFiles, ["media/logo.txt"])

        XCTAssertThrowsError(try ModuleLoader.load(course, root: outside)) { error in
            XCTAssertEqual("\(error)", "\(course.path): the module folder is not inside --root \(outside.path); pass a --root that holds it")
        }
    }

    func testTwoLinksBackToTheirFolderAreLoopsReportedInBoundedTime() throws {
        let module = try module()
        try link(module, "media/a", to: ".")
        try link(module, "media/b", to: ".")
        try link(module, "media/c", to: "..")
        let root = module.root
        let result = try within(10) { try ModuleLoader.load(root) }
        XCTAssertEqual(result.diagnostics.map(\.location.file), ["media/a", "media/b", "media/c"])
        XCTAssertEqual(Set(result.diagnostics.map(\.message)),
                       ["this path cannot be read: a symbolic link loop (it leads back to a folder that holds it)"])
    }

    func testANamedPipeIsRefusedWithoutWaitingForAWriter() throws {
        let module = try TemporaryModule(["pages/01-start.md": TemporaryModule.page])
        XCTAssertEqual(mkfifo(module.root.appendingPathComponent("module.yaml").path, 0o644), 0)
        try FileManager.default.createDirectory(at: module.root.appendingPathComponent("media"), withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(module.root.appendingPathComponent("media/captions.vtt").path, 0o644), 0)
        XCTAssertEqual(mkfifo(module.root.appendingPathComponent("pages/02-pipe.md").path, 0o644), 0)
        let root = module.root
        let result = try within(10) { try ModuleLoader.load(root) }
        XCTAssertEqual(result.diagnostics.map(\.location.file), ["module.yaml", "pages/02-pipe.md", "media/captions.vtt"])
        XCTAssertEqual(Set(result.diagnostics.map(\.code)), [.specialFile])
        XCTAssertEqual(Set(result.diagnostics.map(\.message)), ["this is a named pipe, not a regular file; it is not read"])
        // Read directly, a pipe is refused the same way.
        let direct = try within(10) { TextFile.read(root.appendingPathComponent("module.yaml"), as: "module.yaml") }
        guard case .failure(let diagnostic) = direct else { return XCTFail("a pipe was read") }
        XCTAssertEqual(diagnostic.code, .specialFile)
    }

    // MARK: YAML

    /// Nine levels of nine aliases each: 9^9 values if expanded.
    static func aliasBomb(indent: String = "") -> String {
        var lines = ["\(indent)a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("\(indent)a\(level): &a\(level) [\(previous)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testAliasExpansionIsLimitedInModuleYAML() throws {
        let module = try module(["module.yaml": "id: bomb\n" + Self.aliasBomb()])
        let root = module.root
        let result = try within(20) { try ModuleLoader.load(root) }
        XCTAssertEqual(result.diagnostics.count, 1)
        let diagnostic = try XCTUnwrap(result.diagnostics.first)
        XCTAssertEqual(diagnostic.code, .yamlAliasLimit)
        XCTAssertEqual(diagnostic.message, "the aliases of this YAML would expand to more than 10000 values; it is not read")
        XCTAssertEqual(diagnostic.location.file, "module.yaml")
        XCTAssertEqual(diagnostic.location.line, 6)
        XCTAssertNil(result.module?.manifest)
    }

    func testAliasExpansionIsLimitedInFrontMatterAndComponents() throws {
        let frontMatter = "---\ntitle: Bomb\n" + Self.aliasBomb() + "---\n\n# Bomb\n"
        let component = "---\ntitle: Quiz\n---\n\n# Quiz\n\n```quiz\nid: q\n" + Self.aliasBomb() + "```\n"
        let module = try module(["pages/02-front.md": frontMatter, "pages/03-quiz.md": component])
        let root = module.root
        let result = try within(20) { try ModuleLoader.load(root) }
        XCTAssertEqual(result.diagnostics.map(\.code), [.yamlAliasLimit, .yamlAliasLimit])
        XCTAssertEqual(result.diagnostics.map(\.location.file), ["pages/02-front.md", "pages/03-quiz.md"])
        XCTAssertEqual(result.diagnostics.map(\.location.line), [7, 13])
    }

    func testAFewAliasesStillWork() throws {
        let module = try module(["module.yaml": TemporaryModule.manifest + "x-defaults: &defaults {a: 1, b: 2}\nx-copy: *defaults\n"])
        let result = try ModuleLoader.load(module.root)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.module?.manifest?["x-copy"]?["b"]?.integer, 2)
    }

    func testYAMLNestingIsLimited() throws {
        let flow = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        var block = ""
        for level in 0..<100 { block += String(repeating: " ", count: level) + "k\(level):\n" }
        let module = try module(["module.yaml": "id: deep\nx: " + flow + "\n", "pages/02-deep.md": "---\ntitle: Deep\n" + block + "---\n"])
        let root = module.root
        let result = try within(20) { try ModuleLoader.load(root) }
        XCTAssertEqual(result.diagnostics.map(\.code), [.nestingLimit, .nestingLimit])
        XCTAssertEqual(result.diagnostics.map(\.location), [SourceLocation(file: "module.yaml", line: 2, column: 5),
                                                           SourceLocation(file: "pages/02-deep.md", line: 67, column: 65)])
        XCTAssertEqual(result.diagnostics.first?.message, "this YAML is nested more than 64 levels deep; it is not read")
    }

    // MARK: Markdown

    func testDeepMarkdownIsReportedNotRecursedInto() throws {
        let quotes = String(repeating: ">", count: 5_000) + " deep\n"
        let lists = String(repeating: "- ", count: 10_000) + "deep\n"
        let emphasis = String(repeating: "*a ", count: 20_000) + "b" + String(repeating: " a*", count: 20_000) + "\n"
        let header = "---\ntitle: Deep\n---\n\n"
        let module = try module(["pages/02-quotes.md": header + quotes, "pages/03-lists.md": header + lists,
                                 "pages/04-emphasis.md": header + emphasis])
        let root = module.root
        let result = try within(30) { try ModuleLoader.load(root) }
        XCTAssertEqual(result.diagnostics.map(\.code), [.nestingLimit, .nestingLimit, .nestingLimit])
        XCTAssertEqual(result.diagnostics.map(\.location.file), ["pages/02-quotes.md", "pages/03-lists.md", "pages/04-emphasis.md"])
        XCTAssertEqual(result.diagnostics.first?.message,
                       "the Markdown here is nested more than 64 levels deep (block quotes, lists, emphasis and links counted together)")
        XCTAssertEqual(result.diagnostics.first?.location, SourceLocation(file: "pages/02-quotes.md", line: 5, column: 65))
    }

    func testThousandsOfLinksOnOneLineTakeLinearTime() throws {
        let line = (0..<20_000).map { "[link \($0)](page-\($0).md)" }.joined(separator: " ")
        let module = try module(["pages/02-links.md": "---\ntitle: Links\n---\n\n" + line + "\n"])
        let root = module.root
        let started = Date()
        let result = try within(30) { try ModuleLoader.load(root) }
        XCTAssertEqual(result.module?.pages.last?.outline.links.count, 20_000)
        XCTAssertEqual(result.module?.pages.last?.outline.links.last?.location.column, line.count - "[link 19999](page-19999.md)".count + 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }
}
