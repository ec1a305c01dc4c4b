@testable import CoursepackLocalize

/// The inline scanner as it was before it read bytes: it worked on an array of Unicode scalars. Kept
/// here, unchanged but for its name, as the reference the byte scanner must agree with on every input.
enum ReferenceInlineMarkup {
    static func tokenize(_ text: String) -> [InlineToken] {
        if text.isEmpty { return [] }
        var scanner = ReferenceInlineScanner(text)
        return scanner.run()
    }
}

struct ReferenceInlineScanner {
    let scalars: [Unicode.Scalar]
    var index = 0
    var tokens: [InlineToken] = []
    /// Where the text not yet emitted starts: text is always the run of scalars up to `index`, taken
    /// whole when flushed instead of appended one scalar at a time.
    var pendingStart: Int?
    var hasPending: Bool { pendingStart.map { $0 < index } ?? false }
    var nextID = 1
    /// Open paired codes, innermost last: (token index, marker, id, kind).
    var openStack: [(tokenIndex: Int, marker: String, id: Int, kind: InlineCodeKind)] = []

    /// The text's UTF-8 bytes, and where each scalar starts in them: pieces of text are cut from the
    /// bytes in one copy instead of being rebuilt scalar by scalar.
    let utf8: [UInt8]
    let offsets: [Int]

