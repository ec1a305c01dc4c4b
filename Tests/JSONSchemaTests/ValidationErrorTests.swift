import Foundation
import XCTest

@testable import JSONSchema

/// Error details: every `ValidationFailure` case with its instance path and payload.
final class ValidationErrorTests: XCTestCase {
    private func errors(_ schema: String, _ instance: String, options: ValidatorOptions = .init(),
                        file: StaticString = #filePath, line: UInt = #line) throws -> [ValidationError] {
        let validator = try Validator(schema: try JSONParser.parse(schema), options: options)
        let value = try JSONParser.parse(instance)
        let errors = validator.validate(value)
        XCTAssertEqual(validator.isValid(value), errors.isEmpty, "isValid and validate disagree", file: file, line: line)
        return errors
    }

    private func single(_ schema: String, _ instance: String, options: ValidatorOptions = .init(),
                        file: StaticString = #filePath, line: UInt = #line) throws -> ValidationError {
        let errs = try errors(schema, instance, options: options, file: file, line: line)
        XCTAssertEqual(errs.count, 1, "errors: \(errs)", file: file, line: line)
        return try XCTUnwrap(errs.first, file: file, line: line)
    }

    func testFalseSchema() throws {
        let e = try single(#"{"properties": {"a": false}}"#, #"{"a": 1}"#)
        XCTAssertEqual(e.instancePath, [.key("a")])
        XCTAssertEqual(e.keyword, "false")
        XCTAssertEqual(e.keywordLocation, "/properties/a")
        guard case .falseSchema = e.failure else { return XCTFail("\(e.failure)") }
        let root = try single("false", "1")
        XCTAssertEqual(root.instancePath, [])
    }

    func testTypeMismatch() throws {
        let e = try single(#"{"properties": {"n": {"type": ["string", "null"]}}}"#, #"{"n": 1.5}"#)
        XCTAssertEqual(e.instancePath, [.key("n")])
        XCTAssertEqual(e.keyword, "type")
        XCTAssertEqual(e.keywordLocation, "/properties/n/type")
        guard case .typeMismatch(let expected, let actual) = e.failure else { return XCTFail("\(e.failure)") }
        XCTAssertEqual(expected, ["string", "null"])
        XCTAssertEqual(actual, "number")
        let i = try single(#"{"type": "string"}"#, "2.0")
        guard case .typeMismatch(_, "integer") = i.failure else { return XCTFail("\(i.failure)") }
    }

    func testConstAndEnum() throws {
        let c = try single(#"{"items": {"const": "a"}}"#, #"["a", "b"]"#)
        XCTAssertEqual(c.instancePath, [.index(1)])
        guard case .constMismatch(let expected) = c.failure else { return XCTFail("\(c.failure)") }
        XCTAssertEqual(expected, "a")
        let e = try single(#"{"properties": {"kind": {"enum": ["single", "multiple"]}}}"#, #"{"kind": "singel"}"#)
        XCTAssertEqual(e.instancePath, [.key("kind")])
        guard case .notInEnum(let allowed) = e.failure else { return XCTFail("\(e.failure)") }
        XCTAssertEqual(allowed, ["single", "multiple"])
    }

    func testRequiredAndDependentRequired() throws {
        let errs = try errors(#"{"properties": {"a": {"required": ["x", "y"]}}}"#, #"{"a": {"y": 1}}"#)
        XCTAssertEqual(errs.count, 1)
        XCTAssertEqual(errs[0].instancePath, [.key("a")])
        XCTAssertEqual(errs[0].keywordLocation, "/properties/a/required")
        guard case .missingProperty("x") = errs[0].failure else { return XCTFail("\(errs[0].failure)") }

        let d = try single(#"{"dependentRequired": {"card": ["billing"]}}"#, #"{"card": 1}"#)
        XCTAssertEqual(d.instancePath, [])
        XCTAssertEqual(d.keyword, "dependentRequired")
        guard case .dependentRequired(let property, let missing) = d.failure else { return XCTFail("\(d.failure)") }
        XCTAssertEqual(property, "card")
        XCTAssertEqual(missing, "billing")
    }

    func testAdditionalPropertiesAllowedList() throws {
        let e = try single(
            #"{"properties": {"text": true, "correct": true}, "patternProperties": {"^x-": true}, "additionalProperties": false}"#,
            #"{"text": "a", "x-ok": 1, "colour": 2}"#)
        XCTAssertEqual(e.instancePath, [.key("colour")])
        XCTAssertEqual(e.keyword, "additionalProperties")
        guard case .unexpectedProperty(let name, let allowed) = e.failure else { return XCTFail("\(e.failure)") }
        XCTAssertEqual(name, "colour")
        XCTAssertEqual(allowed, ["correct", "text"])
    }

    func testUnevaluatedPropertiesThroughIfThen() throws {
        let schema = """
            {
              "x-noun": "a quiz",
              "type": "object",
              "properties": {"kind": {"enum": ["single", "ordering"]}},
              "allOf": [
                {"if": {"properties": {"kind": {"const": "single"}}, "required": ["kind"]},
                 "then": {"properties": {"options": {"type": "array"}}}},
                {"if": {"properties": {"kind": {"const": "ordering"}}, "required": ["kind"]},
                 "then": {"properties": {"items": {"type": "array"}}}}
              ],
              "unevaluatedProperties": false
            }
            """
        let e = try single(schema, #"{"kind": "single", "optoins": []}"#)
        XCTAssertEqual(e.instancePath, [.key("optoins")])
        XCTAssertEqual(e.keyword, "unevaluatedProperties")
        XCTAssertEqual(e.keywordLocation, "/unevaluatedProperties")
        XCTAssertEqual(e.schema["x-noun"], "a quiz")
        guard case .unexpectedProperty(let name, let allowed) = e.failure else { return XCTFail("\(e.failure)") }
        XCTAssertEqual(name, "optoins")
        // "options" comes from the `then` that applied; "items" (the other branch) is not offered.
        XCTAssertEqual(allowed, ["kind", "options"])
        XCTAssertTrue(try errors(schema, #"{"kind": "single", "options": []}"#).isEmpty)
    }

    func testNestedErrorLocationsThroughRef() throws {
        let schema = """
            {
              "$id": "https://example.com/quiz.json",
              "allOf": [{"if": true, "then": {"properties": {"options": {"$ref": "#/$defs/options"}}}}],
              "$defs": {"options": {"type": "array", "items": {"title": "Option", "required": ["text"]}}}
            }
            """
        let e = try single(schema, #"{"options": [{"text": "a"}, {}]}"#)
        XCTAssertEqual(e.instancePath, [.key("options"), .index(1)])
        XCTAssertEqual(e.instancePointer, "/options/1")
        XCTAssertEqual(e.keywordLocation, "/allOf/0/then/properties/options/$ref/items/required")
        XCTAssertEqual(e.absoluteSchemaLocation, "https://example.com/quiz.json#/$defs/options/items/required")
        XCTAssertEqual(e.schema["title"], "Option")
    }

    func testUnexpectedItem() throws {
        let errs = try errors(#"{"prefixItems": [true], "items": false}"#, "[1, 2, 3]")
        XCTAssertEqual(errs.map { $0.instancePath }, [[.index(1)], [.index(2)]])
        guard case .unexpectedItem(1) = errs[0].failure else { return XCTFail("\(errs[0].failure)") }
        let u = try single(#"{"prefixItems": [true], "unevaluatedItems": false}"#, "[1, 2]")
        XCTAssertEqual(u.instancePath, [.index(1)])
        XCTAssertEqual(u.keyword, "unevaluatedItems")
        guard case .unexpectedItem(index: 1) = u.failure else { return XCTFail("\(u.failure)") }
    }

    func testStringLengthCountsCodePoints() throws {
        XCTAssertTrue(try errors(#"{"maxLength": 2}"#, #""😀😀""#).isEmpty)
        let long = try single(#"{"maxLength": 2}"#, #""abc""#)
        guard case .stringTooLong(max: 2, actual: 3) = long.failure else { return XCTFail("\(long.failure)") }
        let short = try single(#"{"properties": {"s": {"minLength": 3}}}"#, #"{"s": "😀😀"}"#)
        XCTAssertEqual(short.instancePath, [.key("s")])
        guard case .stringTooShort(min: 3, actual: 2) = short.failure else { return XCTFail("\(short.failure)") }
    }

    func testItemAndPropertyCounts() throws {
        let many = try single(#"{"maxItems": 1}"#, "[1, 2]")
        guard case .tooManyItems(max: 1, actual: 2) = many.failure else { return XCTFail("\(many.failure)") }
        let few = try single(#"{"items": {"minItems": 2}}"#, "[[1]]")
        XCTAssertEqual(few.instancePath, [.index(0)])
        guard case .tooFewItems(min: 2, actual: 1) = few.failure else { return XCTFail("\(few.failure)") }
        let manyP = try single(#"{"maxProperties": 1}"#, #"{"a": 1, "b": 2}"#)
        guard case .tooManyProperties(max: 1, actual: 2) = manyP.failure else { return XCTFail("\(manyP.failure)") }
        let fewP = try single(#"{"minProperties": 1}"#, "{}")
        guard case .tooFewProperties(min: 1, actual: 0) = fewP.failure else { return XCTFail("\(fewP.failure)") }
    }

    func testPatternAndFormat() throws {
        let p = try single(#"{"properties": {"id": {"pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}}}"#, #"{"id": "Bad Id"}"#)
        XCTAssertEqual(p.instancePath, [.key("id")])
        guard case .patternMismatch(let pattern) = p.failure else { return XCTFail("\(p.failure)") }
        XCTAssertEqual(pattern, "^[a-z0-9]+(?:-[a-z0-9]+)*$")

        XCTAssertTrue(try errors(#"{"format": "email"}"#, #""not an email""#).isEmpty, "format is an annotation by default")
        var options = ValidatorOptions()
        options.assertFormat = true
        let f = try single(#"{"properties": {"mail": {"format": "email"}}}"#, #"{"mail": "not an email"}"#, options: options)
        XCTAssertEqual(f.instancePath, [.key("mail")])
        guard case .formatMismatch(let format) = f.failure else { return XCTFail("\(f.failure)") }
        XCTAssertEqual(format, "email")
        XCTAssertTrue(try errors(#"{"format": "email"}"#, #""joe@example.com""#, options: options).isEmpty)
    }

    func testNumberLimits() throws {
        let max = try single(#"{"maximum": 10}"#, "10.5")
        guard case .numberTooLarge(let limit, exclusive: false) = max.failure, limit == 10 else { return XCTFail("\(max.failure)") }
        let xmax = try single(#"{"exclusiveMaximum": 10}"#, "10")
        guard case .numberTooLarge(_, exclusive: true) = xmax.failure else { return XCTFail("\(xmax.failure)") }
        let min = try single(#"{"properties": {"points": {"minimum": 1}}}"#, #"{"points": 0}"#)
        XCTAssertEqual(min.instancePath, [.key("points")])
        guard case .numberTooSmall(let l, exclusive: false) = min.failure, l == 1 else { return XCTFail("\(min.failure)") }
        let xmin = try single(#"{"exclusiveMinimum": 0}"#, "0")
        guard case .numberTooSmall(_, exclusive: true) = xmin.failure else { return XCTFail("\(xmin.failure)") }
        let m = try single(#"{"multipleOf": 0.01}"#, "19.991")
        guard case .notMultipleOf(let d) = m.failure, d == JSONNumber(0.01) else { return XCTFail("\(m.failure)") }
    }

    func testUniqueItems() throws {
        let e = try single(#"{"uniqueItems": true}"#, #"[1, {"a": 1}, 2, {"a": 1.0}]"#)
        guard case .notUnique(firstIndex: 1, secondIndex: 3) = e.failure else { return XCTFail("\(e.failure)") }
    }

    func testContains() throws {
        let few = try single(#"{"contains": {"type": "string"}, "minContains": 2}"#, #"["a", 1]"#)
        XCTAssertEqual(few.keyword, "minContains")
        guard case .containsTooFew(min: 2, actual: 1) = few.failure else { return XCTFail("\(few.failure)") }
        let none = try single(#"{"contains": {"type": "string"}}"#, "[1]")
        XCTAssertEqual(none.keyword, "contains")
        guard case .containsTooFew(min: 1, actual: 0) = none.failure else { return XCTFail("\(none.failure)") }
        let many = try single(#"{"contains": {"type": "string"}, "maxContains": 1}"#, #"["a", "b"]"#)
        guard case .containsTooMany(max: 1, actual: 2) = many.failure else { return XCTFail("\(many.failure)") }
    }

    func testAnyOfOneOfBranches() throws {
        let schema = #"{"properties": {"v": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["a"]}]}}}"#
        let e = try single(schema, #"{"v": {}}"#)
        XCTAssertEqual(e.instancePath, [.key("v")])
        XCTAssertEqual(e.keywordLocation, "/properties/v/anyOf")
        guard case .noBranchMatched(let keyword, let branches) = e.failure else { return XCTFail("\(e.failure)") }
        XCTAssertEqual(keyword, "anyOf")
        XCTAssertEqual(branches.count, 2)
        XCTAssertEqual(branches[0].map { $0.keyword }, ["type"])
        XCTAssertEqual(branches[1].map { $0.keyword }, ["required"])
        XCTAssertEqual(branches[1].first?.keywordLocation, "/properties/v/anyOf/1/required")

        let one = try single(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}, {"type": "string"}]}"#, "3")
        guard case .severalBranchesMatched(let indices) = one.failure else { return XCTFail("\(one.failure)") }
        XCTAssertEqual(indices, [0, 1])
        let none = try single(#"{"oneOf": [{"type": "integer"}, {"type": "string"}]}"#, "null")
        guard case .noBranchMatched("oneOf", let b) = none.failure, b.count == 2 else { return XCTFail("\(none.failure)") }
    }

    func testNot() throws {
        let e = try single(#"{"items": {"not": {"type": "null"}}}"#, "[1, null]")
        XCTAssertEqual(e.instancePath, [.index(1)])
        guard case .notFailed = e.failure else { return XCTFail("\(e.failure)") }
    }

    func testPropertyNames() throws {
        let e = try single(#"{"propertyNames": {"pattern": "^[a-z]+$"}}"#, #"{"ok": 1, "Bad": 2}"#)
        XCTAssertEqual(e.instancePath, [.key("Bad")])
        guard case .invalidPropertyName(let name, let inner) = e.failure else { return XCTFail("\(e.failure)") }
        XCTAssertEqual(name, "Bad")
        XCTAssertEqual(inner.map { $0.keyword }, ["pattern"])
    }

    func testContent() throws {
        XCTAssertTrue(try errors(#"{"contentMediaType": "application/json"}"#, #""{nope""#).isEmpty, "content is an annotation by default")
        var options = ValidatorOptions()
        options.assertContent = true
        let e = try single(#"{"contentMediaType": "application/json"}"#, #""{nope""#, options: options)
        guard case .contentMismatch = e.failure else { return XCTFail("\(e.failure)") }
        let b = try single(#"{"contentEncoding": "base64"}"#, #""not base64!""#, options: options)
        guard case .contentMismatch = b.failure else { return XCTFail("\(b.failure)") }
    }

    func testErrorsDescriptions() throws {
        let e = try single(#"{"required": ["name"]}"#, "{}")
        XCTAssertEqual(e.message, "missing required property 'name'")
        XCTAssertEqual(e.description, "(root): missing required property 'name' [/required]")
    }
}
