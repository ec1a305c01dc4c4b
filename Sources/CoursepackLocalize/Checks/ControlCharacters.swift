/// Characters no translation may hold unless its source does: C0 and C1 control characters (a tab and
/// a line break excepted), DEL and Unicode noncharacters. They come from a bad byte in a tool or a
/// copy from a terminal; a page shows them as boxes or not at all, and a NUL stops every reader of
/// the table.
extension TranslationChecker {
    static func controlCharacters(source: String, target: String) -> [TranslationIssue] {
        var found: [Unicode.Scalar] = []
        var position = 0
        var first = 0
        for scalar in target.unicodeScalars {
            position += 1
            guard ControlCharacters.isRefused(scalar), !found.contains(scalar), !source.unicodeScalars.contains(scalar) else { continue }
            if found.isEmpty { first = position }
            found.append(scalar)
        }
        guard !found.isEmpty else { return [] }
        let names = found.map(ControlCharacters.describe).joined(separator: ", ")
        return [TranslationIssue(check: .controlCharacters, severity: .error,
                                 message: "the translation holds the control character\(found.count == 1 ? "" : "s") \(names) (first at character \(first)); remove \(found.count == 1 ? "it" : "them")")]
    }
}

public enum ControlCharacters {
    /// Whether a translation may not hold `scalar` (unless its source does).
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A }
        if value < 0x7F { return false }
        if value <= 0x9F { return true }                            // DEL and C1
        if (0xFDD0...0xFDEF).contains(value) { return true }        // noncharacters
        return value & 0xFFFE == 0xFFFE                             // U+FFFE, U+FFFF, U+1FFFE...
    }

    /// Whether `text` holds a refused character: one pass over its bytes for the usual text.
    public static func contains(in text: String) -> Bool {
        var copy = text
        let suspect = copy.withUTF8 { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
            bytes.contains(where: mayStartRefused)
        }
        return suspect && text.unicodeScalars.contains(where: isRefused)
    }

    /// Whether a UTF-8 byte may begin a refused character: a control byte, or the lead byte of C1
    /// (`C2`), of U+FDD0–U+FFFF (`EF`) or of a plane beyond the first (`F0`–`F4`).
    private static func mayStartRefused(_ byte: UInt8) -> Bool {
        if byte < 0x20 || byte == 0x7F { return true }
        return byte == 0xC2 || byte == 0xEF || byte >= 0xF0
    }

    /// `U+0000 (NUL)`, `U+0085`.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        let names: [UInt32: String] = [0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"]
        return "U+\(hex)" + (names[scalar.value].map { " (\($0))" } ?? "")
    }

    /// `text` without its refused characters (those `source` has excepted).
    public static func removed(from text: String, keeping source: String = "") -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isRefused(scalar) || source.unicodeScalars.contains(scalar) { result.append(scalar) }
        return String(result)
    }
}
