import Foundation
import TestSupport
import XCTest

final class ValidateCommandTests: XCTestCase {
    func testSamplesValidateClean() throws {
        for sample in ["Samples/first-weeks", "Samples/talking-with-newcomers"] {
            let outcome = try CommandRunner.run(["validate", "--strict", sample])
            XCTAssertEqual(outcome.status, 0, "\(sample):\n\(outcome.stdout)\(outcome.stderr)")
            XCTAssertEqual(outcome.stdout, "\(sample): no problems found\n")
        }
    }

    func testBrokenSampleFailsWithEveryCode() throws {
        let outcome = try CommandRunner.run(["validate", "--format", "json", "Samples/broken"])
        XCTAssertEqual(outcome.status, 1)
        let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        let modules = try XCTUnwrap(report?["modules"] as? [[String: Any]])
        let codes = Set(modules.flatMap { ($0["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } })
        // Codes that need a module-level failure (no module.yaml, an empty folder) or a file system
        // state git cannot hold (a symbolic link loop, a 50 MB page) are covered by the loader's tests.
        // A string table that cannot be read (CP703) stops the other translation checks; the
        // localization tests cover it. Links out of the module, named pipes (CP007, CP008) and the
        // limits on YAML and Markdown (CP015, CP016) stop a file from being read at all: the hostile
        // input tests cover them. CP602 comes from `pack --target scorm12` only (the pack tests).
        let elsewhere: Set<String> = ["CP001", "CP002", "CP005", "CP006", "CP007", "CP008", "CP015", "CP016", "CP602", "CP703"]
        let expected = Set(Self.allCodes).subtracting(elsewhere)
        XCTAssertEqual(expected.subtracting(codes).sorted(), [], "codes the broken sample does not trigger")
    }

    /// The whole text report for the broken sample, compared line by line with the reviewed golden
    /// file: every message, line, column, snippet and hint. Regenerate it only after reading the diff:
    /// NO_COLOR=1 coursepack validate Samples/broken > Tests/CoursepackCLITests/Fixtures/broken-validate.txt
    func testBrokenSampleReportMatchesTheReviewedOutput() throws {
        let outcome = try CommandRunner.run(["validate", "Samples/broken"])
        XCTAssertEqual(outcome.status, 1)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/broken-validate.txt")
        let expected = try String(contentsOf: golden, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let actual = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (want, got)) in zip(expected, actual).enumerated() where want != got {
            XCTFail("line \(index + 1):\n  expected: \(want)\n  actual:   \(got)")
            break
        }
        XCTAssertEqual(expected.count, actual.count)
    }

    static let allCodes = [
        "CP001", "CP002", "CP003", "CP004", "CP005", "CP006", "CP007", "CP008", "CP010", "CP011", "CP012", "CP013", "CP014",
        "CP015", "CP016",
        "CP100", "CP101", "CP102", "CP103", "CP104", "CP105", "CP106", "CP107",
        "CP201", "CP202", "CP203", "CP204", "CP205", "CP206", "CP301", "CP302", "CP303", "CP304",
        "CP401", "CP402", "CP403", "CP404", "CP501", "CP502", "CP503", "CP504", "CP505", "CP506", "CP601", "CP602",
        "CP701", "CP702", "CP703",
    ]

    func testEveryCodeIsDocumented() throws {
        let docs = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        for code in Self.allCodes { XCTAssertTrue(docs.contains("| \(code) |"), "\(code) is missing from docs/diagnostics.md") }
        let sarif = try CommandRunner.run(["validate", "--format", "sarif", "Samples/first-weeks"])
        let rules = try XCTUnwrap(((((JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])?["runs"] as? [[String: Any]])?
            .first?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.compactMap { $0["id"] as? String }, Self.allCodes, "every code is a SARIF rule, and the list above is complete")
    }

    func testTextOutputIsCompilerStyleWithoutColourInAPipe() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest.replacingOccurrences(of: "1.0.0", with: "1.0"),
                                          "pages/01-start.md": TemporaryModule.page])
        let outcome = try CommandRunner.run(["validate", module.root.path])
        XCTAssertEqual(outcome.status, 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "\(module.root.path)/module.yaml:2:10: error: the version is a number, not a semantic version [CP205]")
        XCTAssertEqual(lines[1], " 2 | version: 1.0")
        XCTAssertEqual(lines[2], "   |          ^")
        XCTAssertEqual(lines.last, "\(module.root.path): 1 error")
        XCTAssertFalse(outcome.stdout.contains("\u{1B}["), "no colour codes outside a terminal")
    }

    /// On a terminal (a pseudo-terminal made by `script`) the report is coloured, unless NO_COLOR is set.
    func testColourOnlyOnATerminalAndNeverWithNoColor() throws {
        let executable = CommandRunner.productsDirectory.appendingPathComponent("coursepack").path
        let command = "\(executable) validate Samples/broken"
        let coloured = try CommandRunner.run(program: "/usr/bin/script", ["-qec", command, "/dev/null"])
        XCTAssertTrue(coloured.stdout.contains("\u{1B}[1;31merror"), "a terminal gets colour")
        let plain = try CommandRunner.run(program: "/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["NO_COLOR": "1"])
        XCTAssertTrue(plain.stdout.contains("error: "))
        XCTAssertFalse(plain.stdout.contains("\u{1B}["), "NO_COLOR turns colour off")
    }

    func testWarningsFailOnlyWithStrict() throws {
        let module = try TemporaryModule(["module.yaml": TemporaryModule.manifest, "pages/01-start.md": TemporaryModule.page,
                                          "media/unused.png": "png"])
        XCTAssertEqual(try CommandRunner.run(["validate", module.root.path]).status, 0)
        XCTAssertEqual(try CommandRunner.run(["validate", "--strict", module.root.path]).status, 1)
    }

    func testSARIFCarriesResultsWithLocations() throws {
        let outcome = try CommandRunner.run(["validate", "--format", "sarif", "Samples/broken"])
        XCTAssertEqual(outcome.status, 1)
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertFalse(results.isEmpty)
        for result in results {
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let uri = (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
            XCTAssertTrue(uri?.hasPrefix("Samples/broken/") ?? false, "\(String(describing: uri))")
            XCTAssertNotNil((location?["region"] as? [String: Any])?["startLine"] as? Int)
            XCTAssertTrue(["error", "warning"].contains(result["level"] as? String ?? ""))
        }
    }

    func testCouldNotRunExitsWithTwo() throws {
        let missing = try CommandRunner.run(["validate", "/nonexistent/module"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "coursepack: error: /nonexistent/module: no such file or folder\n")
        let badOption = try CommandRunner.run(["validate", "--format", "xml", "Samples/first-weeks"])
        XCTAssertEqual(badOption.status, 2)
        XCTAssertTrue(badOption.stderr.contains("xml"), badOption.stderr)
    }

    func testNotAModuleIsAProblemNotACrash() throws {
        let folder = try TemporaryModule(["readme.txt": "hello"])
        let outcome = try CommandRunner.run(["validate", folder.root.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stdout.hasPrefix("\(folder.root.path)/module.yaml:1:1: error: this folder is not a module: it has no module.yaml [CP001]"), outcome.stdout)
    }
}
