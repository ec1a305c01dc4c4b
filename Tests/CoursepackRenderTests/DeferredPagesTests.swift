@testable import CoursepackRender
import CoursepackLocalize
import Foundation
import XCTest

/// Every page after the first is written inside a `<noscript>` in its section (docs/package-layout.md):
/// a browser with script reads it as text and builds nothing, so a long module is ready with its first
/// page; without script it shows as ordinary markup.
final class DeferredPagesTests: XCTestCase {
    private func rendered(_ pages: [(id: String, text: String)]) throws -> String {
        let module = try RenderFixtures.module(pages: pages)
        let strings = try RenderFixtures.strings(at: module.root)
        return try RenderFixtures.render(strings, locales: ["en"], target: .web).document("en")
    }

    func testPagesAfterTheFirstAreKeptAsNoscriptText() throws {
        let html = try rendered([("01-one", "---\ntitle: One\n---\n\nFirst page.\n"),
                                 ("02-two", "---\ntitle: Two\n---\n\nSecond page with a [link](01-one.md).\n"),
                                 ("03-three", "---\ntitle: Three\n---\n\nThird page.\n")])
        let sections = HTMLInspection.matches(#"(<section class="cp-page"[^>]*>\n(?:<noscript>)?)"#, in: html)
        XCTAssertEqual(sections.count, 3, html)
        XCTAssertFalse(sections[0].hasSuffix("<noscript>"), "the first page is built at once")
        XCTAssertTrue(sections[1].hasSuffix("<noscript>") && sections[2].hasSuffix("<noscript>"), "the others wait")
        XCTAssertTrue(html.contains("<noscript><h1 id=\"page-02-two-title\""), html)
        XCTAssertTrue(html.contains("</noscript>\n</section>"), html)
        // the head shows every page when there is no script
        XCTAssertTrue(html.contains("<noscript><style>.no-js .cp-page ~ .cp-page { display: block; }</style></noscript>"))
        XCTAssertEqual(HTMLInspection.nestingProblems(html), [])
    }

    func testTheScanFindsAClosingNoscriptInAnyCase() {
        XCTAssertTrue(PageHTML.closesNoscript("<p>a</NoScript >"))
        XCTAssertTrue(PageHTML.closesNoscript("</noscript"))
        XCTAssertFalse(PageHTML.closesNoscript("<p>&lt;/noscript&gt;</p><noscript>"))
        XCTAssertFalse(PageHTML.closesNoscript("</noscrip"))
        XCTAssertFalse(PageHTML.closesNoscript("<</ noscript>"))
    }

    func testAPageThatCouldCloseTheNoscriptEarlyIsWrittenAsItStands() throws {
        // escaped text never can: the words stay words
        let html = try rendered([("01-one", "---\ntitle: One\n---\n\nFirst.\n"),
                                 ("02-two", "---\ntitle: Two\n---\n\nType `</noscript>` to end it.\n")])
        XCTAssertTrue(html.contains("&lt;/noscript&gt;"), html)
        XCTAssertEqual(HTMLInspection.matches(#"(</noscript>)"#, in: html).count, 2, "the head's and page two's own")
    }
}
