/// JSON text written by hand for what the commit path sends and keeps: a record (element -> string
/// value), a reply of a few scalar fields, the runtime calls of a commit. Foundation's
/// `JSONSerialization` with `.sortedKeys` boxes every key and value (`AnyHashable`, `NSNumber`) on
/// Linux and was about a fifth of a commit's CPU under load. Keys are written sorted, so the same
/// record always gives the same text; strings are escaped as RFC 8259 requires (quote, backslash,
/// U+0000-U+001F) and U+2028/U+2029 too, which JSON allows raw but JavaScript source did not, and
/// U+FEFF, which some parsers take for a byte order mark and drop.
enum FlatJSON {
    /// A value of a reply field or of a runtime call's argument.
    enum Value: Equatable, Sendable {
        case string(String)
        case integer(Int64)
        case number(Double)
        case bool(Bool)
        case null
        case array([Value])
        case object([String: Value])
    }

    /// `{"key":"value",...}` with the keys in order.
    static func object(_ record: [String: String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(record.count * 48 + 2)
        out.append(UInt8(ascii: "{"))
        for (index, key) in record.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            appendString(record[key]!, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    static func text(_ value: Value) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .string(let string): appendString(string, to: &out)
        case .integer(let integer): out.append(contentsOf: String(integer).utf8)
        case .number(let number): appendNumber(number, to: &out)
        case .bool(let bool): out.append(contentsOf: (bool ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                append(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                append(fields[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// JSON has no NaN or infinity; a value that cannot be written is written as null rather than as text
    /// no parser reads. Whole numbers are written without a fraction, the rest in Swift's shortest form.
    static func appendNumber(_ number: Double, to out: inout [UInt8]) {
        guard number.isFinite else { out.append(contentsOf: "null".utf8); return }
        if number == number.rounded(), abs(number) < 1e15 {
            out.append(contentsOf: String(Int64(number)).utf8)
        } else {
            out.append(contentsOf: "\(number)".utf8)
        }
    }

    static func appendString(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { appendEscaped($0, to: &out) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
    private static let lineSeparator: [UInt8] = Array("\\u2028".utf8)
    private static let paragraphSeparator: [UInt8] = Array("\\u2029".utf8)
    private static let byteOrderMark: [UInt8] = Array("\\ufeff".utf8)

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0x00..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            // A Swift String is valid UTF-8: U+2028 and U+2029 are exactly E2 80 A8 and E2 80 A9.
            case 0xE2 where index + 1 < bytes.count && bytes[index] == 0x80 && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                out.append(contentsOf: bytes[index + 1] == 0xA8 ? lineSeparator : paragraphSeparator)
                index += 2
            // U+FEFF (EF BB BF): Foundation's JSONSerialization on Linux drops it raw, even inside a string.
            case 0xEF where index + 1 < bytes.count && bytes[index] == 0xBB && bytes[index + 1] == 0xBF:
                out.append(contentsOf: byteOrderMark)
                index += 2
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
