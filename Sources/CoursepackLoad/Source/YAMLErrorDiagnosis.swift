import Yams

/// Turns libyaml's terse complaints into a diagnostic with the place and a hint a person can act on.
extension YAMLReader {
    func diagnostic(for error: YamlError, in text: String) -> Diagnostic {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKeyDiagnostic(keys: duplicates, firstAt: context.mark, in: text)
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return syntaxDiagnostic(problem: problem, context: context, at: mark, in: text)
        case .reader(let problem, _, _, _):
            return Diagnostic(.notUTF8, at: location(line: 1, column: 1),
                              "this YAML cannot be decoded: \(problem)",
                              hint: "save the file as UTF-8")
        default:
            return Diagnostic(.invalidYAML, at: location(line: 1, column: 1), "this YAML cannot be read: \(error)")
        }
    }

    private func syntaxDiagnostic(problem: String, context: YamlError.Context?, at mark: Mark, in text: String) -> Diagnostic {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // libyaml often reports the position after the real fault (end of line, next line): look for a tab
        // on the reported line and the one before it, which is the most common cause by far.
        for lineNumber in [mark.line, mark.line - 1] where lineNumber >= 1 && lineNumber <= lines.count {
            let line = lines[lineNumber - 1]
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            if let tab = indentation.firstIndex(of: "\t") {
                let column = line.unicodeScalars.distance(from: line.startIndex, to: tab) + 1
                return Diagnostic(.invalidYAML, at: location(line: lineNumber, column: column),
                                  "a tab is used for indentation; YAML only allows spaces",
                                  hint: "replace the tab with spaces (two per level is usual)")
            }
        }
        let phrase: String
        let hint: String
        var mark = mark
        switch problem {
        case let p where p.contains("mapping values are not allowed"):
            phrase = "a ':' where YAML does not expect one"
            hint = "check the indentation of this line, or quote the text if it contains ': ' (for example \"Note: bring your passport\")"
        case let p where p.contains("did not find expected key"), let p where p.contains("did not find expected '-' indicator"):
            phrase = "this line is not indented like its neighbours"
            hint = "fields of one mapping, and items of one list, must start in the same column"
        case let p where p.contains("found character that cannot start any token"):
            phrase = "a character that cannot start a YAML value"
            hint = "quote the text (\"...\") if it starts with a character such as '@', '`' or '%'"
        case let p where p.contains("found unexpected end of stream"), let p where p.contains("found unknown escape"):
            // The end of the file is no help: point at the quote that was opened.
            if let context, context.text.contains("quoted scalar") { mark = context.mark }
            phrase = "a quoted text that is not closed, or holds an unknown escape"
            hint = "close the quote on the same line; inside double quotes write \\\" for a quote and \\\\ for a backslash"
        case let p where p.contains("did not find expected node content"):
            phrase = "a value is missing here"
            hint = "write a value after the ':' or the '-', or quote it"
        case let p where p.contains("block sequence entries are not allowed"):
            phrase = "a list item where a value was expected"
            hint = "start the list on the next line, indented under its key"
        default:
            phrase = problem
            hint = context.map { "while \($0.text)" } ?? "check the YAML syntax on this line"
        }
        return Diagnostic(.invalidYAML, at: location(line: mark.line, column: mark.column),
                          "invalid YAML: \(phrase)", hint: hint)
    }

    /// Yams reports the first occurrence; the author needs to see the second one, the one to remove.
    private func duplicateKeyDiagnostic(keys: [String], firstAt mark: Mark, in text: String) -> Diagnostic {
        let key = keys.first ?? "?"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = mark.column - 1
        var found = (line: mark.line, column: mark.column)
        var lineNumber = mark.line + 1
        while lineNumber <= lines.count {
            let line = lines[lineNumber - 1]
            let leading = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(leading)
            if leading == indent, rest.hasPrefix("\(key):") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
                found = (lineNumber, leading + 1)
                break
            }
            if leading < indent, !rest.isEmpty, !rest.hasPrefix("#") { break }
            lineNumber += 1
        }
        let list = keys.map { "'\($0)'" }.joined(separator: ", ")
        return Diagnostic(.duplicateKey, at: location(line: found.line, column: found.column),
                          "the key \(list) appears twice in the same mapping (first on line \(mark.line + lineOffset))",
                          hint: "keep one of them; YAML would silently use only one value")
    }
}
