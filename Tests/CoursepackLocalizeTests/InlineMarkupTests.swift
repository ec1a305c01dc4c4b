import XCTest
@testable import CoursepackLocalize

final class InlineMarkupTests: XCTestCase {
    /// Tokens in a compact notation: `T(text)`, `O1strong(**)`, `C1strong(**)`, `S2placeholder({count})`.
    func notation(_ text: String) -> String {
        InlineMarkup.tokenize(text).map { token -> String in
            switch token {
            case .text(let text): return "T(\(text))"
            case .open(let id, let kind, let markup): return "O\(id)\(kind.rawValue)(\(markup))"
            case .close(let id, let kind, let markup): return "C\(id)\(kind.rawValue)(\(markup))"
            case .standalone(let id, let kind, let markup): return "S\(id)\(kind.rawValue)(\(markup))"
            }
        }.joined(separator: " ")
    }

    static let tricky = [
        "", "plain text", "**Call [the *emergency* line](03-health.md#emergency-numbers)** now.",
        "Use \\*stars\\* and \\_underscores\\_ literally", "Type `**not bold**` here", "5 * 3 = 15", "2*3*4",
        "![Map of the office](images/map.png) and <https://example.org>", "{count} pages left", "{count} صفحة متبقية",
        "<b>unclosed", "[<b>x](u)", "<b>bold</b> and <br> and <span class=\"x\">s</span>", "***both***", "snake_case_name",
        "a ``b ` c`` d", "`` a ` b", "[a [b] c](url)", "[![logo](a.png)](b.html)", "<info@example.org>", "~~old~~ new",
        "**Call 112 now", "Call 112** now", "__bold__ and _it_", "[sic] text", "x **a *b** c* y", "<b>**x</b>**",
        "trailing \\", "[link](url", "![broken](", "{", "{}", "{ count }", "<", "a < b > c", "<!-- note -->",
        "****", "*", "**", "_", "~~", "~", "`", "]", "[", "](x)", "a\n*b*", "**اتصل بـ 112** الآن", "**۱۱۲** را بگیرید",
        "Зателефонуйте за номером **112**.", "**112**'yi arayın.", "ናብ **112** ደውሉ።", "[መራኸቢ](02-address.md \"ኣድራሻ\")",
        "<a href=\"https://example.org\" title=\"x > y\">site</a>", "😀 **emoji** 👍🏽", "e\u{301}*x*",
    ]

    func testRoundTripOfTrickyStrings() {
        for text in Self.tricky {
            XCTAssertEqual(InlineMarkup.render(InlineMarkup.tokenize(text)), text, "round trip of \(text.debugDescription)")
        }
    }

    func testRoundTripOfEveryShortCombinationOfMarkers() {
        // Every string of up to 4 characters from a small alphabet of markers and letters.
        let alphabet: [String] = ["*", "_", "~", "`", "[", "]", "(", ")", "<", ">", "!", "{", "}", "\\", "a", " ", "/"]
        var strings = [""]
        for _ in 1...4 {
            strings = strings.flatMap { prefix in alphabet.map { prefix + $0 } }
            for text in strings {
                let tokens = InlineMarkup.tokenize(text)
                if InlineMarkup.render(tokens) != text {
                    XCTFail("round trip of \(text.debugDescription)")
                    return
                }
            }
        }
    }

    func testIdsArePairedAndNumberedFromOne() {
        for text in Self.tricky {
            let tokens = InlineMarkup.tokenize(text)
            let ids = tokens.compactMap(\.codeID)
            var seen: [Int] = []
            for id in ids where !seen.contains(id) { seen.append(id) }
            XCTAssertEqual(seen, Array(1...max(1, seen.count)).prefix(seen.count).map { $0 }, "ids of \(text.debugDescription)")
            var open: [Int: InlineCodeKind] = [:]
            for token in tokens {
                switch token {
                case .open(let id, let kind, _):
                    XCTAssertNil(open[id])
                    open[id] = kind
                case .close(let id, let kind, _):
                    XCTAssertEqual(open.removeValue(forKey: id), kind, "close without open in \(text.debugDescription)")
                default: break
                }
            }
            XCTAssertTrue(open.isEmpty, "open without close in \(text.debugDescription)")
            // No empty or adjacent text tokens.
            for (a, b) in zip(tokens, tokens.dropFirst()) { XCTAssertFalse(a.isText && b.isText, text) }
            XCTAssertFalse(tokens.contains(.text("")))
        }
    }

    func testEmphasisNestedInALinkInBold() {
        XCTAssertEqual(notation("**Call [the *emergency* line](03-health.md#emergency-numbers)** now."),
                       "O1strong(**) T(Call ) O2link([) T(the ) O3emphasis(*) T(emergency) C3emphasis(*) T( line) "
                       + "C2link(](03-health.md#emergency-numbers)) C1strong(**) T( now.)")
    }

    func testEscapedMarkersStayText() {
        XCTAssertEqual(notation("Use \\*stars\\* literally"), "T(Use \\*stars\\* literally)")
        XCTAssertEqual(notation("\\[not a link\\](x)"), "T(\\[not a link\\](x))")
        XCTAssertEqual(notation("\\{count}"), "T(\\{count})")
    }

