import Foundation

/// Writes XML as text, straight into a byte buffer, in exactly the layout `XMLTreeWriter` gets from
/// libxml2 (two-space indentation, `<e/>` for an empty element, the same escapes), for the exchange
/// files of large modules: building a libxml2 tree of a million nodes first costs several times more.
struct XMLTextWriter {
    private(set) var bytes: [UInt8] = []

    /// A document (starting with the XML declaration), or with `fragment` a part of one.
    init(capacity: Int = 1 << 16, fragment: Bool = false) {
        bytes.reserveCapacity(capacity)
        if !fragment { raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") }
    }

    mutating func append(_ other: XMLTextWriter) { bytes.append(contentsOf: other.bytes) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func indent(_ level: Int) {
        for _ in 0..<level { bytes.append(0x20); bytes.append(0x20) }
    }

    /// `<name a="v"...`, leaving the tag open; nil values are left out.
    mutating func open(_ name: String, _ attributes: [(String, String?)] = []) {
        bytes.append(0x3C)
        raw(name)
        for (key, value) in attributes { attribute(key, value) }
    }

    /// ` name="value"` inside an open tag; nothing for nil.
    mutating func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        bytes.append(0x20)
        raw(name)
        bytes.append(0x3D); bytes.append(0x22)
        escape(value, attribute: true)
        bytes.append(0x22)
    }

    /// An element on its own line holding only text: `<note from="...">text</note>`.
    mutating func textElement(_ name: String, level: Int, _ attributes: [(String, String?)] = [], text: String) {
        indent(level)
        open(name, attributes)
        bytes.append(0x3E)
        escape(text, attribute: false)
        close(name)
        bytes.append(0x0A)
    }

    /// `textElement` with one attribute, without building a list for it.
    mutating func textElement(_ name: String, level: Int, attribute key: String, _ value: String, text: String) {
        indent(level)
        bytes.append(0x3C)
        raw(name)
        attribute(key, value)
        bytes.append(0x3E)
        escape(text, attribute: false)
        close(name)
        bytes.append(0x0A)
    }

    mutating func close(_ name: String) {
        bytes.append(0x3C); bytes.append(0x2F)
        raw(name)
        bytes.append(0x3E)
    }

    /// Text or an attribute value, escaped as libxml2 does, without the characters XML 1.0 cannot
    /// carry (as `XMLTreeWriter.xmlSafe`).
    mutating func escape(_ text: String, attribute: Bool) {
        var text = text
        text.withUTF8 { source in
            // Most strings need no escape, and the others few: the runs between escapes are copied whole.
            var runStart = 0
            while let special = ByteSearch.firstIndex(in: source, from: runStart, wordMayMatch: Self.mayNeedEscape(word:),
                                                      matches: Self.mayNeedEscape(byte:)) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<special]))
                let byte = source[special]
                runStart = special + 1
                switch byte {
                case 0x26: raw("&amp;")
                case 0x3C: raw("&lt;")
                case 0x3E: raw("&gt;")
                case 0x22: if attribute { raw("&quot;") } else { bytes.append(byte) }
                case 0x0D: raw("&#13;")
                case 0x0A: if attribute { raw("&#10;") } else { bytes.append(byte) }
                case 0x09: if attribute { raw("&#9;") } else { bytes.append(byte) }
                case 0x00..<0x20: break   // not an XML character
                case 0xEF where special + 2 < source.count && source[special + 1] == 0xBF
                        && (source[special + 2] == 0xBE || source[special + 2] == 0xBF):
                    runStart = special + 3  // U+FFFE, U+FFFF: not XML characters
                default: bytes.append(byte)
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
        }
    }

    /// The bytes `escape` looks at: controls, `&`, `<`, `>`, `"`, and the first byte of U+FFFE and U+FFFF.
    @inline(__always)
    private static func mayNeedEscape(byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0xEF
    }

    @inline(__always)
    private static func mayNeedEscape(word: UInt64) -> Bool {
        ByteSearch.word(word, hasByteBelow: 0x20) || ByteSearch.word(word, has: 0x26) || ByteSearch.word(word, has: 0x3C)
            || ByteSearch.word(word, has: 0x3E) || ByteSearch.word(word, has: 0x22) || ByteSearch.word(word, has: 0xEF)
    }

    var data: Data { Data(bytes) }
}
