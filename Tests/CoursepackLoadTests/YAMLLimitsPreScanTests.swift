@testable import CoursepackLoad
import XCTest

/// The pre-scan decides whether a YAML text gets the full alias and nesting scan: a wrong "no" would let
/// an alias bomb or a deep nest through. It is checked against the plain byte-by-byte definition.
final class YAMLLimitsPreScanTests: XCTestCase {
    /// The definition: an `&` anywhere, or the opening brackets plus the largest per-line sum of leading
    /// spaces and `-`, `:`, `?` reaching the depth limit.
    private func definition(_ text: String) -> Bool {
        if text.utf8.contains(UInt8(ascii: "&")) { return true }
        let brackets = text.utf8.filter { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }.count
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let bound = lines.map { line -> Int in
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            return indent + line.dropFirst(indent).filter { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "?") }.count
        }.max() ?? 0
        return brackets + bound >= YAMLLimits.depth
    }

    func testThePreScanAgreesWithTheDefinitionOnRandomTexts() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab -:?[{}]\n\n    x&".utf8)
        var sawTrue = 0, sawFalse = 0
        for _ in 0..<4_000 {
            let length = Int.random(in: 0...300, using: &generator)
            // Few ampersands, so that the other branches decide most texts.
            let bytes = (0..<length).map { _ -> UInt8 in
                let byte = alphabet.randomElement(using: &generator)!
                return byte == UInt8(ascii: "&") && Int.random(in: 0..<50, using: &generator) != 0 ? UInt8(ascii: "x") : byte
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = definition(text)
            XCTAssertEqual(YAMLLimits.mayExceed(text), expected, "\(text.debugDescription)")
            if expected { sawTrue += 1 } else { sawFalse += 1 }
        }
        XCTAssertGreaterThan(sawTrue, 100)
        XCTAssertGreaterThan(sawFalse, 100)
    }

    func testTheEdgesOfTheLimit() {
        let depth = YAMLLimits.depth
        XCTAssertFalse(YAMLLimits.mayExceed(String(repeating: "[", count: depth - 1)))
        XCTAssertTrue(YAMLLimits.mayExceed(String(repeating: "[", count: depth)))
        XCTAssertTrue(YAMLLimits.mayExceed("a: 1\n" + String(repeating: " ", count: depth - 1) + "-\n"))
        XCTAssertFalse(YAMLLimits.mayExceed("a: 1\n" + String(repeating: " ", count: depth - 2) + "-\n"))
        XCTAssertTrue(YAMLLimits.mayExceed("x: &a 1"))
        XCTAssertFalse(YAMLLimits.mayExceed(""))
        XCTAssertFalse(YAMLLimits.mayExceed("\n\n"))
    }
}
