/// Writes PO files the way gettext does, without line wrapping: one entry's change is one hunk in a
/// git diff, and `msgfmt -c` accepts the result.
public enum POWriter {
    public static func write(_ file: POFile) -> String {
        var out = ""
        for comment in file.headerComments { out += "# \(comment)\n".replacingOccurrences(of: "# \n", with: "#\n") }
        out += "msgid \"\"\n"
        out += "msgstr \"\"\n"
        for field in file.header { out += quote("\(field.key): \(field.value)\n") + "\n" }
        for entry in file.entries {
            out += "\n"
            write(entry, into: &out)
        }
        return out
    }

    static func write(_ entry: POEntry, into out: inout String) {
        for comment in entry.translatorComments { out += comment.isEmpty ? "#\n" : "# \(comment)\n" }
        for comment in entry.extractedComments { out += "#. \(comment)\n" }
        for reference in entry.references { out += "#: \(reference)\n" }
        if !entry.flags.isEmpty { out += "#, \(entry.flags.joined(separator: ", "))\n" }
        let prefix = entry.obsolete ? "#~ " : ""
        if let previous = entry.previousContext { out += keyword("#| msgctxt", previous, linePrefix: "#| ") }
        if let previous = entry.previousID { out += keyword("#| msgid", previous, linePrefix: "#| ") }
        if let previous = entry.previousIDPlural { out += keyword("#| msgid_plural", previous, linePrefix: "#| ") }
        if let context = entry.context { out += keyword(prefix + "msgctxt", context, linePrefix: prefix) }
        out += keyword(prefix + "msgid", entry.id, linePrefix: prefix)
        if let plural = entry.idPlural {
            out += keyword(prefix + "msgid_plural", plural, linePrefix: prefix)
            for (index, string) in entry.strings.enumerated() {
                out += keyword(prefix + "msgstr[\(index)]", string, linePrefix: prefix)
            }
        } else {
            out += keyword(prefix + "msgstr", entry.strings.first ?? "", linePrefix: prefix)
        }
    }

    /// `keyword "text"`, or for text with line breaks gettext's form: `keyword ""` then one line each.
    private static func keyword(_ keyword: String, _ text: String, linePrefix: String) -> String {
        guard text.contains("\n"), text != "\n" else { return "\(keyword) \(quote(text))\n" }
        var out = "\(keyword) \"\"\n"
        var rest = Substring(text)
        while let newline = rest.firstIndex(of: "\n") {
            out += linePrefix + quote(String(rest[...newline])) + "\n"
            rest = rest[rest.index(after: newline)...]
        }
        if !rest.isEmpty { out += linePrefix + quote(String(rest)) + "\n" }
        return out
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
