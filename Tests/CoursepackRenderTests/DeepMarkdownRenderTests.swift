@testable import CoursepackRender
import CoursepackLoad
import Foundation
import XCTest

/// Markdown nested thousands of levels deep (in a page the loader refuses, or in a translated text it
/// never saw) must render without exhausting the stack: below `MarkdownLimits.depth` the tree is kept,
/// deeper nodes become their plain text.
final class DeepMarkdownRenderTests: XCTestCase {
    /// Runs `body` on a thread with a worker's small stack (512 KB), where the renderer runs in `pack`.
    private func onSmallStack(_ body: @escaping @Sendable () -> Void) {
        let done = expectation(description: "rendered")
        let thread = Thread {
            body()
            done.fulfill()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        wait(for: [done], timeout: 60)
    }

    private static func depth(_ blocks: [MarkdownBlock]) -> Int {
        blocks.map { block -> Int in
            switch block {
            case .blockQuote(let children): return 1 + depth(children)
            case .list(_, _, _, let items): return 1 + (items.map(depth).max() ?? 0)
            case .paragraph(let inlines, _), .heading(_, let inlines, _): return 1 + depth(inlines)
            default: return 1
            }
        }.max() ?? 0
    }

    private static func depth(_ inlines: [MarkdownInline]) -> Int {
        inlines.map { inline -> Int in
            switch inline {
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .link(_, _, let children), .image(_, _, let children): return 1 + depth(children)
            default: return 1
            }
        }.max() ?? 0
    }

    func testDeepBlockQuotesListsAndEmphasisAreCutToTheLimit() {
        let inputs = [String(repeating: ">", count: 5_000) + " deep quote\n",
                      String(repeating: "- ", count: 10_000) + "deep list\n",
                      String(repeating: "*a ", count: 20_000) + "deep emphasis" + String(repeating: " a*", count: 20_000) + "\n"]
        nonisolated(unsafe) var depths: [Int] = []
        nonisolated(unsafe) var texts: [String] = []
        onSmallStack {
            for input in inputs {
                let blocks = MarkdownParser.parse(input)
                depths.append(Self.depth(blocks))
                texts.append("\(blocks)")
            }
            _ = MarkdownParser.parseInline(String(repeating: "*a ", count: 20_000) + "x" + String(repeating: " a*", count: 20_000))
        }
        XCTAssertEqual(depths.count, 3)
        for depth in depths { XCTAssertLessThanOrEqual(depth, 2 * MarkdownLimits.depth + 2) }
        XCTAssertTrue(texts[0].contains("deep quote"))
        XCTAssertTrue(texts[1].contains("deep list"))
        XCTAssertTrue(texts[2].contains("deep emphasis"))
    }
}
