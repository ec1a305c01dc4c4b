import Foundation
import XCTest

@testable import JSONSchema

/// Runs the official JSON-Schema-Test-Suite (draft 2020-12), fetched by `scripts/fetch-test-data.sh` into
/// Tests/Fixtures/external/ (git-ignored).
///
/// - Required tests (`tests/draft2020-12/*.json`): one test method per file; every case must pass, except
///   the explained entries of `OfficialSuite.knownFailures` (currently none).
/// - Optional tests (`optional/*.json`, `optional/format/*.json`, the latter with `assertFormat = true`) are
///   run and reported but do not fail the build; the cases that fail are listed in README.md.
final class OfficialSuiteTests: XCTestCase {
    func test_additionalProperties() { checkRequiredFile("additionalProperties.json") }
    func test_allOf() { checkRequiredFile("allOf.json") }
    func test_anchor() { checkRequiredFile("anchor.json") }
    func test_anyOf() { checkRequiredFile("anyOf.json") }
    func test_boolean_schema() { checkRequiredFile("boolean_schema.json") }
    func test_const() { checkRequiredFile("const.json") }
    func test_contains() { checkRequiredFile("contains.json") }
    func test_content() { checkRequiredFile("content.json") }
    func test_default() { checkRequiredFile("default.json") }
    func test_defs() { checkRequiredFile("defs.json") }
    func test_dependentRequired() { checkRequiredFile("dependentRequired.json") }
    func test_dependentSchemas() { checkRequiredFile("dependentSchemas.json") }
    func test_dynamicRef() { checkRequiredFile("dynamicRef.json") }
    func test_enum() { checkRequiredFile("enum.json") }
    func test_exclusiveMaximum() { checkRequiredFile("exclusiveMaximum.json") }
    func test_exclusiveMinimum() { checkRequiredFile("exclusiveMinimum.json") }
    func test_format() { checkRequiredFile("format.json") }
    func test_if_then_else() { checkRequiredFile("if-then-else.json") }
    func test_infinite_loop_detection() { checkRequiredFile("infinite-loop-detection.json") }
    func test_items() { checkRequiredFile("items.json") }
    func test_maxContains() { checkRequiredFile("maxContains.json") }
    func test_maxItems() { checkRequiredFile("maxItems.json") }
    func test_maxLength() { checkRequiredFile("maxLength.json") }
    func test_maxProperties() { checkRequiredFile("maxProperties.json") }
    func test_maximum() { checkRequiredFile("maximum.json") }
    func test_minContains() { checkRequiredFile("minContains.json") }
    func test_minItems() { checkRequiredFile("minItems.json") }
    func test_minLength() { checkRequiredFile("minLength.json") }
    func test_minProperties() { checkRequiredFile("minProperties.json") }
    func test_minimum() { checkRequiredFile("minimum.json") }
    func test_multipleOf() { checkRequiredFile("multipleOf.json") }
    func test_not() { checkRequiredFile("not.json") }
    func test_oneOf() { checkRequiredFile("oneOf.json") }
    func test_pattern() { checkRequiredFile("pattern.json") }
    func test_patternProperties() { checkRequiredFile("patternProperties.json") }
    func test_prefixItems() { checkRequiredFile("prefixItems.json") }
    func test_properties() { checkRequiredFile("properties.json") }
    func test_propertyNames() { checkRequiredFile("propertyNames.json") }
    func test_ref() { checkRequiredFile("ref.json") }
    func test_refRemote() { checkRequiredFile("refRemote.json") }
    func test_required() { checkRequiredFile("required.json") }
    func test_type() { checkRequiredFile("type.json") }
    func test_unevaluatedItems() { checkRequiredFile("unevaluatedItems.json") }
    func test_unevaluatedProperties() { checkRequiredFile("unevaluatedProperties.json") }
    func test_uniqueItems() { checkRequiredFile("uniqueItems.json") }
    func test_vocabulary() { checkRequiredFile("vocabulary.json") }

    /// All required files at once, with the summary line.
    func testRequiredSummary() throws {
        let suite = try OfficialSuite.shared()
        var passed = 0
        var failures: [String] = []
        for file in try suite.requiredFiles() {
            let result = try suite.run(file: file, assertFormat: false)
            passed += result.passed
            failures += result.failures
        }
        print("official suite 2020-12: \(passed) passed, \(failures.count) failed")
        for f in failures { XCTFail(f) }
    }

    func testOptionalSummary() throws {
        let suite = try OfficialSuite.shared()
        var lines: [String] = []
        var totalPassed = 0
        var totalFailed = 0
        for (dir, assertFormat) in [("optional", false), ("optional/format", true)] {
            var passed = 0
            var failures: [String] = []
            for file in try suite.files(in: dir) {
                let result = try suite.run(file: dir + "/" + file, assertFormat: assertFormat)
                passed += result.passed
                failures += result.failures
            }
            totalPassed += passed
            totalFailed += failures.count
            lines.append("official suite 2020-12 \(dir)\(assertFormat ? " (assertFormat)" : ""): \(passed) passed, \(failures.count) failed")
            lines += failures.map { "  optional failure: \($0)" }
        }
        for l in lines { print(l) }
        // Optional tests may fail, but most must pass.
        XCTAssertGreaterThan(totalPassed, 9 * (totalPassed + totalFailed) / 10, "too many optional tests fail")
    }

