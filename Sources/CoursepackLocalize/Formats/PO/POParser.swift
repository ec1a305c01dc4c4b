import Foundation

/// Reads PO and POT files: every keyword, comment kind, multi-line string and escape gettext writes.
///
/// The reader works on the file's UTF-8 bytes, a line at a time: the tables of a large module run to
/// tens of megabytes, and every command reads them, so the common case (a string without escapes on one
/// line) costs one scan and one String.
public enum POParser {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let message: String
        public let line: Int
        public var description: String { "line \(line): \(message)" }
    }

    /// With `sourceNotes: false`, the extracted comments (`#.`) and references (`#:`) are skipped: a
    /// locale's table takes them from the template, and they are a third of its bytes.
    public static func parse(_ text: String, sourceNotes: Bool = true) throws(Failure) -> POFile {
        var text = text
        let result: Result<POFile, Failure> = text.withUTF8 { bytes in
            var reader = LineReader(bytes: bytes, sourceNotes: sourceNotes)
            do throws(Failure) { return .success(try reader.read()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    static func parseHeader(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: "\n").compactMap { (line: Substring) -> (key: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value: Substring = line[line.index(after: colon)...]
            return (String(line[..<colon]), value.trimmingCharactersInSpaces())
        }
    }

    /// Where the strings of the following continuation lines (`"..."` alone on a line) go.
    private enum Field {
        case context, id, idPlural, string(Int)
        case previousContext, previousID, previousIDPlural
    }

    private static let space: UInt8 = 0x20, tab: UInt8 = 0x09, quote: UInt8 = 0x22, backslash: UInt8 = 0x5C
    private static let hash: UInt8 = 0x23, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    /// The file's bytes and the helpers that read them; holds nothing counted, so passing it is free.
    private struct Bytes {
        let bytes: UnsafeBufferPointer<UInt8>

        func skipSpaces(_ index: Int, _ end: Int) -> Int {
            var index = index
            while index < end && (bytes[index] == space || bytes[index] == tab) { index += 1 }
            return index
        }

        func string(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<max(from, to)]), as: UTF8.self)
        }

        /// The text of a quoted string between `from` and `to` (trailing blanks allowed), escapes resolved.
        func unquote(_ from: Int, _ to: Int, line: Int) throws(Failure) -> String {
            var to = to
            while to > from && (bytes[to - 1] == space || bytes[to - 1] == tab) { to -= 1 }
            guard to - from >= 2, bytes[from] == quote, bytes[to - 1] == quote else {
                throw Failure(message: "a string must be in double quotes", line: line)
            }
            let body = UnsafeBufferPointer(rebasing: bytes[(from + 1)..<(to - 1)])
            let special = ByteSearch.firstIndex(in: body, wordMayMatch: { ByteSearch.word($0, has: backslash) || ByteSearch.word($0, has: quote) },
                                                matches: { $0 == backslash || $0 == quote })
            guard let special else { return string(from + 1, to - 1) }   // no escape: the common case
            var index = from + 1 + special
            var out: [UInt8] = []
            out.reserveCapacity(to - from)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(from + 1)..<index]))
            while index < to - 1 {
                let byte = bytes[index]
                if byte == quote { throw Failure(message: "a quote inside a string must be written \\\"", line: line) }
                guard byte == backslash else { out.append(byte); index += 1; continue }
                guard index + 1 < to - 1 else { throw Failure(message: "an unknown escape after '\\'", line: line) }
                switch bytes[index + 1] {
                case 0x6E: out.append(0x0A)        // \n
                case 0x74: out.append(0x09)        // \t
                case 0x72: out.append(0x0D)        // \r
                case quote: out.append(quote)
                case backslash: out.append(backslash)
                case 0x61: out.append(0x07)        // \a
                case 0x62: out.append(0x08)        // \b
                case 0x66: out.append(0x0C)        // \f
                case 0x76: out.append(0x0B)        // \v
                case 0x30...0x37:                  // \ooo, one to three octal digits (C, as gettext reads them)
                    var value = 0, length = 1
                    while length <= 3, index + length < to - 1, (0x30...0x37).contains(bytes[index + length]) {
                        value = value * 8 + Int(bytes[index + length] - 0x30)
                        length += 1
                    }
                    guard value < 0x100 else { throw Failure(message: "the octal escape '\\\(String(value, radix: 8))' is over \\377", line: line) }
                    out.append(UInt8(value))
                    index += length
                    continue
                case 0x78:                         // \xhh: hexadecimal, one or more digits
                    var value = 0, length = 2
                    while index + length < to - 1, let digit = hexValue(bytes[index + length]) {
                        value = value * 16 + digit
                        guard value < 0x100 else { throw Failure(message: "a hexadecimal escape over \\xff", line: line) }
                        length += 1
                    }
                    guard length > 2 else { throw Failure(message: "'\\x' without hexadecimal digits", line: line) }
                    out.append(UInt8(value))
                    index += length
                    continue
                default: throw Failure(message: "an unknown escape after '\\' (PO knows \\n \\t \\r \\\" \\\\ \\a \\b \\f \\v, octal \\ooo and hexadecimal \\xhh)", line: line)
                }
                index += 2
            }
            return String(decoding: out, as: UTF8.self)
        }

        private func hexValue(_ byte: UInt8) -> Int? {
            switch byte {
            case 0x30...0x39: return Int(byte - 0x30)
            case 0x41...0x46: return Int(byte - 0x41 + 10)
            case 0x61...0x66: return Int(byte - 0x61 + 10)
            default: return nil
            }
        }

        func keyword(_ from: Int, _ to: Int, is word: StaticString) -> Bool {
            guard to - from == word.utf8CodeUnitCount else { return false }
            let pointer = word.utf8Start
            for offset in 0..<(to - from) where bytes[from + offset] != pointer[offset] { return false }
            return true
        }
    }

    private struct LineReader {
        let source: Bytes
        var bytes: UnsafeBufferPointer<UInt8> { source.bytes }
        var file = POFile()
        var entry = EntryBuilder()
        var sawHeader = false
        var lineNumber = 0
        let sourceNotes: Bool
        /// Without source notes: where the current entry's skipped `#.` and `#:` lines are (marker,
        /// start, end), kept in case the entry turns out obsolete, whose notes nothing else holds.
        /// One array for the whole file, emptied for each entry.
        var skippedNotes: [(marker: UInt8, from: Int, to: Int)] = []

        init(bytes: UnsafeBufferPointer<UInt8>, sourceNotes: Bool) {
            source = Bytes(bytes: bytes)
            self.sourceNotes = sourceNotes
        }

        mutating func read() throws(Failure) -> POFile {
            let count = bytes.count
            var start = 0
            let base = bytes.baseAddress
            while start <= count {
                // memchr: the end of a line is found many bytes at a time.
                var end = count
                if start < count, let found = memchr(base! + start, Int32(newline), count - start) {
                    end = base!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                lineNumber += 1
                var lineEnd = end
                if lineEnd > start && bytes[lineEnd - 1] == carriageReturn { lineEnd -= 1 }
                try line(from: start, to: lineEnd)
                start = end + 1
            }
            try finish()
            return file
        }

        private func skipSpaces(_ index: Int, _ end: Int) -> Int { source.skipSpaces(index, end) }
        private func string(_ from: Int, _ to: Int) -> String { source.string(from, to) }

        private mutating func line(from lineStart: Int, to end: Int) throws(Failure) {
            let start = skipSpaces(lineStart, end)
            guard start < end else { try finish(); return }
            guard bytes[start] == hash else { try entry.keywordLine(source, start, end, line: lineNumber); return }
            if start + 1 < end && bytes[start + 1] == 0x7E {   // "#~": an obsolete entry, the same syntax behind it
                entry.obsolete = true
                let rest = skipSpaces(start + 2, end)
                if rest < end && bytes[rest] == 0x7C {
                    try entry.previous(source, skipSpaces(rest + 1, end), end, line: lineNumber)
                } else if rest < end {
                    try entry.keywordLine(source, rest, end, line: lineNumber)
                }
                return
            }
            if entry.started { try finish() }
            let marker: UInt8? = start + 1 < end ? bytes[start + 1] : nil
            let bodyStart = min(skipSpaces(start + 2, end), end)
            switch marker {
            case 0x2E where !sourceNotes, 0x3A where !sourceNotes: skippedNotes.append((marker!, bodyStart, end))
            case 0x2E: entry.entry.extractedComments.append(string(bodyStart, end))                 // "#."
            case 0x3A: entry.entry.references.append(string(bodyStart, end))                        // "#:"
            case 0x2C:                                                              // "#,"
                entry.entry.flags += string(bodyStart, end).split(separator: ",").map { $0.trimmingCharactersInSpaces() }.filter { !$0.isEmpty }
            case 0x7C: try entry.previous(source, skipSpaces(start + 2, end), end, line: lineNumber)   // "#|"
            case nil: entry.entry.translatorComments.append("")
            default: entry.entry.translatorComments.append(string(skipSpaces(start + 1, end), end))
            }
            entry.hasComments = true
        }

        private mutating func finish() throws(Failure) {
            guard entry.hasContent else { entry = EntryBuilder(); return }
            // Taken out of `entry` rather than copied: the entry's strings move into the result.
            var finished = EntryBuilder()
            swap(&finished, &entry)
            if !skippedNotes.isEmpty {
                if finished.obsolete {
                    for note in skippedNotes where note.marker == 0x2E { finished.entry.extractedComments.append(string(note.from, note.to)) }
                    for note in skippedNotes where note.marker == 0x3A { finished.entry.references.append(string(note.from, note.to)) }
                }
                skippedNotes.removeAll(keepingCapacity: true)
            }
            let built = try finished.build()
            if built.id.isEmpty && built.context == nil && !sawHeader && !built.obsolete {
                sawHeader = true
                file.headerComments = built.translatorComments
                file.header = parseHeader(built.strings.first ?? "")
            } else {
                file.entries.append(built)
            }
        }

    }

    /// Collects one entry's lines.
    private struct EntryBuilder {
        var entry = POEntry(context: nil, id: "", strings: [])
        var id: String?
        /// `msgstr`, or `msgstr[n]` at index n; `assigned` has bit n set once `msgstr[n]` was read (a
        /// plural form left out leaves a gap, filled with "" until then).
        var strings: [String] = []
        var assigned: UInt32 = 0
        var current: Field?
        var context: String?
        var idPlural: String?
        var previousContext: String?
        var previousID: String?
        var previousIDPlural: String?
        var previousCurrent: Field?
        var obsolete = false
        var hasComments = false
        var idLine = 0
        var stringLine = 0

        var started: Bool { id != nil || context != nil }
        var hasContent: Bool { started || hasComments }

        mutating func append(_ text: String, to field: Field) {
            switch field {
            case .context: context = (context ?? "") + text
            case .id: id = (id ?? "") + text
            case .idPlural: idPlural = (idPlural ?? "") + text
            case .string(let index): strings[index] += text
            case .previousContext: previousContext = (previousContext ?? "") + text
            case .previousID: previousID = (previousID ?? "") + text
            case .previousIDPlural: previousIDPlural = (previousIDPlural ?? "") + text
            }
        }

        mutating func setString(_ index: Int, _ value: String) {
            while strings.count <= index { strings.append("") }
            strings[index] = value
            assigned |= 1 << UInt32(index)
        }

        mutating func keywordLine(_ reader: Bytes, _ start: Int, _ end: Int, line number: Int) throws(Failure) {
            let bytes = reader.bytes
            previousCurrent = nil
            if bytes[start] == quote {
                let text = try reader.unquote(start, end, line: number)
                guard let current else { throw Failure(message: "a string with no keyword before it", line: number) }
                append(text, to: current)
                return
            }
            var keywordEnd = start
            while keywordEnd < end && bytes[keywordEnd] != space && bytes[keywordEnd] != tab { keywordEnd += 1 }
            guard keywordEnd < end else { throw Failure(message: "expected a keyword and a quoted string", line: number) }
            var valueStart = keywordEnd
            while valueStart < end && (bytes[valueStart] == space || bytes[valueStart] == tab) { valueStart += 1 }
            let value = try reader.unquote(valueStart, end, line: number)
            if reader.keyword(start, keywordEnd, is: "msgid") {
                if id != nil { throw Failure(message: "a second msgid in one entry (is a blank line missing?)", line: number) }
                id = value; current = .id; idLine = number
            } else if reader.keyword(start, keywordEnd, is: "msgstr") {
                setString(0, value); current = .string(0); stringLine = number
            } else if reader.keyword(start, keywordEnd, is: "msgctxt") {
                context = value; current = .context
            } else if reader.keyword(start, keywordEnd, is: "msgid_plural") {
                idPlural = value; current = .idPlural
            } else {
                let keyword = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<keywordEnd]), as: UTF8.self)
                guard keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"), let index = Int(keyword.dropFirst(7).dropLast()),
                      index >= 0, index < 16 else {
                    throw Failure(message: "unknown keyword '\(keyword)'", line: number)
                }
                setString(index, value)
                current = .string(index)
                if index == 0 { stringLine = number }
            }
        }

        mutating func previous(_ reader: Bytes, _ start: Int, _ end: Int, line number: Int) throws(Failure) {
            let bytes = reader.bytes
            if start < end && bytes[start] == quote {
                guard let previousCurrent else { throw Failure(message: "a '#|' string with no keyword before it", line: number) }
                append(try reader.unquote(start, end, line: number), to: previousCurrent)
                return
            }
            var keywordEnd = start
            while keywordEnd < end && bytes[keywordEnd] != space { keywordEnd += 1 }
            guard keywordEnd < end else { throw Failure(message: "expected '#| msgid \"...\"'", line: number) }
            var valueStart = keywordEnd
            while valueStart < end && bytes[valueStart] == space { valueStart += 1 }
            let value = try reader.unquote(valueStart, end, line: number)
            if reader.keyword(start, keywordEnd, is: "msgctxt") {
                previousContext = value; previousCurrent = .previousContext
            } else if reader.keyword(start, keywordEnd, is: "msgid") {
                previousID = value; previousCurrent = .previousID
            } else if reader.keyword(start, keywordEnd, is: "msgid_plural") {
                previousIDPlural = value; previousCurrent = .previousIDPlural
            } else {
                throw Failure(message: "unknown keyword after '#|'", line: number)
            }
        }

        consuming func build() throws(Failure) -> POEntry {
            guard let id else { throw Failure(message: "an entry without msgid", line: idLine) }
            var built = entry
            built.context = context
            built.id = id
            built.idPlural = idPlural
            guard !strings.isEmpty, assigned == (1 << UInt32(strings.count)) - 1 else {
                throw Failure(message: strings.isEmpty ? "msgid without msgstr" : "plural forms are not numbered 0, 1, 2...", line: idLine)
            }
            built.strings = strings
            built.previousContext = previousContext
            built.previousID = previousID
            built.previousIDPlural = previousIDPlural
            built.obsolete = obsolete
            built.line = idLine
            built.translationLine = stringLine
            return built
        }
    }
}

extension StringProtocol {
    func trimmingCharactersInSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
