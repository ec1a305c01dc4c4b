import XCTest
@testable import CoursepackLocalize

/// The byte scanner (with its shortcut for strings without markup) against the scalar scanner it
/// replaced (`ReferenceInlineMarkup`): the same tokens for every input, above all around characters
/// of several bytes, where a byte offset and a character index part ways.
final class InlineScannerAgreementTests: XCTestCase {
    func assertAgrees(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let tokens = InlineMarkup.tokenize(text)
        let reference = ReferenceInlineMarkup.tokenize(text)
        XCTAssertEqual(tokens, reference, "tokens of \(text.debugDescription)", file: file, line: line)
    }

    static let multibyte = [
        // Right to left, with markup at either end and between words.
        "**اتصل بـ 112** الآن", "اتصل *بـ* 112", "[العنوان](02-address.md) هنا", "שלום _עולם_", "{count} صفحة متبقية",
        "\u{200F}**نص**\u{200F}", "به `۱۱۲` زنگ بزنید",
        // Emoji, with skin tones and joiners, right beside delimiters.
        "😀**emoji**👍🏽", "**😀**", "*👨‍👩‍👧*", "_🇩🇪_", "[👍](x.md)", "`😀`", "\\😀*a*", "~~🙂~~",
        // Combining marks: a delimiter after a base letter and its mark.
        "e\u{301}*x*", "e\u{301}_x_", "a_e\u{301}_b", "**e\u{301}**", "n\u{303}_", "_\u{301}a_",
        // Whitespace that is not ASCII around delimiters: they neither open nor close next to it.
        "a\u{00A0}*b*\u{00A0}c", "a *\u{00A0}b*", "a\u{3000}**b**", "**b**\u{2003}", "x\u{2028}*y*", "~~\u{00A0}x~~",
        // Letters and digits of other scripts around `_`, which is intraword between them.
        "größe_straße_name", "ä_ö_ü", "٣_٤", "日本_語_", "snake_日本", "x_١", "Σ_σ_",
        // Placeholders: letters of any script, ASCII digits only.
        "{größe}", "{数}", "{٣}", "{a٣}", "{name-é}", "{é", "{😀}", "{Zähler} Seiten",
        // Escapes in front of characters of several bytes.
        "\\é*x*", "\\😀", "a\\", "\\\u{301}", "[a\\]é](u)", "![a\\ü](b.png)", "[x\\😀](y)",
        // HTML and autolinks with characters of several bytes.
        "<b>fett</b> ünd <i>kursiv</i>", "<span title=\"ü\">ä</span>", "<ä>", "<https://例え.jp>", "<mailto:ü@x.de>",
        "<b>ä", "</ä>", "<br>ü<br/>", "<em>😀</em>", "a <ü b> c",
        // Links and images whose text or destination holds such characters.
        "[ሰላም](02-address.md \"ኣድራሻ\")", "![ካርታ](images/map.png)", "[a [ü] c](url)", "[ü](x(ü).md)", "[ü](x\nü)",
        // Code spans around characters of several bytes.
        "``ü ` ä``", "`` ü ` b", "`ü", "ü`",
    ]

    func testTrickyStrings() {
        for text in InlineMarkupTests.tricky + Self.multibyte { assertAgrees(text) }
    }

    func testEveryShortCombinationOfMarkersAndWideCharacters() {
        // Every string of up to 4 characters from markers, ASCII and characters of 2, 3 and 4 bytes,
        // a combining mark and non-ASCII whitespace.
        let alphabet = ["*", "_", "~", "`", "[", "]", "(", ")", "<", ">", "!", "{", "}", "\\", "a", " ",
                        "ü", "ش", "語", "😀", "\u{301}", "\u{00A0}"]
        var strings = [""]
        for _ in 1...4 {
            strings = strings.flatMap { prefix in alphabet.map { prefix + $0 } }
            for text in strings where InlineMarkup.tokenize(text) != ReferenceInlineMarkup.tokenize(text) {
                XCTFail("tokens of \(text.debugDescription)")
                return
            }
        }
    }

    func testRandomSentences() {
        // Longer strings than the exhaustive test reaches, from words and markup, with a fixed seed.
        let pieces = ["Call", " ", "112", "**", "*", "_", "__", "~~", "`", "[", "](02-address.md)", "]", "(", ")", "![",
                      "<b>", "</b>", "<br>", "<https://example.org>", "{count}", "{", "}", "\\", "\n", "ü", "اتصل",
                      "😀", "e\u{301}", "\u{00A0}", "語", "snake_case", "!", "<", ">"]
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...14, using: &generator)
            let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            if InlineMarkup.tokenize(text) != ReferenceInlineMarkup.tokenize(text) {
                XCTFail("tokens of \(text.debugDescription)")
                return
            }
        }
    }

    func testTheShortcutForPlainStringsSeesEveryCodeStart() {
        // A string the shortcut calls plain must be one piece of text to the full scanner.
        for byte in UInt8(0x20)..<0x7F {
            let character = String(UnicodeScalar(byte))
            for text in ["a\(character)b", "\(character)x\(character)", "\(character)\(character)x\(character)\(character)"] {
                assertAgrees(text)
            }
        }
    }
}

/// A small deterministic generator (SplitMix64) for reproducible random inputs.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
