@testable import CoursepackRender
import XCTest

/// Every text and attribute value of a document passes through these two escapes.
final class HTMLEscapingTests: XCTestCase {
    func testTextEscapesMarkupAndKeepsEverythingElse() {
        XCTAssertEqual(HTMLEscaping.text("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d")
        XCTAssertEqual(HTMLEscaping.text("\"quoted\" 'single'"), "\"quoted\" 'single'", "quotes are safe between tags")
        XCTAssertEqual(HTMLEscaping.text("</script><!--"), "&lt;/script&gt;&lt;!--")
        XCTAssertEqual(HTMLEscaping.text("nul\u{0}byte"), "nul\u{FFFD}byte")
        let untouched = "مرحبا \u{200F}١٢٣\u{200E} e\u{301} 😀👩🏽‍💻 — “ok”"
        XCTAssertEqual(HTMLEscaping.text(untouched), untouched)
        XCTAssertEqual(HTMLEscaping.text("<e\u{301}>"), "&lt;e\u{301}&gt;", "a combining mark after an escape stays with its letter")
        XCTAssertEqual(HTMLEscaping.text(""), "")
    }

    func testAttributesAlsoEscapeBothQuotes() {
        XCTAssertEqual(HTMLEscaping.attribute("say \"hi\" & 'bye' <now>"), "say &quot;hi&quot; &amp; &#39;bye&#39; &lt;now&gt;")
        var builder = HTMLBuilder()
        builder.open("a", [("href", "x?a=1&b=\"2\""), ("hidden", ""), ("title", nil), ("class", "")])
        builder.text("1 < 2")
        builder.close("a")
        XCTAssertEqual(builder.html, "<a href=\"x?a=1&amp;b=&quot;2&quot;\" hidden class=\"\">1 &lt; 2</a>")
    }
}
