/// Escaping for the two places text goes in HTML. Everything the renderer writes passes through one
/// of these, or through `JSONValue.scriptElementText` for the data block.
enum HTMLEscaping {
    /// Text between tags: `&`, `<` and `>` (the last so that no `]]>` or `-->` can form).
    static func text(_ value: String) -> String {
        escape(value, quotes: false)
    }

    /// A double-quoted attribute value: also `"`; `'` too, so a value is safe in either quoting.
    static func attribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    private static func escape(_ value: String, quotes: Bool) -> String {
        var needed = false
        for byte in value.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x00
            || (quotes && (byte == 0x22 || byte == 0x27)) {
            needed = true
            break
        }
        guard needed else { return value }
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&#39;"
            case "\u{0}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Builds an HTML fragment: tags with attributes in the order given (so output is deterministic),
/// text escaped on the way in.
struct HTMLBuilder {
    private(set) var html = ""

    /// An attribute; a nil value leaves it out, an empty string writes a boolean attribute (`controls`).
    typealias Attribute = (name: String, value: String?)

    mutating func open(_ tag: String, _ attributes: [Attribute] = []) {
        html += "<" + tag
        for (name, value) in attributes {
            guard let value else { continue }
            html += value.isEmpty && Self.booleanAttributes.contains(name)
                ? " " + name
                : " " + name + "=\"" + HTMLEscaping.attribute(value) + "\""
        }
        html += ">"
    }

    mutating func close(_ tag: String) {
        html += "</" + tag + ">"
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
        html += HTMLEscaping.text(value)
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
