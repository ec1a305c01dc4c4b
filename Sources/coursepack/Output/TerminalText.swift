import Foundation

/// Text from a module or a package (file names, link targets, values of coursepack.json) made safe to
/// show on a terminal. Written by strangers, such text could hold escape sequences that move the cursor,
/// erase a line or recolour it, a carriage return that overwrites the start of the line, a line feed that
/// starts a line of its own ("signature valid"), or bidi controls that reorder what is read. Each is
/// shown escaped (`\e`, `\r`, `\n`, `\u{202E}`), so what the terminal shows is what the file holds.
///
/// Every command prints through here (see `Output`): the escaping happens in this one place.
enum TerminalText {
    /// One value, shown on one line: every control character escaped but the tab, which moves nothing
    /// but the column (and keeps a source line's caret in place).
    static func value(_ text: String) -> String { escaped(text, keepingLineBreaks: false) }

    /// Text made of lines (a report): line feeds and tabs kept, every other control escaped. A line feed
    /// inside a value must have been escaped with `value` when the report was made.
    static func lines(_ text: String) -> String { escaped(text, keepingLineBreaks: true) }

    /// JSON for a terminal: control characters only occur in JSON inside strings, where `\uXXXX` is the
    /// same character to a JSON reader.
    static func json(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar), scalar != "\n", scalar != "\t", scalar != "\r" {
                result.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// C0 controls, DEL, C1 controls (U+009B is CSI to many terminals) and the bidi controls.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func escaped(_ text: String, keepingLineBreaks: Bool) -> String {
        // The usual case, checked without building anything.
        guard text.unicodeScalars.contains(where: { needsEscape($0) && $0 != "\t" && !(keepingLineBreaks && $0 == "\n") }) else {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { result.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n" where keepingLineBreaks, "\t": result.unicodeScalars.append(scalar)
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\u{1B}": result += "\\e"
            default: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return result
    }
}

/// Where every command's output goes: standard output and standard error, through `TerminalText`.
enum Output {
    /// A report given line by line: each line is escaped as one value, so that a line feed inside a
    /// value (a file name, a title) cannot start a line of its own.
    static func report(lines: [String]) {
        let text = lines.map(TerminalText.value).joined(separator: "\n") + "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A report whose values were escaped by its maker, which may hold colours of our own (`TextReport`).
    static func colouredReport(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A file's text for standard output, as is (a template we make: no terminal control in it).
    static func document(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// JSON for standard output.
    static func json(_ text: String) {
        FileHandle.standardOutput.write(Data(TerminalText.json(text).utf8))
    }

    /// One line for standard output.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((TerminalText.value(text) + "\n").utf8))
    }

    /// `coursepack: error: ...` and the like, one line on standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.value(text) + "\n").utf8))
    }

    /// Text of several lines for standard error (argument parser messages, made by us).
    static func errorLines(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.lines(text) + "\n").utf8))
    }
}