    func testCodeSpansProtectTheirContent() {
        XCTAssertEqual(notation("Type `**not bold**` here"), "T(Type ) S1code(`**not bold**`) T( here)")
        XCTAssertEqual(notation("a ``b ` c`` d"), "T(a ) S1code(``b ` c``) T( d)")
        // An unmatched run of backticks is text as a whole, not the start of a shorter span.
        XCTAssertEqual(notation("`` a ` b"), "T(`` a ` b)")
        XCTAssertEqual(notation("`{count}`"), "S1code(`{count}`)")
    }

    func testLoneAsterisksAndIntrawordUnderscoresAreText() {
        XCTAssertEqual(notation("5 * 3 = 15"), "T(5 * 3 = 15)")
        XCTAssertEqual(notation("snake_case_name"), "T(snake_case_name)")
        XCTAssertEqual(notation("**Call 112 now"), "T(**Call 112 now)")
        XCTAssertEqual(notation("Call 112** now"), "T(Call 112** now)")
        XCTAssertEqual(notation("* not a list"), "T(* not a list)")
    }

    func testTripleDelimitersAreBoldAndItalic() {
        XCTAssertEqual(notation("***both***"), "O1strong(**) O2emphasis(*) T(both) C2emphasis(*) C1strong(**)")
        XCTAssertEqual(notation("__bold__ and _it_"), "O1strong(__) T(bold) C1strong(__) T( and ) O2emphasis(_) T(it) C2emphasis(_)")
        XCTAssertEqual(notation("~~old~~ new"), "O1strikethrough(~~) T(old) C1strikethrough(~~) T( new)")
    }

    func testHTMLTags() {
        XCTAssertEqual(notation("<b>bold</b> and <br> and <span class=\"x\">s</span>"),
                       "O1html(<b>) T(bold) C1html(</b>) T( and ) S2line-break(<br>) T( and ) O3html(<span class=\"x\">) T(s) C3html(</span>)")
        // An opening tag never closed stays a tag (it was turned into its bare name before).
        XCTAssertEqual(notation("<b>unclosed"), "S1html(<b>) T(unclosed)")
        XCTAssertEqual(notation("[<b>x](u)"), "O1link([) S2html(<b>) T(x) C1link(](u))")
        XCTAssertEqual(notation("a </i> b"), "T(a ) S1html(</i>) T( b)")
        XCTAssertEqual(notation("<img src=\"a.png\" alt=\"x\">"), "S1html(<img src=\"a.png\" alt=\"x\">)")
        XCTAssertEqual(notation("a < b > c"), "T(a < b > c)")
    }

    func testImagesAndAutolinks() {
        XCTAssertEqual(notation("![Map of the office](images/map.png) and <https://example.org>"),
                       "S1image(![Map of the office](images/map.png)) T( and ) S2autolink(<https://example.org>)")
        XCTAssertEqual(notation("[![logo](a.png)](b.html)"), "O1link([) S2image(![logo](a.png)) C1link(](b.html))")
        XCTAssertEqual(notation("Write to <info@example.org>."), "T(Write to ) S1autolink(<info@example.org>) T(.)")
        XCTAssertEqual(notation("Wow! [x](y)"), "T(Wow! ) O1link([) T(x) C1link(](y))")
    }

    func testLinks() {
        XCTAssertEqual(notation("See [the address](02-address.md \"Address\")."),
                       "T(See ) O1link([) T(the address) C1link(](02-address.md \"Address\")) T(.)")
        // Brackets that are not a link pair among themselves, so the enclosing link keeps its own.
        XCTAssertEqual(notation("[a [b] c](url)"), "O1link([) T(a [b] c) C1link(](url))")
        XCTAssertEqual(notation("[sic] text"), "T([sic] text)")
        XCTAssertEqual(notation("[link](url"), "T([link](url)")
        XCTAssertEqual(notation("[a](x(1).md)"), "O1link([) T(a) C1link(](x(1).md))")
    }

    func testPlaceholders() {
        XCTAssertEqual(notation("{count} pages left"), "S1placeholder({count}) T( pages left)")
        XCTAssertEqual(notation("{count} صفحة متبقية"), "S1placeholder({count}) T( صفحة متبقية)")
        XCTAssertEqual(notation("{page-title} {user_name} {n2}"),
                       "S1placeholder({page-title}) T( ) S2placeholder({user_name}) T( ) S3placeholder({n2})")
        XCTAssertEqual(notation("{ count } {} {"), "T({ count } {} {)")
    }

    func testTypicalTranslatedStrings() {
        XCTAssertEqual(notation("**اتصل بـ 112** الآن"), "O1strong(**) T(اتصل بـ 112) C1strong(**) T( الآن)")
        XCTAssertEqual(notation("Зателефонуйте за номером **112**."), "T(Зателефонуйте за номером ) O1strong(**) T(112) C1strong(**) T(.)")
        XCTAssertEqual(notation("**112**'yi arayın."), "O1strong(**) T(112) C1strong(**) T('yi arayın.)")
        XCTAssertEqual(notation("[መራኸቢ](02-address.md \"ኣድራሻ\")"), "O1link([) T(መራኸቢ) C1link(](02-address.md \"ኣድራሻ\"))")
    }

    func testPlainText() {
        XCTAssertEqual(InlineMarkup.plainText("**Call [112](tel:112)** now, {name}. `code` ![x](y.png)"),
                       "Call 112 now, {name}.  ")
    }

    func testKindPhrases() {
        XCTAssertEqual(InlineCodeKind.link.phrase, "a link")
        XCTAssertEqual(InlineCodeKind.strong.phrase, "bold text")
        XCTAssertEqual(InlineCodeKind.lineBreak.rawValue, "line-break")
    }
}