    /// Without the fixtures the suite must fail loudly, never pass silently.
    func testMissingFixturesFail() {
        XCTAssertThrowsError(try OfficialSuite(root: URL(fileURLWithPath: "/nonexistent/fixtures"))) { error in
            XCTAssertTrue("\(error)".contains("run scripts/fetch-test-data.sh"), "\(error)")
        }
    }

    private func checkRequiredFile(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let suite = try OfficialSuite.shared()
            let result = try suite.run(file: name, assertFormat: false)
            for f in result.failures { XCTFail(f, file: file, line: line) }
            XCTAssertGreaterThan(result.passed, 0, "no test cases in \(name)", file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }
}

/// Loads the suite, the remotes and the metaschemas once.
final class OfficialSuite: @unchecked Sendable {
    /// Required cases that are allowed to fail, keyed "file: group / test", with the reason. Keep empty.
    static let knownFailures: [String: String] = [:]

    let testsRoot: URL
    let registry: SchemaRegistry

    nonisolated(unsafe) private static var cached: Result<OfficialSuite, Error>?
    private static let lock = NSLock()

    static func shared() throws -> OfficialSuite {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return try cached.get() }
        let result = Result { try OfficialSuite(root: OfficialSuite.fixturesRoot) }
        cached = result
        return try result.get()
    }

    static var fixturesRoot: URL {
        if let env = ProcessInfo.processInfo.environment["JSONSCHEMA_FIXTURES"] { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/external")
    }

    init(root: URL) throws {
        let suiteRoot = root.appendingPathComponent("JSON-Schema-Test-Suite")
        testsRoot = suiteRoot.appendingPathComponent("tests/draft2020-12")
        let fm = FileManager.default
        guard fm.fileExists(atPath: testsRoot.path), fm.fileExists(atPath: root.appendingPathComponent("metaschemas/metaschema.json").path) else {
            throw SchemaError("official test suite not found at \(root.path): run scripts/fetch-test-data.sh")
        }
        registry = SchemaRegistry()
        // Remotes are served as http://localhost:1234/<path>.
        let remotes = suiteRoot.appendingPathComponent("remotes")
        let enumerator = fm.enumerator(at: remotes, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json" else { continue }
            let relative = String(url.resolvingSymlinksInPath().path.dropFirst(remotes.resolvingSymlinksInPath().path.count + 1))
            try registry.register(contentsOf: url, uri: "http://localhost:1234/" + relative)
        }
        // The 2020-12 metaschema and its vocabulary metaschemas, under their $ids.
        let metas = root.appendingPathComponent("metaschemas")
        var metaFiles = [metas.appendingPathComponent("metaschema.json")]
        metaFiles += try fm.contentsOfDirectory(at: metas.appendingPathComponent("vocabularies"), includingPropertiesForKeys: nil)
        for url in metaFiles {
            let value = try JSONParser.parse(Data(contentsOf: url))
            try registry.register(value)
        }
    }

    func files(in dir: String) throws -> [String] {
        let url = dir.isEmpty ? testsRoot : testsRoot.appendingPathComponent(dir)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    func requiredFiles() throws -> [String] { try files(in: "") }

    struct FileResult {
        var passed = 0
        var failures: [String] = []
    }

    func run(file: String, assertFormat: Bool) throws -> FileResult {
        let data = try Data(contentsOf: testsRoot.appendingPathComponent(file))
        guard case .array(let groups) = try JSONParser.parse(data) else { throw SchemaError("\(file): not an array") }
        var result = FileResult()
        var options = ValidatorOptions()
        options.assertFormat = assertFormat
        for group in groups {
            let description = group["description"]?.stringValue ?? "?"
            guard let schema = group["schema"], case .array(let tests)? = group["tests"] else { continue }
            let validator: Validator
            do {
                validator = try Validator(schema: schema, registry: registry, options: options)
            } catch {
                for test in tests {
                    let key = "\(file): \(description) / \(test["description"]?.stringValue ?? "?")"
                    if OfficialSuite.knownFailures[key] != nil { continue }
                    result.failures.append("\(key): schema did not compile: \(error)")
                }
                continue
            }
            for test in tests {
                let key = "\(file): \(description) / \(test["description"]?.stringValue ?? "?")"
                guard let instance = test["data"], case .bool(let expected)? = test["valid"] else { continue }
                let fast = validator.isValid(instance)
                let errors = validator.validate(instance)
                if fast == expected && errors.isEmpty == expected {
                    result.passed += 1
                } else if OfficialSuite.knownFailures[key] == nil {
                    result.failures.append(
                        "\(key): expected \(expected ? "valid" : "invalid"), isValid = \(fast), validate() = \(errors.isEmpty ? "no errors" : errors.map { $0.description }.joined(separator: "; "))")
                }
            }
        }
        return result
    }
}
