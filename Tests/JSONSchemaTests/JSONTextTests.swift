import Foundation
@testable import JSONSchema
import XCTest

/// The JSON text the engine writes (the player's data block goes through it): valid JSON that reads
/// back as the same value, keys in byte order, and nothing that could end or open an element when the
/// text sits in a `<script>`.
final class JSONTextTests: XCTestCase {
    let tricky = [
        "", "plain", "quote \" backslash \\ slash /", "line\nfeed\rreturn\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
        "</script><!-- & -->", "مرحبا بكم \u{200F}(RTL)\u{200E} ١٢٣", "e\u{301} \"\u{301}", "😀👩🏽‍💻", "\u{2028}line\u{2029}para",
        "\u{E2}\u{80}", "€ — “quotes” ‘single’", "a\u{2027}b\u{202A}c",
    ]

    func testStringsReadBackUnchanged() throws {
        for text in tricky {
            for forScript in [false, true] {
                var out = ""
                JSONValue.writeString(text, to: &out, forScript: forScript)
                let decoded = try JSONSerialization.jsonObject(with: Data("[\(out)]".utf8)) as? [String]
                XCTAssertEqual(decoded?.first.map { Array($0.unicodeScalars) }, Array(text.unicodeScalars), out)
            }
        }
    }

    func testScriptTextHidesMarkupAndLineTerminators() {
        let value = JSONValue.object(Dictionary(uniqueKeysWithValues: tricky.enumerated().map { ("k\($0.offset)", .string($0.element)) }))
        let text = value.scriptElementText
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            XCTAssertFalse(text.contains(forbidden), "\(forbidden) in \(text)")
        }
        XCTAssertTrue(text.contains("\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"), text)
        XCTAssertTrue(text.contains("\\u2028line\\u2029para"), text)
        XCTAssertTrue(text.contains("\\u0000\\u0001\\u001f\u{7F}"), text)
        XCTAssertTrue(value.jsonText.contains("</script>"), "only the script form escapes markup")
    }

    func testObjectKeysAreInByteOrder() {
        // (Not "e" + U+0301 beside "é": Swift's dictionaries take canonically equivalent keys as one.)
        let value = JSONValue.object(["é": .number(1), "z": .number(2), "Z": .number(3), "a b": .number(4), "a": .number(5), "😀": .number(6)])
        XCTAssertEqual(value.jsonText, "{\"Z\":3,\"a\":5,\"a b\":4,\"z\":2,\"é\":1,\"😀\":6}")
    }
}
