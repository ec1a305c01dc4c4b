@testable import CoursepackVerify
import Foundation
import XCTest

/// `coursepack.json` is written by JSONOutput: valid JSON that reads back as written, keys in byte order.
final class JSONOutputTests: XCTestCase {
    func testStringsReadBackAndKeysAreInByteOrder() throws {
        let values = ["plain", "quote \" backslash \\", "line\nfeed\rreturn\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
                      "مرحبا ١٢٣", "e\u{301}", "😀👩🏽‍💻", "</script>", ""]
        var dictionary: [String: String] = [:]
        for (index, value) in values.enumerated() { dictionary["k\(value)\(index)"] = value }
        var json = JSONOutput()
        json.openObject()
        json.members(dictionary) { json, value in json.string(value) }
        json.closeObject()
        let text = String(decoding: json.bytes, as: UTF8.self)
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: String], text)
        XCTAssertEqual(decoded.mapValues { Array($0.unicodeScalars) }, dictionary.mapValues { Array($0.unicodeScalars) })
        let keyOrder = dictionary.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let positions = keyOrder.map { key -> Int in
            var quoted = JSONOutput()
            quoted.string(key)
            return text.range(of: String(decoding: quoted.bytes, as: UTF8.self) + ":")!.lowerBound.utf16Offset(in: text)
        }
        XCTAssertEqual(positions, positions.sorted(), text)
        XCTAssertTrue(text.contains("\"\\u0000\\u0001\\u001f\u{7F}\""), text)
    }
}
