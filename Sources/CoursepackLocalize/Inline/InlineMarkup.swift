/// The inline codes of a translatable text: Markdown markup, inline HTML and `{placeholders}`, which a
/// translation must keep while it translates the words between them.
///
/// Exchange formats protect them (`<pc>`/`<ph>` in XLIFF 2.0, `<g>`/`<x>` in XLIFF 1.2) and the
/// checks compare them between source and translation. `InlineMarkup.render(tokenize(s)) == s` for
/// every string.
public enum InlineToken: Sendable, Hashable {
    case text(String)
    /// The opening of a paired code: `**`, `[`, `<b>`. `id` pairs it with its `close`.
    case open(id: Int, kind: InlineCodeKind, markup: String)
    /// The closing of a paired code: `**`, `](02-address.md)`, `</b>`.
    case close(id: Int, kind: InlineCodeKind, markup: String)
    /// A code with nothing to translate inside: `` `code` ``, `{count}`, `<br>`, `![alt](src)`, `<https://...>`.
    case standalone(id: Int, kind: InlineCodeKind, markup: String)

    public var isText: Bool {
        if case .text = self { return true }
        return false
    }

    public var markup: String {
        switch self {
        case .text(let text): return text
        case .open(_, _, let markup), .close(_, _, let markup), .standalone(_, _, let markup): return markup
        }
    }

    public var codeID: Int? {
        switch self {
        case .text: return nil
        case .open(let id, _, _), .close(let id, _, _), .standalone(let id, _, _): return id
        }
    }

    public var kind: InlineCodeKind? {
        switch self {
        case .text: return nil
        case .open(_, let kind, _), .close(_, let kind, _), .standalone(_, let kind, _): return kind
        }
    }
}

/// What an inline code is, for the exchange formats' `type`/`ctype` and for messages.
public enum InlineCodeKind: String, Sendable, Hashable, CaseIterable {
    case strong, emphasis, strikethrough, link, code, image, autolink, html, placeholder, lineBreak = "line-break"

    /// A phrase for messages: "a link", "bold text".
    public var phrase: String {
        switch self {
        case .strong: return "bold text"
        case .emphasis: return "italic text"
        case .strikethrough: return "struck-through text"
        case .link: return "a link"
        case .code: return "inline code"
        case .image: return "an image"
        case .autolink: return "a web address"
        case .html: return "an HTML tag"
        case .placeholder: return "a placeholder"
        case .lineBreak: return "a line break"
        }
    }
}

public enum InlineMarkup {
    /// Splits a text into words and inline codes. Unpaired markers (a lone `**`) stay text, so a
    /// translation that breaks a pair shows up as a difference in codes.
    public static func tokenize(_ text: String) -> [InlineToken] {
        var contiguous = text
        return contiguous.withUTF8 { bytes in
            // Most strings hold no character that can start a code: they are one piece of text.
            guard mayHoldCodes(bytes) else { return text.isEmpty ? [] : [.text(text)] }
            return InlineScanner.tokenize(bytes)
        }
    }

    public static func render(_ tokens: [InlineToken]) -> String {
        tokens.map(\.markup).joined()
    }

    /// Whether the text holds a byte that can begin a code: `\\`, backtick, `{`, `<`, `[`, `*`, `_`, `~`.
    /// (`!` begins an image and `]` ends a link only with a `[`, which is on the list.)
    static func mayHoldCodes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.firstIndex(in: bytes, wordMayMatch: { word in
            ByteSearch.word(word, has: 0x5C) || ByteSearch.word(word, has: 0x60) || ByteSearch.word(word, has: 0x7B)
                || ByteSearch.word(word, has: 0x3C) || ByteSearch.word(word, has: 0x5B) || ByteSearch.word(word, has: 0x2A)
                || ByteSearch.word(word, has: 0x5F) || ByteSearch.word(word, has: 0x7E)
        }, matches: { byte in
            switch byte {
            case 0x5C, 0x60, 0x7B, 0x3C, 0x5B, 0x2A, 0x5F, 0x7E: return true
            default: return false
            }
        }) != nil
    }

    /// The words only, without codes: for counting words and for translation-memory matching.
    public static func plainText(_ text: String) -> String {
        tokenize(text).compactMap { token -> String? in
            if case .text(let words) = token { return words }
            if case .standalone(_, .placeholder, let markup) = token { return markup }
            return nil
        }.joined()
    }
}
