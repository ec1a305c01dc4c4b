/// A small XML writer for the manifests: elements are opened and closed in order, text and attribute
/// values are escaped, and characters XML 1.0 cannot carry are dropped. The output is indented by two
/// spaces and ends with a newline, so that manifests read well and diff well.
struct XMLText {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var open: [String] = []

    /// Attributes in the order given; a nil value leaves the attribute out.
    typealias Attributes = KeyValuePairs<String, String?>

    mutating func start(_ name: String, _ attributes: Attributes = [:]) {
        text += indentation + "<" + name + Self.render(attributes) + ">\n"
        open.append(name)
    }

    mutating func end() {
        let name = open.removeLast()
        text += indentation + "</" + name + ">\n"
    }

    mutating func element(_ name: String, _ attributes: Attributes = [:], text content: String) {
        text += indentation + "<" + name + Self.render(attributes) + ">" + Self.escape(content) + "</" + name + ">\n"
    }

    mutating func empty(_ name: String, _ attributes: Attributes = [:]) {
        text += indentation + "<" + name + Self.render(attributes) + "/>\n"
    }

    /// The document, once every element is closed.
    var document: String {
        precondition(open.isEmpty, "unclosed XML elements: \(open)")
        return text
    }

    private var indentation: String { String(repeating: "  ", count: open.count) }

    private static func render(_ attributes: Attributes) -> String {
        var result = ""
        for (name, value) in attributes {
            guard let value else { continue }
            result += " " + name + "=\"" + escape(value, inAttribute: true) + "\""
        }
        return result
    }

    static func escape(_ value: String, inAttribute: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where inAttribute: result += "&quot;"
            // A literal line break in an attribute would be normalised to a space by a parser.
            case "\n" where inAttribute: result += "&#10;"
            case "\t" where inAttribute: result += "&#9;"
            case "\r": result += "&#13;"
            default:
                guard isAllowed(scalar) else { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// XML 1.0's Char production.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
