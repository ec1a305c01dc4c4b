import Foundation
import XCTest
@testable import CoursepackServe

/// FlatJSON writes the records the host keeps and its replies; whatever a package puts in a value must
/// come back the same through a real JSON parser (Foundation's), and the text must not depend on the
/// order a dictionary happens to hold its keys in.
final class FlatJSONTests: XCTestCase {
    /// Strings a package (or an attacker) may put in cmi.suspend_data and friends.
    static let hostile: [String] = {
        var strings = ["", "\"", "\\", "\\\"", "\"\\\"\\", "/", "</script>", "\u{7F}", "\u{2028}", "\u{2029}", "a\u{2028}b\u{2029}c",
                       "\u{2027}\u{202A}", "€…—", "\u{E2}\u{80}", "é (e\u{301})", "مرحبا بالعالم", "👩🏽‍💻🇲🇦", "\u{FEFF}bom",
                       "\u{10FFFF}", "{\"seq\": 1}", "null", "\\u0000", "tab\tnew\nline\rreturn\u{08}\u{0C}"]
        strings.append(String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }))
        strings += (0..<0x20).map { "x" + String(Character(Unicode.Scalar(UInt8($0)))) + "y" }
        return strings
    }()

    func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Any? {
        do {
            return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            XCTFail("not JSON: \(text.debugDescription): \(error)", file: file, line: line)
            return nil
        }
    }

    func testHostileValuesAndKeysComeBackTheSameThroughJSONSerialization() {
        var record: [String: String] = [:]
        for (index, string) in Self.hostile.enumerated() {
            record["cmi.value.\(index)"] = string
            record[string] = "key \(index)"
        }
        let text = FlatJSON.object(record)
        XCTAssertEqual(parse(text) as? [String: String], record)
        XCTAssertEqual((try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))), record, "the store reads it back with JSONDecoder")
        for string in Self.hostile {
            XCTAssertEqual(parse(FlatJSON.text(.string(string))) as? String, string, string.debugDescription)
        }
    }

    func testNoRawControlCharacterOrLineSeparatorIsWritten() {
        let text = FlatJSON.object(Dictionary(uniqueKeysWithValues: Self.hostile.enumerated().map { ("k\($0.offset)", $0.element) }))
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{FEFF}" }, text.debugDescription)
        XCTAssertEqual(FlatJSON.text(.string("\"\\\n\u{01}\u{1F}\u{2028}\u{2029}€\t")), #""\"\\\n\u0001\u001f\u2028\u2029€\t""#)
    }

    func testTheKeysAreSortedSoTheSameRecordAlwaysGivesTheSameText() {
        var forward: [String: String] = [:]
        var backward: [String: String] = [:]
        let keys = (0..<200).map { "cmi.interactions.\($0).id" }
        for key in keys { forward[key] = key }
        for key in keys.reversed() { backward[key] = key }
        XCTAssertEqual(FlatJSON.object(forward), FlatJSON.object(backward))
        XCTAssertEqual(FlatJSON.object(["b": "2", "a": "1", "cmi.core.exit": ""]), #"{"a":"1","b":"2","cmi.core.exit":""}"#)
        XCTAssertEqual(FlatJSON.object([:]), "{}")
    }

    func testReplyFieldsAndCallsAreJSON() {
        let calls: FlatJSON.Value = .array([
            .object(["fn": .string("LMSSetValue"), "args": .array([.string("cmi.suspend_data"), .string("a\u{0}b\"")]), "ret": .string("true"), "err": .integer(0)]),
            .object(["fn": .string("LMSGetValue"), "args": .array([]), "err": .integer(-401), "ratio": .number(0.25), "big": .number(1e300), "nan": .number(.nan), "none": .null, "ok": .bool(false)]),
        ])
        let parsed = parse(FlatJSON.text(calls)) as? [[String: Any]]
        XCTAssertEqual(parsed?.count, 2)
        XCTAssertEqual(parsed?[0]["args"] as? [String], ["cmi.suspend_data", "a\u{0}b\""])
        XCTAssertEqual((parsed?[1]["err"] as? NSNumber)?.intValue, -401)
        XCTAssertEqual((parsed?[1]["ratio"] as? NSNumber)?.doubleValue, 0.25)
        XCTAssertEqual((parsed?[1]["big"] as? NSNumber)?.doubleValue, 1e300)
        XCTAssertTrue(parsed?[1]["nan"] is NSNull, "NaN has no JSON form: null, not text no parser reads")
        XCTAssertEqual(FlatJSON.text(.object(["saved": .bool(true), "seq": .integer(42), "duplicate": .bool(false)])),
                       #"{"duplicate":false,"saved":true,"seq":42}"#)
    }

    /// The commit's calls are kept as sent: found in the body's text, whatever their place, spacing and
    /// content, and always the same value JSONSerialization reads there.
    func testTheCallsOfACommitAreFoundAsSent() throws {
        let calls = #"[{"fn":"LMSSetValue","args":["cmi.core.score.raw","80"],"ret":"true","err":0,"x":1.5,"n":null,"b":true,"o":{"k":["\u2028","]}\"{["]}}]"#
        let bodies = [
            #"{"seq":1,"record":{},"calls":CALLS}"#,
            #"{"calls":CALLS,"seq":1,"record":{"calls":"not these"}}"#,
            #"{ "seq" : 1 , "calls" :  CALLS  , "record" : {} }"#,
            #"{"record":{"a":"\",\"calls\":[1]"},"calls":CALLS,"seq":2}"#,
            "{\n\t\"seq\": 1,\n\t\"calls\":\n CALLS\n}",
        ]
        for template in bodies {
            let body = template.replacingOccurrences(of: "CALLS", with: calls)
            let found = CommitBody.calls(in: body)
            XCTAssertEqual(parse(found) as? NSArray, parse(calls) as? NSArray, body)
            XCTAssertEqual(((parse(body) as? NSDictionary)?["calls"] as? NSArray), parse(found) as? NSArray, body)
        }
        XCTAssertEqual(CommitBody.calls(in: #"{"seq":1,"record":{}}"#), "[]", "no calls")
        XCTAssertEqual(CommitBody.calls(in: #"{"seq":1,"record":{},"calls":{"fn":"x"}}"#), "[]", "not an array")
        XCTAssertEqual(CommitBody.calls(in: #"{"seq":1,"record":{},"calls":"[]"}"#), "[]", "a string, not an array")
        XCTAssertEqual(CommitBody.calls(in: #"{"seq":1,"calls":[],"record":{}}"#), "[]")
    }
}
