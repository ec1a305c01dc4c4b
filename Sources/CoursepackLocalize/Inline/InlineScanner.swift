/// A small scanner for the inline syntax translators meet: it is not a full CommonMark parser, it
/// recognises what must be protected.
///
/// It reads the text's UTF-8 bytes in place. Every character that starts, ends or pairs a code is
/// ASCII, and a byte below 0x80 is always a whole character in UTF-8 (the bytes of longer characters
/// are all 0x80 and above), so positions are byte offsets and pieces of text are cut from the bytes
/// as they are. The few rules that look at a whole character (whitespace and letters beside `*` and
/// `_`, letters in a `{placeholder}`) decode the one character they need.
struct InlineScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var tokens: [InlineToken] = []
    /// Where the text not yet emitted starts: text is always the run of bytes up to `index`, taken
    /// whole when flushed.
    private var pendingStart: Int?
    private var hasPending: Bool { pendingStart.map { $0 < index } ?? false }
    private var nextID = 1
    /// Open paired codes, innermost last.
    private var openStack: [Opening] = []

    private struct Opening {
        var tokenIndex: Int
        var marker: String
        var id: Int
        var kind: InlineCodeKind
    }

    /// The bytes the syntax is made of.
    private enum ASCII {
        static let backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`"), openBrace = UInt8(ascii: "{")
        static let closeBrace = UInt8(ascii: "}"), less = UInt8(ascii: "<"), greater = UInt8(ascii: ">")
        static let bang = UInt8(ascii: "!"), openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
        static let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")"), star = UInt8(ascii: "*")
        static let underscore = UInt8(ascii: "_"), tilde = UInt8(ascii: "~"), hyphen = UInt8(ascii: "-")
        static let newline = UInt8(ascii: "\n")
    }

    /// The tokens of `bytes`, which must be valid UTF-8 (as every String's are).
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> [InlineToken] {
        var scanner = InlineScanner(bytes: bytes)
        return scanner.run()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func run() -> [InlineToken] {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case ASCII.backslash where index + 1 < bytes.count:
                // The escaped character is text, whole (it may take several bytes).
                beginPending()
                index += 1 + Self.length(ofCharacterStartingWith: bytes[index + 1])
            case ASCII.backtick:
                if !codeSpan() { literalRun(of: ASCII.backtick) }
            case ASCII.openBrace:
                if !placeholder() { literal() }
            case ASCII.less:
                if !angle() { literal() }
            case ASCII.bang where peek(1) == ASCII.openBracket:
                if !image() { literal() }
            case ASCII.openBracket:
                openPair(marker: "[", kind: .link, length: 1)
            case ASCII.closeBracket:
                if !closeLink() { unpairBracket() }
            case ASCII.star, ASCII.underscore:
                delimiterRun(byte)
            case ASCII.tilde where peek(1) == ASCII.tilde:
                togglePair(marker: "~~", kind: .strikethrough)
            default:
                literal()
            }
        }
        flush()
        // Openings never closed are plain text after all (an HTML tag stays a tag, standalone).
        demote(openStack[...])
        openStack.removeAll()
        return Self.numberedInOrder(Self.merged(tokens))
    }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func beginPending() {
        if pendingStart == nil { pendingStart = index }
    }

    private mutating func literal() {
        beginPending()
        index += 1
    }

    /// A run of one character, all as text (an unmatched run of backticks is literal as a whole).
    private mutating func literalRun(of byte: UInt8) {
        let length = runLength(of: byte)
        beginPending()
        index += length
    }

    /// Openings left unclosed when their enclosing pair closes: Markdown markers become text, HTML
    /// opening tags standalone tags; in either case the text renders as it was written.
    private mutating func demote(_ opens: ArraySlice<Opening>) {
        for open in opens {
            let token = tokens[open.tokenIndex]
            tokens[open.tokenIndex] = open.kind == .html
                ? .standalone(id: open.id, kind: .html, markup: token.markup) : .text(token.markup)
        }
    }

    // MARK: Characters around a position

    /// How many bytes the UTF-8 character starting with `lead` takes.
    private static func length(ofCharacterStartingWith lead: UInt8) -> Int {
        switch lead {
        case ..<0x80: return 1
        case ..<0xE0: return 2
        case ..<0xF0: return 3
        default: return 4
        }
    }

    /// The character whose first byte is at `start`.
    private func character(at start: Int) -> Unicode.Scalar {
        let lead = bytes[start]
        if lead < 0x80 { return Unicode.Scalar(lead) }
        let length = Self.length(ofCharacterStartingWith: lead)
        var value = UInt32(lead) & (0x7F >> length)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[start + offset] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The character that ends just before `end`.
    private func character(before end: Int) -> Unicode.Scalar {
        var start = end - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return character(at: start)
    }

    /// Whether the character before `position` is whitespace; the start of the text counts as whitespace.
    private func isWhitespace(before position: Int) -> Bool {
        position <= 0 || character(before: position).properties.isWhitespace
    }

    /// Whether the character at `position` is whitespace; the end of the text counts as whitespace.
    private func isWhitespace(at position: Int) -> Bool {
        position >= bytes.count || character(at: position).properties.isWhitespace
    }

    private static func isAlphanumeric(_ character: Unicode.Scalar) -> Bool {
        let properties = character.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    private func isAlphanumeric(before position: Int) -> Bool {
        position > 0 && Self.isAlphanumeric(character(before: position))
    }

    private func isAlphanumeric(at position: Int) -> Bool {
        position < bytes.count && Self.isAlphanumeric(character(at: position))
    }

    // MARK: Tokens

    private mutating func flush() {
        if let start = pendingStart, start < index { tokens.append(.text(string(start..<index))) }
        pendingStart = nil
    }

    private mutating func emit(_ token: InlineToken) {
        flush()
        tokens.append(token)
    }

    private mutating func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    private func runLength(of byte: UInt8) -> Int {
        var length = 0
        while index + length < bytes.count, bytes[index + length] == byte { length += 1 }
        return length
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: Codes

    /// `` `code` `` with any number of backticks.
    private mutating func codeSpan() -> Bool {
        let ticks = runLength(of: ASCII.backtick)
        var cursor = index + ticks
        while cursor < bytes.count {
            if bytes[cursor] == ASCII.backtick {
                var run = 0
                while cursor + run < bytes.count, bytes[cursor + run] == ASCII.backtick { run += 1 }
                if run == ticks {
                    emit(.standalone(id: takeID(), kind: .code, markup: string(index..<(cursor + run))))
                    index = cursor + run
                    return true
                }
                cursor += run
            } else {
                cursor += 1
            }
        }
        return false
    }

    /// `{name}`: letters, digits, `_` and `-`, as the interface messages use them.
    private mutating func placeholder() -> Bool {
        var cursor = index + 1
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte < 0x80 {
                guard (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                        || byte == ASCII.underscore || byte == ASCII.hyphen else { break }
                cursor += 1
            } else {
                guard character(at: cursor).properties.isAlphabetic else { break }
                cursor += Self.length(ofCharacterStartingWith: byte)
            }
        }
        guard cursor < bytes.count, bytes[cursor] == ASCII.closeBrace, cursor > index + 1 else { return false }
        emit(.standalone(id: takeID(), kind: .placeholder, markup: string(index..<(cursor + 1))))
        index = cursor + 1
        return true
    }

    /// `<https://...>` autolinks and HTML tags; a paired tag becomes open/close.
    private mutating func angle() -> Bool {
        var end = index + 1
        while end < bytes.count && bytes[end] != ASCII.greater && bytes[end] != ASCII.less { end += 1 }
        guard end < bytes.count, bytes[end] == ASCII.greater else { return false }
        let inner = string((index + 1)..<end)
        let markup = "<" + inner + ">"
        guard let first = inner.unicodeScalars.first else { return false }
        let isEmail = inner.contains("@") && !inner.contains(" ") && !inner.contains("=") && !inner.hasPrefix("/")
        if (inner.contains(":") || isEmail) && !inner.contains(" ") && first.properties.isAlphabetic {
            emit(.standalone(id: takeID(), kind: .autolink, markup: markup))
        } else if first == "/" {
            let name = Self.tagName(inner.dropFirst())
            guard !name.isEmpty else { return false }
            if let position = openStack.lastIndex(where: { $0.kind == .html && $0.marker == name }) {
                let open = openStack[position]
                demote(openStack[(position + 1)...])
                openStack.removeSubrange(position...)
                emit(.close(id: open.id, kind: .html, markup: markup))
            } else {
                emit(.standalone(id: takeID(), kind: .html, markup: markup))
            }
        } else if first.properties.isAlphabetic {
            let name = Self.tagName(Substring(inner))
            if inner.hasSuffix("/") || Self.voidElements.contains(name) {
                emit(.standalone(id: takeID(), kind: name == "br" ? .lineBreak : .html, markup: markup))
            } else {
                flush()
                let id = takeID()
                openStack.append(Opening(tokenIndex: tokens.count, marker: name, id: id, kind: .html))
                tokens.append(.open(id: id, kind: .html, markup: markup))
            }
        } else {
            return false
        }
        index = end + 1
        return true
    }

    private static func tagName(_ text: Substring) -> String {
        String(text.prefix { $0.isLetter || $0.isNumber }).lowercased()
    }

    private static let voidElements: Set<String> = ["br", "hr", "img", "wbr", "input", "meta", "link", "source", "track"]

    /// `![alt](src)` as one protected code: alternative text inside Markdown images stays untranslated here.
    private mutating func image() -> Bool {
        guard let close = matchingBracket(from: index + 2), close + 1 < bytes.count, bytes[close + 1] == ASCII.openParen,
              let end = matchingParen(from: close + 1) else { return false }
        emit(.standalone(id: takeID(), kind: .image, markup: string(index..<(end + 1))))
        index = end + 1
        return true
    }

    private mutating func openPair(marker: String, kind: InlineCodeKind, length: Int) {
        flush()
        let id = takeID()
        openStack.append(Opening(tokenIndex: tokens.count, marker: marker, id: id, kind: kind))
        tokens.append(.open(id: id, kind: kind, markup: marker))
        index += length
    }

    /// `](destination)` closes the innermost `[`.
    private mutating func closeLink() -> Bool {
        guard let position = openStack.lastIndex(where: { $0.kind == .link }), peek(1) == ASCII.openParen,
              let end = matchingParen(from: index + 1) else { return false }
        // Pairs opened inside the link text and not closed there are text.
        demote(openStack[(position + 1)...])
        let open = openStack[position]
        openStack.removeSubrange(position...)
        emit(.close(id: open.id, kind: .link, markup: string(index..<(end + 1))))
        index = end + 1
        return true
    }

    /// A `]` not followed by `(`: it matches the innermost `[`, which is text then (`[sic]`), so that an
    /// enclosing link still finds its own `[`.
    private mutating func unpairBracket() {
        if let position = openStack.lastIndex(where: { $0.kind == .link }) {
            let open = openStack.remove(at: position)
            tokens[open.tokenIndex] = .text(open.marker)
        }
        literal()
    }

    /// A run of `*` or `_`: closes the innermost openings of the same character it can (`***` closes
    /// `*` then `**`), then opens with what is left (`***` opens `**` then `*`), else stays text.
    /// `_` inside a word (`snake_case`) neither opens nor closes, as in CommonMark.
    private mutating func delimiterRun(_ byte: UInt8) {
        let run = runLength(of: byte)
        let character = byte == ASCII.star ? "*" : "_"
        let intraword = byte == ASCII.underscore && isAlphanumeric(before: index) && isAlphanumeric(at: index + run)
        let canClose = !isWhitespace(before: index) && !intraword
        let canOpen = !isWhitespace(at: index + run) && !intraword
        var remaining = run
        if canClose {
            // Markers are ASCII: their length in bytes is their length in characters.
            while remaining > 0,
                  let position = openStack.lastIndex(where: { $0.kind != .html && $0.kind != .link && $0.marker.hasPrefix(character) }),
                  openStack[position].marker.utf8.count <= remaining {
                let open = openStack[position]
                // An opening right before this run would make an empty pair: not a pair.
                if open.tokenIndex == tokens.count - 1 && !hasPending { break }
                demote(openStack[(position + 1)...])
                openStack.removeSubrange(position...)
                let length = open.marker.utf8.count
                emit(.close(id: open.id, kind: open.kind, markup: open.marker))
                index += length
                remaining -= length
            }
        }
        while remaining > 0 {
            let length = min(remaining, 2)
            let marker = length == 2 ? character + character : character
            if canOpen {
                openPair(marker: marker, kind: length == 2 ? .strong : .emphasis, length: length)
            } else {
                beginPending()
                index += length
            }
            remaining -= length
        }
    }

    /// `~~`: closes the innermost `~~` opening, or opens.
    private mutating func togglePair(marker: String, kind: InlineCodeKind) {
        let length = marker.utf8.count
        if let position = openStack.lastIndex(where: { $0.marker == marker && $0.kind == kind }), !isWhitespace(before: index) {
            demote(openStack[(position + 1)...])
            let open = openStack[position]
            openStack.removeSubrange(position...)
            emit(.close(id: open.id, kind: kind, markup: marker))
            index += length
        } else if !isWhitespace(at: index + length) {
            openPair(marker: marker, kind: kind, length: length)
        } else {
            beginPending()
            index += length
        }
    }

    /// The `]` that closes a bracket opened before `start`, skipping escaped characters and nested brackets.
    private func matchingBracket(from start: Int) -> Int? {
        var depth = 0
        var cursor = start
        while cursor < bytes.count {
            switch bytes[cursor] {
            case ASCII.backslash: cursor += 1   // a byte of what is escaped: never a bracket (ASCII is whole)
            case ASCII.openBracket: depth += 1
            case ASCII.closeBracket:
                if depth == 0 { return cursor }
                depth -= 1
            default: break
            }
            cursor += 1
        }
        return nil
    }

    /// The `)` that closes the `(` at `open`, on the same line.
    private func matchingParen(from open: Int) -> Int? {
        var depth = 0
        var cursor = open
        while cursor < bytes.count {
            switch bytes[cursor] {
            case ASCII.openParen: depth += 1
            case ASCII.closeParen:
                depth -= 1
                if depth == 0 { return cursor }
            case ASCII.newline: return nil
            default: break
            }
            cursor += 1
        }
        return nil
    }

    // MARK: Finishing

    /// Ids 1, 2, 3... in order of appearance, without the gaps markers that turned out to be text leave.
    private static func numberedInOrder(_ tokens: [InlineToken]) -> [InlineToken] {
        // Usually nothing turned into text and the ids are in order already: no new array then.
        var next = 1
        let inOrder = tokens.allSatisfy { token in
            switch token {
            case .text: return true
            case .open(let id, _, _), .standalone(let id, _, _):
                defer { next += 1 }
                return id == next
            case .close(let id, _, _): return id < next
            }
        }
        if inOrder { return tokens }
        var ids: [Int: Int] = [:]
        func id(_ old: Int) -> Int {
            if let new = ids[old] { return new }
            ids[old] = ids.count + 1
            return ids.count
        }
        return tokens.map { token in
            switch token {
            case .text: return token
            case .open(let old, let kind, let markup): return .open(id: id(old), kind: kind, markup: markup)
            case .close(let old, let kind, let markup): return .close(id: id(old), kind: kind, markup: markup)
            case .standalone(let old, let kind, let markup): return .standalone(id: id(old), kind: kind, markup: markup)
            }
        }
    }

    /// Adjacent text tokens (left by markers that turned out to be text) become one.
    private static func merged(_ tokens: [InlineToken]) -> [InlineToken] {
        let alreadyMerged = zip(tokens, tokens.dropFirst()).allSatisfy { !($0.isText && $1.isText) }
            && !tokens.contains(.text(""))
        if alreadyMerged { return tokens }
        var merged: [InlineToken] = []
        for token in tokens {
            if case .text(let next) = token, case .text(let previous)? = merged.last {
                merged[merged.count - 1] = .text(previous + next)
            } else if case .text(let text) = token, text.isEmpty {
                continue
            } else {
                merged.append(token)
            }
        }
        return merged
    }
}
