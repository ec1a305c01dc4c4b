import JSONSchema
import XCTest

/// Zip entries and `coursepack.json` keys are in the order of their UTF-8 bytes, on every machine.
final class UTF8OrderTests: XCTestCase {
    func testOrderIsTheOrderOfTheBytes() {
        let paths = ["media/é.png", "media/z.png", "index.html", "index.ar.html", "Index.html", "media/", "", "media/a b.png", "media/a.png",
                     "media/\u{1F600}.png", "media/e\u{301}.png"]
        let expected = paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        XCTAssertEqual(paths.sorted { $0.precedesInUTF8($1) }, expected)
        // Canonically equivalent strings are still two different paths, in byte order ("e" + U+0301 before "é").
        XCTAssertTrue("e\u{301}".precedesInUTF8("é"))
        XCTAssertFalse("é".precedesInUTF8("e\u{301}"))
        XCTAssertTrue("a".precedesInUTF8("ab"), "a prefix comes first")
        XCTAssertFalse("ab".precedesInUTF8("ab"), "a string does not precede itself")
        XCTAssertTrue("".precedesInUTF8("a"))
        XCTAssertFalse("".precedesInUTF8(""))
        // A bridged or sliced string goes through the same comparison.
        XCTAssertTrue(String("xmedia/a.png".dropFirst()).precedesInUTF8("media/b.png"))
    }
}
