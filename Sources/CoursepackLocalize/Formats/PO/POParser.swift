/// Reads PO and POT files: every keyword, comment kind, multi-line string and escape gettext writes.
public enum POParser {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let message: String
        public let line: Int
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws(Failure) -> POFile {
        var file = POFile()
        var entry = Builder()
        var sawHeader = false
        var lineNumber = 0

        func finish() throws(Failure) {
            guard entry.hasContent else { entry = Builder(); return }
            let built = try entry.build()
            if built.id.isEmpty && built.context == nil && !sawHeader && !built.obsolete {
                sawHeader = true
                file.headerComments = built.translatorComments
                file.header = parseHeader(built.strings.first ?? "")
            } else {
                file.entries.append(built)
            }
            entry = Builder()
        }

        // Split on bytes: PO files of a large module run to tens of megabytes, and splitting a String by
        // Character costs several times more.
        for rawLine in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty { try finish(); continue }
            if trimmed.hasPrefix("#~") {
                // An obsolete entry: the same syntax behind `#~ `.
                entry.obsolete = true
                let rest = trimmed.dropFirst(2).drop { $0 == " " }
                if rest.hasPrefix("|") {
                    try entry.previous(rest.dropFirst().drop { $0 == " " }, line: lineNumber)
                } else if !rest.isEmpty {
                    try entry.keywordLine(rest, line: lineNumber)
                }
                continue
            }
            if trimmed.hasPrefix("#") {
                if entry.started { try finish() }
                let marker = trimmed.dropFirst().first
                let body = String(trimmed.dropFirst(2).drop { $0 == " " })
                switch marker {
                case ".": entry.entry.extractedComments.append(body)
                case ":": entry.entry.references.append(body)
                case ",": entry.entry.flags += body.split(separator: ",").map { $0.trimmingCharactersInSpaces() }.filter { !$0.isEmpty }
                case "|": try entry.previous(trimmed.dropFirst(2).drop { $0 == " " }, line: lineNumber)
                case nil: entry.entry.translatorComments.append("")
                default: entry.entry.translatorComments.append(String(trimmed.dropFirst().drop { $0 == " " }))
                }
                entry.hasComments = true
                continue
            }
            try entry.keywordLine(trimmed, line: lineNumber)
        }
        try finish()
        return file
    }

    static func parseHeader(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: "\n").compactMap { (line: Substring) -> (key: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value: Substring = line[line.index(after: colon)...]
            return (String(line[..<colon]), value.trimmingCharactersInSpaces())
        }
    }

    /// Collects one entry's lines.
    private struct Builder {
        var entry = POEntry(context: nil, id: "", strings: [])
        var id: String?
        var strings: [Int: String] = [:]
        var current: WritableKeyPath<Builder, String?>?
        var currentIndex: Int?
        var context: String?
        var idPlural: String?
        var previousContext: String?
        var previousID: String?
        var previousIDPlural: String?
        var previousCurrent: WritableKeyPath<Builder, String?>?
        var obsolete = false
        var hasComments = false
        var idLine = 0
        var stringLine = 0

        var started: Bool { id != nil || context != nil }
        var hasContent: Bool { started || hasComments }

        mutating func keywordLine(_ line: Substring, line number: Int) throws(Failure) {
            previousCurrent = nil
            if line.hasPrefix("\"") {
                let text = try unquote(line, line: number)
                if let index = currentIndex {
                    strings[index, default: ""] += text
                } else if let current {
                    self[keyPath: current] = (self[keyPath: current] ?? "") + text
                } else {
                    throw Failure(message: "a string with no keyword before it", line: number)
                }
                return
            }
            // Bytes, not Characters: this runs for every line of files of tens of megabytes.
            guard let space = line.utf8.firstIndex(where: { $0 == 0x20 || $0 == 0x09 }) else {
                throw Failure(message: "expected a keyword and a quoted string", line: number)
            }
            let keyword = line[..<space]
            var rest = line[space...]
            while let first = rest.utf8.first, first == 0x20 || first == 0x09 { rest = rest.dropFirst() }
            let value = try unquote(rest, line: number)
            currentIndex = nil
            let bytes = keyword.utf8
            if bytes.elementsEqual("msgid".utf8) {
                if id != nil { throw Failure(message: "a second msgid in one entry (is a blank line missing?)", line: number) }
                id = value; current = \.id; idLine = number
            } else if bytes.elementsEqual("msgstr".utf8) {
                strings[0] = value; currentIndex = 0; current = nil; stringLine = number
            } else if bytes.elementsEqual("msgctxt".utf8) {
                context = value; current = \.context
            } else if bytes.elementsEqual("msgid_plural".utf8) {
                idPlural = value; current = \.idPlural
            } else {
                if keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"), let index = Int(keyword.dropFirst(7).dropLast()), index >= 0, index < 16 {
                    strings[index] = value
                    currentIndex = index
                    if index == 0 { stringLine = number }
                    current = nil
                } else {
                    throw Failure(message: "unknown keyword '\(keyword)'", line: number)
                }
            }
        }

        mutating func previous(_ line: Substring, line number: Int) throws(Failure) {
            if line.hasPrefix("\"") {
                guard let previousCurrent else { throw Failure(message: "a '#|' string with no keyword before it", line: number) }
                self[keyPath: previousCurrent] = (self[keyPath: previousCurrent] ?? "") + (try unquote(line, line: number))
                return
            }
            guard let space = line.firstIndex(of: " ") else { throw Failure(message: "expected '#| msgid \"...\"'", line: number) }
            let value = try unquote(line[space...].drop { $0 == " " }, line: number)
            switch line[..<space] {
            case "msgctxt": previousContext = value; previousCurrent = \.previousContext
            case "msgid": previousID = value; previousCurrent = \.previousID
            case "msgid_plural": previousIDPlural = value; previousCurrent = \.previousIDPlural
            default: throw Failure(message: "unknown keyword after '#|'", line: number)
            }
        }

        func build() throws(Failure) -> POEntry {
            guard let id else { throw Failure(message: "an entry without msgid", line: idLine) }
            var built = entry
            built.context = context
            built.id = id
            built.idPlural = idPlural
            let count = (strings.keys.max() ?? -1) + 1
            guard strings.count == count, count > 0 else {
                throw Failure(message: count == 0 ? "msgid without msgstr" : "plural forms are not numbered 0, 1, 2...", line: idLine)
            }
            built.strings = (0..<count).map { strings[$0]! }
            built.previousContext = previousContext
            built.previousID = previousID
            built.previousIDPlural = previousIDPlural
            built.obsolete = obsolete
            built.line = idLine
            built.translationLine = stringLine
            return built
        }
    }

    static func unquote(_ text: Substring, line: Int) throws(Failure) -> String {
        // Most strings have no escape: take them whole.
        var bytes = text.utf8[...]
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        if bytes.count >= 2, bytes.first == 0x22, bytes.last == 0x22 {
            let inner = bytes.dropFirst().dropLast()
            if !inner.contains(0x5C), !inner.contains(0x22) { return String(Substring(inner)) }
        }
        var scalars = text.unicodeScalars[...]
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else {
            throw Failure(message: "a string must be in double quotes", line: line)
        }
        var out = ""
        var iterator = scalars.dropFirst().dropLast().makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\"" { throw Failure(message: "a quote inside a string must be written \\\"", line: line) }
            guard scalar == "\\" else { out.unicodeScalars.append(scalar); continue }
            switch iterator.next() {
            case "n": out += "\n"
            case "t": out += "\t"
            case "r": out += "\r"
            case "\"": out += "\""
            case "\\": out += "\\"
            case "a": out += "\u{07}"
            case "b": out += "\u{08}"
            case "f": out += "\u{0C}"
            case "v": out += "\u{0B}"
            default: throw Failure(message: "an unknown escape after '\\'", line: line)
            }
        }
        return out
    }
}

extension StringProtocol {
    func trimmingCharactersInSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
