import Yams

/// Resolves a YAML scalar with the YAML 1.2 core schema.
enum YAMLScalar {
    static func resolve(_ scalar: Node.Scalar) -> SourceValue.Kind {
        let text = scalar.string
        // Quoted and block scalars are always text; an explicit tag other than the core ones is text too.
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        return resolvePlain(text)
    }

    static func resolvePlain(_ text: String) -> SourceValue.Kind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39) else { return .string(text) }
        if isDecimalInteger(text), let value = Int(text) { return .integer(value) }
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return .integer(value) }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return .integer(value) }
        if isFloat(text), let value = Double(text) { return .double(value) }
        return .string(text)
    }

    private static func isDecimalInteger(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float.
    private static func isFloat(_ text: String) -> Bool {
        var digitsBefore = 0, digitsAfter = 0, sawDot = false, sawExponent = false, exponentDigits = 0
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if index == 0 { continue }
                if sawExponent && exponentDigits == 0 { continue }
                return false
            case 0x30...0x39:
                if sawExponent { exponentDigits += 1 } else if sawDot { digitsAfter += 1 } else { digitsBefore += 1 }
            case UInt8(ascii: "."):
                if sawDot || sawExponent { return false }
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if sawExponent || digitsBefore + digitsAfter == 0 { return false }
                sawExponent = true
            default:
                return false
            }
        }
        if sawExponent && exponentDigits == 0 { return false }
        return digitsBefore > 0 || digitsAfter > 0
    }
}
