import CoursepackLocalize
@testable import CoursepackRender
import Foundation
import XCTest

/// Text that looks like markup stays text; the document never reaches for the network.
final class SafetyRenderTests: XCTestCase {
    func testTitlesWithMarkupComeOutInert() throws {
        let page = """
            ---
            title: 'Page "one" <script>alert(1)</script>'
            ---

            Text with <script>alert(2)</script> and <img src=x onerror=alert(3)> inside, and a line<br>break.

            <div onclick="alert(4)">a block of HTML</div>

            [a script link](javascript:alert(5)) and [a web link](https://example.org/?a=1&b=2).

            ![a web picture](https://example.org/picture.png)

            """
        let module = try RenderFixtures.module(pages: [("01-start", page)])
        defer { withExtendedLifetime(module) {} }
        try module.write("module.yaml", """
            id: test-module
            version: 1.0.0
            title: 'Fish & chips </script><script>alert("x")</script>'
            language: en
            audience: general
            pages:
              - 01-start
            completion:
              rule: pages-seen
            """)
        let strings = try RenderFixtures.strings(at: module.root)
        let html = try RenderFixtures.render(strings, locales: ["en"]).document("en")
        XCTAssertEqual(HTMLInspection.matches("<script", in: html, group: 0).count, 2, "the data block and player.js only")
        XCTAssertFalse(html.contains("alert(2)</script>"))
        XCTAssertFalse(html.contains("onerror"))
        XCTAssertFalse(html.contains("onclick"))
        XCTAssertFalse(html.contains("javascript:"))
        XCTAssertTrue(html.contains("<title>Fish &amp; chips &lt;/script&gt;&lt;script&gt;alert(\"x\")&lt;/script&gt;</title>"))
        XCTAssertTrue(html.contains("<h1 id=\"page-01-start-title\">Page \"one\" &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        XCTAssertTrue(html.contains("line<br>\n") || html.contains("line<br>break"))
        XCTAssertTrue(html.contains("a script link and"), "a script link keeps its text, not its target")
        XCTAssertTrue(html.contains("<a href=\"https://example.org/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">a web link</a>"))
        XCTAssertFalse(html.contains("<img src=\"https:"), "a picture on the web is not loaded")

        let data = try HTMLInspection.dataBlock(in: html)
        XCTAssertEqual((data["module"] as? [String: Any])?["title"] as? String, "Fish & chips </script><script>alert(\"x\")</script>")
        let block = HTMLInspection.matches(#"id="coursepack-data">(.*?)</script>"#, in: html).first ?? ""
        XCTAssertFalse(block.contains("<"), "no < inside the data block")
        XCTAssertTrue(block.contains("\\u003c/script\\u003e"))
    }

    func testMissingMediaIsAnError() throws {
        let page = """
            ---
            title: Start
            ---

            ```image
            src: media/missing.png
            alt: Nothing
            ```

            """
        let module = try RenderFixtures.module(pages: [("01-start", page)])
        defer { withExtendedLifetime(module) {} }
        let strings = try RenderFixtures.strings(at: module.root)
        XCTAssertThrowsError(try RenderFixtures.render(strings, locales: ["en"])) { error in
            XCTAssertTrue("\(error)".contains("media/missing.png"), "\(error)")
        }
    }

    func testPagesWithoutTheirOwnHeadingStillStartWithTheTitle() throws {
        let page = """
            ---
            title: Start
            ---

            ### Deep first

            Text.

            # Another top heading

            ## Below it

            """
        let module = try RenderFixtures.module(pages: [("01-start", page)])
        let strings = try RenderFixtures.strings(at: module.root)
        let html = try RenderFixtures.render(strings, locales: ["en"]).document("en")
        XCTAssertEqual(HTMLInspection.headingLevelsBySection(html), [[1, 2, 2, 3]])
        withExtendedLifetime(module) {}
    }
}
