/// Escaping for the two places text goes in HTML. Everything the renderer writes passes through one
/// of these, or through `JSONValue.scriptElementText` for the data block.
public enum HTMLEscaping {
    /// Text between tags: `&`, `<` and `>` (the last so that no `]]>` or `-->` can form).
    public static func text(_ value: String) -> String {
        var out = ""
        append(value, quotes: false, to: &out)
        return out
    }

    /// A double-quoted attribute value: also `"`; `'` too, so a value is safe in either quoting.
    public static func attribute(_ value: String) -> String {
        var out = ""
        append(value, quotes: true, to: &out)
        return out
    }

    /// Appends `value` escaped; the runs between characters that need escaping are copied whole
    /// (a whole document's text passes through here).
    static func append(_ value: String, quotes: Bool, to out: inout String) {
        let utf8 = value.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index < utf8.endIndex {
            let replacement: String
            switch utf8[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\"") where quotes: replacement = "&quot;"
            case UInt8(ascii: "'") where quotes: replacement = "&#39;"
            case 0x00: replacement = "\u{FFFD}"
            default:
                index = utf8.index(after: index)
                continue
            }
            out += value[runStart..<index]
            out += replacement
            index = utf8.index(after: index)
            runStart = index
        }
        out += value[runStart..<utf8.endIndex]
    }
}

/// Builds an HTML fragment: tags with attributes in the order given (so output is deterministic),
/// text escaped on the way in.
struct HTMLBuilder {
    private(set) var html = ""

    /// An attribute; a nil value leaves it out, an empty string writes a boolean attribute (`controls`).
    typealias Attribute = (name: String, value: String?)

    mutating func open(_ tag: String, _ attributes: [Attribute] = []) {
        html += "<"
        html += tag
        for (name, value) in attributes {
            guard let value else { continue }
            html += " "
            html += name
            if value.isEmpty && Self.booleanAttributes.contains(name) { continue }
            html += "=\""
            HTMLEscaping.append(value, quotes: true, to: &html)
            html += "\""
        }
        html += ">"
    }

    mutating func close(_ tag: String) {
        html += "</"
        html += tag
        html += ">"
    }

    /// An element with text content.
    mutating func element(_ tag: String, _ attributes: [Attribute] = [], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// An element whose content another builder call writes.
    mutating func element(_ tag: String, _ attributes: [Attribute] = [], _ content: (inout HTMLBuilder) -> Void) {
        open(tag, attributes)
        content(&self)
        close(tag)
    }

    mutating func text(_ value: String) {
        HTMLEscaping.append(value, quotes: false, to: &html)
    }

    /// Markup this renderer made itself (already escaped).
    mutating func raw(_ markup: String) {
        html += markup
    }

    mutating func newline() {
        html += "\n"
    }

    static let booleanAttributes: Set<String> = [
        "controls", "defer", "download", "open", "hidden", "required", "disabled", "selected", "checked", "multiple",
        "default", "playsinline",
    ]
}
