import Foundation
import TestSupport
import XCTest

final class InitCommandTests: XCTestCase {
    func testInitWritesAModuleThatValidatesWithEditorSettings() throws {
        let parent = try TemporaryModule()
        let created = try CommandRunner.run(["init", "my-course", "--audience", "migrants"], in: parent.root)
        XCTAssertEqual(created.status, 0, created.stderr)
        let module = parent.root.appendingPathComponent("my-course")
        let validated = try CommandRunner.run(["validate", "--strict", module.path])
        XCTAssertEqual(validated.status, 0, validated.stdout)

        let settings = try JSONSerialization.jsonObject(with: Data(contentsOf: module.appendingPathComponent(".vscode/settings.json"))) as? [String: Any]
        let mapping = try XCTUnwrap(settings?["yaml.schemas"] as? [String: String])
        for (schema, _) in mapping {
            XCTAssertTrue(FileManager.default.fileExists(atPath: module.appendingPathComponent(schema).path), "\(schema) is where the settings say")
        }
        let manifest = try String(contentsOf: module.appendingPathComponent("module.yaml"), encoding: .utf8)
        XCTAssertTrue(manifest.hasPrefix("# yaml-language-server: $schema=.coursepack/schemas/module.schema.json\nid: my-course\n"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: module.appendingPathComponent(".coursepack/schemas/components/quiz.schema.json").path))
    }

    func testInitRefusesANonEmptyFolderAndChangesNothing() throws {
        let parent = try TemporaryModule(["existing/notes.md": "mine"])
        let outcome = try CommandRunner.run(["init", "existing"], in: parent.root)
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.stderr, "coursepack: error: existing already exists and is not empty; choose a new folder name\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.root.appendingPathComponent("existing").path), ["notes.md"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.root.path), ["existing"])
    }

    func testInitRefusesANameThatCannotBeAnID() throws {
        let parent = try TemporaryModule()
        let outcome = try CommandRunner.run(["init", "My Course"], in: parent.root)
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("'My Course' cannot be a module id"), outcome.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.root.path), [])
    }

    func testHelpForEveryCommandAndCompletions() throws {
        for arguments in [["--help"], ["validate", "--help"], ["init", "--help"]] {
            let outcome = try CommandRunner.run(arguments)
            XCTAssertEqual(outcome.status, 0, "\(arguments)")
            XCTAssertTrue(outcome.stdout.contains("USAGE:"), "\(arguments): \(outcome.stdout)")
        }
        for shell in ["bash", "zsh", "fish"] {
            let outcome = try CommandRunner.run(["--generate-completion-script", shell])
            XCTAssertEqual(outcome.status, 0)
            XCTAssertTrue(outcome.stdout.contains("validate"), shell)
        }
    }
}