    init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(text.utf8.count)
        offsets.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
        utf8 = Array(text.utf8)
    }

    mutating func run() -> [InlineToken] {
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\" where index + 1 < scalars.count:
                beginPending()
                index += 2
            case "`":
                if !codeSpan() { literalRun(of: "`") }
            case "{":
                if !placeholder() { literal() }
            case "<":
                if !angle() { literal() }
            case "!" where peek(1) == "[":
                if !image() { literal() }
            case "[":
                openPair(marker: "[", kind: .link, length: 1)
            case "]":
                if !closeLink() { unpairBracket() }
            case "*", "_":
                delimiterRun(scalar)
            case "~" where peek(1) == "~":
                togglePair(marker: "~~", kind: .strikethrough)
            default:
                literal()
            }
        }
        flush()
        // Openings never closed are plain text after all (an HTML tag stays a tag, standalone).
        demote(openStack[...])
        openStack.removeAll()
        return renumber(merge(tokens))
    }

    func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func beginPending() {
        if pendingStart == nil { pendingStart = index }
    }

    mutating func literal() {
        beginPending()
        index += 1
    }

    /// A run of one character, all as text (an unmatched run of backticks is literal as a whole).
    mutating func literalRun(of scalar: Unicode.Scalar) {
        let length = runLength(of: scalar)
        beginPending()
        index += length
    }

    /// Openings left unclosed when their enclosing pair closes: Markdown markers become text, HTML
    /// opening tags standalone tags; in either case the text renders as it was written.
    mutating func demote(_ opens: ArraySlice<(tokenIndex: Int, marker: String, id: Int, kind: InlineCodeKind)>) {
        for open in opens {
            let token = tokens[open.tokenIndex]
            tokens[open.tokenIndex] = open.kind == .html
                ? .standalone(id: open.id, kind: .html, markup: token.markup) : .text(token.markup)
        }
    }

    func isWhitespace(_ position: Int) -> Bool {
        guard position >= 0, position < scalars.count else { return true }
        return scalars[position].properties.isWhitespace
    }

    func isAlphanumeric(_ position: Int) -> Bool {
        guard position >= 0, position < scalars.count else { return false }
        let properties = scalars[position].properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    mutating func flush() {
        if let start = pendingStart, start < index { tokens.append(.text(string(start..<index))) }
        pendingStart = nil
    }

    mutating func emit(_ token: InlineToken) {
        flush()
        tokens.append(token)
    }

    mutating func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    func runLength(of scalar: Unicode.Scalar) -> Int {
        var length = 0
        while index + length < scalars.count, scalars[index + length] == scalar { length += 1 }
        return length
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: utf8[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
    }

    /// `` `code` `` with any number of backticks.
    mutating func codeSpan() -> Bool {
        let ticks = runLength(of: "`")
        var cursor = index + ticks
        while cursor < scalars.count {
            if scalars[cursor] == "`" {
                var run = 0
                while cursor + run < scalars.count, scalars[cursor + run] == "`" { run += 1 }
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
    mutating func placeholder() -> Bool {
        var cursor = index + 1
        while cursor < scalars.count, scalars[cursor].properties.isAlphabetic || ("0"..."9").contains(scalars[cursor])
                || scalars[cursor] == "_" || scalars[cursor] == "-" { cursor += 1 }
        guard cursor < scalars.count, scalars[cursor] == "}", cursor > index + 1 else { return false }
        emit(.standalone(id: takeID(), kind: .placeholder, markup: string(index..<(cursor + 1))))
        index = cursor + 1
        return true
    }

    /// `<https://...>` autolinks and HTML tags; a paired tag becomes open/close.
    mutating func angle() -> Bool {
        guard let end = (index + 1..<scalars.count).first(where: { scalars[$0] == ">" || scalars[$0] == "<" }),
              scalars[end] == ">" else { return false }
        let inner = string((index + 1)..<end)
        let markup = "<" + inner + ">"
        guard let first = inner.unicodeScalars.first else { return false }
        let isEmail = inner.contains("@") && !inner.contains(" ") && !inner.contains("=") && !inner.hasPrefix("/")
        if (inner.contains(":") || isEmail) && !inner.contains(" ") && first.properties.isAlphabetic {
            emit(.standalone(id: takeID(), kind: .autolink, markup: markup))
        } else if first == "/" {
            let name = tagName(inner.dropFirst())
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
            let name = tagName(Substring(inner))
            if inner.hasSuffix("/") || voidElements.contains(name) {
                emit(.standalone(id: takeID(), kind: name == "br" ? .lineBreak : .html, markup: markup))
            } else {
                flush()
                let id = takeID()
                openStack.append((tokens.count, name, id, .html))
                tokens.append(.open(id: id, kind: .html, markup: markup))
            }
        } else {
            return false
        }
        index = end + 1
        return true
    }

    func tagName(_ text: Substring) -> String {
        String(text.prefix { $0.isLetter || $0.isNumber }).lowercased()
    }

    let voidElements: Set<String> = ["br", "hr", "img", "wbr", "input", "meta", "link", "source", "track"]

    /// `![alt](src)` as one protected code: alternative text inside Markdown images stays untranslated here.
    mutating func image() -> Bool {
        guard let close = matchingBracket(from: index + 2), close + 1 < scalars.count, scalars[close + 1] == "(",
              let end = matchingParen(from: close + 1) else { return false }
        emit(.standalone(id: takeID(), kind: .image, markup: string(index..<(end + 1))))
        index = end + 1
        return true
    }

    mutating func openPair(marker: String, kind: InlineCodeKind, length: Int) {
        flush()
        let id = takeID()
        openStack.append((tokens.count, marker, id, kind))
        tokens.append(.open(id: id, kind: kind, markup: marker))
        index += length
    }

    /// `](destination)` closes the innermost `[`.
    mutating func closeLink() -> Bool {
        guard let position = openStack.lastIndex(where: { $0.kind == .link }), peek(1) == "(",
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
    mutating func unpairBracket() {
        if let position = openStack.lastIndex(where: { $0.kind == .link }) {
            let open = openStack.remove(at: position)
            tokens[open.tokenIndex] = .text(open.marker)
        }
        literal()
    }

    /// A run of `*` or `_`: closes the innermost openings of the same character it can (`***` closes
    /// `*` then `**`), then opens with what is left (`***` opens `**` then `*`), else stays text.
    /// `_` inside a word (`snake_case`) neither opens nor closes, as in CommonMark.
    mutating func delimiterRun(_ scalar: Unicode.Scalar) {
        let run = runLength(of: scalar)
        let character = String(scalar)
        let intraword = scalar == "_" && isAlphanumeric(index - 1) && isAlphanumeric(index + run)
        let canClose = !isWhitespace(index - 1) && !intraword
        let canOpen = !isWhitespace(index + run) && !intraword
        var remaining = run
        if canClose {
            while remaining > 0,
                  let position = openStack.lastIndex(where: { $0.kind != .html && $0.kind != .link && $0.marker.hasPrefix(character) }),
                  openStack[position].marker.unicodeScalars.count <= remaining {
                let open = openStack[position]
                // An opening right before this run would make an empty pair: not a pair.
                if open.tokenIndex == tokens.count - 1 && !hasPending { break }
                demote(openStack[(position + 1)...])
                openStack.removeSubrange(position...)
                let length = open.marker.unicodeScalars.count
                emit(.close(id: open.id, kind: open.kind, markup: open.marker))
                index += length
                remaining -= length
            }
        }
        while remaining > 0 {
            let length = min(remaining, 2)
            let marker = String(repeating: character, count: length)
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
    mutating func togglePair(marker: String, kind: InlineCodeKind) {
        let length = marker.unicodeScalars.count
        if let position = openStack.lastIndex(where: { $0.marker == marker && $0.kind == kind }), !isWhitespace(index - 1) {
            demote(openStack[(position + 1)...])
            let open = openStack[position]
            openStack.removeSubrange(position...)
            emit(.close(id: open.id, kind: kind, markup: marker))
            index += length
        } else if !isWhitespace(index + length) {
            openPair(marker: marker, kind: kind, length: length)
        } else {
            beginPending()
            index += length
        }
    }

    func matchingBracket(from start: Int) -> Int? {
        var depth = 0
        var cursor = start
        while cursor < scalars.count {
            switch scalars[cursor] {
            case "\\": cursor += 1
            case "[": depth += 1
            case "]":
                if depth == 0 { return cursor }
                depth -= 1
            default: break
            }
            cursor += 1
        }
        return nil
    }

    func matchingParen(from open: Int) -> Int? {
        var depth = 0
        var cursor = open
        while cursor < scalars.count {
            switch scalars[cursor] {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return cursor }
            case "\n": return nil
            default: break
            }
            cursor += 1
        }
        return nil
    }

    /// Ids 1, 2, 3... in order of appearance, without the gaps markers that turned out to be text leave.
    func renumber(_ tokens: [InlineToken]) -> [InlineToken] {
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
    func merge(_ tokens: [InlineToken]) -> [InlineToken] {
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
