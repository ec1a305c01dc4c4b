import Foundation
import XCTest

@testable import JSONSchema

/// Parser errors, schema errors, reference cycles, numbers, registry use and concurrency.
final class EngineTests: XCTestCase {
    // MARK: JSONParser

    func testParserValues() throws {
        let v = try JSONParser.parse(#"{"a": [1, -2, 3.5, 1e2, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {}}"#)
        XCTAssertEqual(v["a"]?[0], .number(JSONNumber(1)))
        XCTAssertEqual(v["a"]?[1], -2)
        XCTAssertEqual(v["a"]?[2], 3.5)
        XCTAssertEqual(v["a"]?[3], 100)
        XCTAssertEqual(v["a"]?[7], .string("xé😀\n"))
        XCTAssertEqual(v["b"], .object([:]))
        XCTAssertEqual(try JSONParser.parse(Data("  [] ".utf8)), [])
    }

    func testParserErrorsHaveLineAndColumn() {
        func check(_ text: String, _ line: Int, _ column: Int, _ fragment: String, file: StaticString = #filePath, l: UInt = #line) {
            do {
                _ = try JSONParser.parse(text)
                XCTFail("expected an error for \(text)", file: file, line: l)
            } catch let e as JSONParseError {
                XCTAssertEqual(e.line, line, "\(e)", file: file, line: l)
                XCTAssertEqual(e.column, column, "\(e)", file: file, line: l)
                XCTAssertTrue(e.message.contains(fragment), "\(e)", file: file, line: l)
                XCTAssertTrue(e.description.hasPrefix("\(line):\(column): "), file: file, line: l)
            } catch {
                XCTFail("unexpected error \(error)", file: file, line: l)
            }
        }
        check("{\n  \"a\": tru\n}", 2, 8, "literal")
        check("{\n  \"a\": 1,\n}", 3, 1, "property name")
        check("[1 2]", 1, 4, "expected ',' or ']'")
        check("{\"é\": 01}", 1, 8, "leading zeros")
        check("\"abc", 1, 1, "unterminated")
        check("[1] x", 1, 5, "after the JSON value")
        check("", 1, 1, "end of input")
        check("{\"a\": \"\\q\"}", 1, 8, "escape")
        check(String(repeating: "[", count: 1000), 1, 513, "nesting")
    }

    // MARK: numbers

    func testNumberSemantics() throws {
        XCTAssertEqual(JSONNumber(1), JSONNumber(1.0))
        XCTAssertEqual(JSONNumber(1).hashValue, JSONNumber(1.0).hashValue)
        XCTAssertEqual(Set<JSONValue>([1, 1.0, 2]).count, 2)
        XCTAssertTrue(JSONNumber(1.0).isInteger)
        XCTAssertFalse(JSONNumber(1.5).isInteger)
        // Integers stay exact beyond 2^53.
        let big = try JSONParser.parse("9007199254740993")
        XCTAssertEqual(big.numberValue?.int64Value, 9_007_199_254_740_993)
        XCTAssertNotEqual(big, try JSONParser.parse("9007199254740992"))
        XCTAssertEqual(try JSONParser.parse("-9223372036854775808").numberValue?.int64Value, Int64.min)
        XCTAssertTrue(JSONNumber(Int64.max) > JSONNumber(9.2e18))
        XCTAssertTrue(JSONNumber(2) < JSONNumber(2.5))
        // multipleOf uses exact decimals.
        XCTAssertTrue(JSONNumber(19.99).isMultiple(of: JSONNumber(0.01)))
        XCTAssertTrue(JSONNumber(0.3).isMultiple(of: JSONNumber(0.1)))
        XCTAssertTrue(JSONNumber(0.0075).isMultiple(of: JSONNumber(0.0001)))
        XCTAssertFalse(JSONNumber(0.00751).isMultiple(of: JSONNumber(0.0001)))
        XCTAssertFalse(JSONNumber(1e308).isMultiple(of: JSONNumber(0.123456789)))
        XCTAssertTrue(JSONNumber(1e308).isMultiple(of: JSONNumber(0.5)))
        XCTAssertTrue(JSONNumber(12_391_239_123).isMultiple(of: JSONNumber(1e-8)))
        XCTAssertTrue(JSONNumber(-6).isMultiple(of: JSONNumber(3)))
        // Schema-level: enum/const compare numerically, integer type accepts 1.0.
        let v = try Validator(schema: ["enum": [1, "a"], "type": "integer"])
        XCTAssertTrue(v.isValid(1.0))
        XCTAssertFalse(v.isValid(2))
        XCTAssertEqual(JSONValue(double: 2.0).typeName, "integer")
        XCTAssertEqual(JSONValue(integer: 3).description, "3")
        XCTAssertEqual(JSONValue(double: 0.5).description, "0.5")
    }

    // MARK: schema errors

    func testUnresolvableRef() {
        XCTAssertThrowsError(try Validator(schema: ["$ref": "https://example.com/missing.json"])) { error in
            let e = error as? SchemaError
            XCTAssertNotNil(e)
            XCTAssertTrue(e?.message.contains("cannot resolve 'https://example.com/missing.json'") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try Validator(schema: ["$ref": "#/$defs/nope"])) { error in
            XCTAssertTrue("\(error)".contains("cannot resolve '#/$defs/nope'"), "\(error)")
        }
        XCTAssertThrowsError(try Validator(schema: ["$ref": "#nope"])) { error in
            XCTAssertTrue("\(error)".contains("no anchor 'nope'"), "\(error)")
        }
    }

    func testInvalidSchemas() {
        XCTAssertThrowsError(try Validator(schema: ["type": "strin"])) { XCTAssertTrue("\($0)".contains("unknown type 'strin'")) }
        XCTAssertThrowsError(try Validator(schema: ["minLength": -1])) { XCTAssertTrue("\($0)".contains("non-negative integer")) }
        XCTAssertThrowsError(try Validator(schema: ["pattern": "(unclosed"])) { XCTAssertTrue("\($0)".contains("invalid regular expression")) }
        XCTAssertThrowsError(try Validator(schema: ["properties": ["a": 3]])) { XCTAssertTrue("\($0)".contains("object or a boolean")) }
        XCTAssertThrowsError(try Validator(schema: "not a schema"))
    }

    func testRefCyclesDoNotHang() throws {
        XCTAssertThrowsError(try Validator(schema: ["$ref": "#"])) { XCTAssertTrue("\($0)".contains("infinite recursion"), "\($0)") }
        let loop: JSONValue = ["$defs": ["a": ["$ref": "#/$defs/b"], "b": ["allOf": [["$ref": "#/$defs/a"]]]], "$ref": "#/$defs/a"]
        XCTAssertThrowsError(try Validator(schema: loop)) { XCTAssertTrue("\($0)".contains("infinite recursion"), "\($0)") }
        // Recursion that descends into the instance is fine.
        let tree = try Validator(schema: [
            "type": "object", "properties": ["children": ["type": "array", "items": ["$ref": "#"]], "name": ["type": "string"]],
        ])
        var deep: JSONValue = ["name": "leaf"]
        for _ in 0..<100 { deep = ["children": [deep]] }
        XCTAssertTrue(tree.isValid(deep))
        XCTAssertFalse(tree.isValid(["children": [["name": 1]]]))
        XCTAssertEqual(tree.validate(["children": [["name": 1]]]).first?.keywordLocation, "/properties/children/items/$ref/properties/name/type")
    }

    func testDepthLimit() throws {
        var options = ValidatorOptions()
        options.maximumDepth = 50
        let tree = try Validator(schema: ["items": ["$ref": "#"]], options: options)
        var deep: JSONValue = []
        for _ in 0..<100 { deep = [deep] }
        XCTAssertFalse(tree.isValid(deep))
        XCTAssertFalse(tree.validate(deep).isEmpty)
    }

    // MARK: registry, references, vocabularies

    func testRegistryAndRelativeRefs() throws {
        let registry = SchemaRegistry()
        try registry.register(
            ["$id": "https://example.com/schemas/common.json", "$defs": ["slug": ["type": "string", "pattern": "^[a-z]+$"]]],
            uri: "https://example.com/schemas/common.json")
        try registry.register(
            ["$id": "https://example.com/schemas/components/quiz.json", "properties": ["id": ["$ref": "../common.json#/$defs/slug"]]],
            uri: "https://example.com/schemas/components/quiz.json")
        let v = try Validator(schemaURI: "https://example.com/schemas/components/quiz.json", registry: registry)
        XCTAssertTrue(v.isValid(["id": "abc"]))
        let e = try XCTUnwrap(v.validate(["id": "A"]).first)
        XCTAssertEqual(e.absoluteSchemaLocation, "https://example.com/schemas/common.json#/$defs/slug/pattern")
        // A fragment selects a subschema.
        let slug = try Validator(schemaURI: "https://example.com/schemas/common.json#/$defs/slug", registry: registry)
        XCTAssertFalse(slug.isValid(1))
        XCTAssertThrowsError(try Validator(schemaURI: "https://example.com/other.json", registry: registry))
    }

    func testStandardMetaschemaURIWithoutRegistration() throws {
        let v = try Validator(schema: [
            "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["a"],
            "x-noun": "thing", "title": "T",
        ])
        XCTAssertFalse(v.isValid([:]))
        XCTAssertTrue(v.isValid(["a": 1]))
    }

    func testDynamicRefExtension() throws {
        let registry = SchemaRegistry()
        try registry.register(
            [
                "$id": "https://example.com/tree", "$dynamicAnchor": "node", "type": "object",
                "properties": ["data": true, "children": ["type": "array", "items": ["$dynamicRef": "#node"]]],
            ], uri: "https://example.com/tree")
        let strict = try Validator(
            schema: ["$id": "https://example.com/strict-tree", "$dynamicAnchor": "node", "$ref": "tree", "unevaluatedProperties": false],
            registry: registry)
        XCTAssertTrue(strict.isValid(["children": [["data": 1]]]))
        let errs = strict.validate(["children": [["daat": 1]]])
        XCTAssertEqual(errs.count, 1)
        XCTAssertEqual(errs.first?.instancePath, [.key("children"), .index(0), .key("daat")])
        guard case .unexpectedProperty("daat", let allowed)? = errs.first?.failure else { return XCTFail("\(errs)") }
        XCTAssertEqual(allowed, ["children", "data"])
    }

    func testUnknownKeywordsAreIgnored() throws {
        let v = try Validator(schema: ["x-translatable": true, "x-noun": "page", "title": "t", "description": "d", "$comment": "c", "type": "string"])
        XCTAssertTrue(v.isValid("a"))
    }

    func testECMARegexTranslation() throws {
        XCTAssertTrue(try ECMARegex("^\\d+$").matches("123"))
        XCTAssertFalse(try ECMARegex("^\\d+$").matches("١٢٣"))  // Arabic-Indic digits are not \d in ECMA-262
        XCTAssertFalse(try ECMARegex("^abc$").matches("abc\n"))
        XCTAssertTrue(try ECMARegex("^\\p{Letter}+$").matches("héllo"))
        XCTAssertTrue(try ECMARegex("^[^\\s]+$").matches("media/a.png"))
        XCTAssertFalse(try ECMARegex("^[^\\s]+$").matches("media/a b.png"))
        XCTAssertTrue(try ECMARegex("^x-").matches("x-note"))
        XCTAssertTrue(try ECMARegex("\\u{1F600}").matches("😀"))
        XCTAssertThrowsError(try ECMARegex("\\a", strict: true))
    }

    // MARK: concurrency

    func testConcurrentValidation() throws {
        let v = try Validator(schema: [
            "type": "object", "properties": ["id": ["type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"]],
            "unevaluatedProperties": false,
        ])
        let good: JSONValue = ["id": "a-b"]
        let bad: JSONValue = ["id": "A B", "x": 1]
        let failures = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<500 {
                if !v.isValid(good) || v.isValid(bad) || v.validate(bad).count != 2 { failures.increment() }
            }
        }
        XCTAssertEqual(failures.value, 0)
    }
}

private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
