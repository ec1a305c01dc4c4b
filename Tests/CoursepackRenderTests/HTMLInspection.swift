import Foundation
import XCTest

/// Small readers of the renderer's own output: enough to check ids, headings, references and the data
/// block without a full HTML parser.
enum HTMLInspection {
    static func matches(_ pattern: String, in text: String, group: Int = 1) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    static func ids(in html: String) -> [String] {
        matches(#"\sid="([^"]*)""#, in: html)
    }

    /// The JSON of the `coursepack-data` block, parsed.
    static func dataBlock(in html: String) throws -> [String: Any] {
        let json = try XCTUnwrap(matches(#"<script type="application/json" id="coursepack-data">(.*?)</script>"#, in: html).first,
                                 "no data block")
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try XCTUnwrap(value as? [String: Any])
    }

    /// The document without its data block: what a reader of the page can see in the markup.
    static func markupWithoutData(_ html: String) -> String {
        let regex = try! NSRegularExpression(pattern: #"<script type="application/json" id="coursepack-data">.*?</script>"#,
                                             options: [.dotMatchesLineSeparators])
        return regex.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "")
    }

    /// Each page section's heading levels, in order.
    static func headingLevelsBySection(_ html: String) -> [[Int]] {
        matches(#"<section class="cp-page"(.*?)</section>"#, in: html).map { section in
            matches(#"<h([1-6])[\s>]"#, in: section).compactMap { Int($0) }
        }
    }

    static let voidElements: Set<String> = ["meta", "link", "img", "input", "br", "wbr", "hr", "track", "source"]

    /// Problems with the nesting of tags: every non-void element closed, in order. Script contents are
    /// skipped (the data block is JSON).
    static func nestingProblems(_ html: String) -> [String] {
        var stack: [String] = []
        var problems: [String] = []
        let body = markupWithoutData(html)
        for tag in matches(#"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>"#, in: body, group: 0) {
            let closing = tag.hasPrefix("</")
            let name = matches(#"</?([a-zA-Z][a-zA-Z0-9]*)"#, in: tag).first!.lowercased()
            if voidElements.contains(name) { continue }
            if closing {
                guard let last = stack.popLast() else { problems.append("</\(name)> closes nothing"); continue }
                if last != name { problems.append("</\(name)> closes <\(last)>") }
            } else {
                stack.append(name)
            }
        }
        if !stack.isEmpty { problems.append("never closed: \(stack)") }
        return problems
    }
}
