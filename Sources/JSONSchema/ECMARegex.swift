import Foundation

/// An ECMA-262 regular expression (as used by `pattern`, `patternProperties` and format "regex"),
/// translated to ICU syntax and compiled once. Matching is unanchored search, like `RegExp.test`.
final class ECMARegex: @unchecked Sendable {
    let source: String
    private let fast: FastMatcher?
    private let regex: NSRegularExpression?

    /// Common shapes answered without ICU.
    enum FastMatcher {
        case prefix(String)  // ^literal
        case contains(String)  // literal
        case everything  // "" or ".*"-like
    }

    init(_ source: String, strict: Bool = false) throws {
        self.source = source
        if let fast = ECMARegex.fastMatcher(for: source) {
            self.fast = fast
            self.regex = nil
            return
        }
        let translated = try ECMARegex.translate(source, strict: strict)
        do {
            regex = try NSRegularExpression(pattern: translated, options: [])
        } catch {
            throw SchemaError("invalid regular expression '\(source)'")
        }
        fast = nil
    }

    func matches(_ string: String) -> Bool {
        if let fast {
            switch fast {
            case .prefix(let p): return string.hasPrefix(p)
            case .contains(let p): return string.contains(p)
            case .everything: return true
            }
        }
        guard let regex else { return false }
        let ns = string as NSString
        return regex.firstMatch(in: string, options: [], range: NSRange(location: 0, length: ns.length)) != nil
    }

    private static let metaCharacters: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    static func fastMatcher(for source: String) -> FastMatcher? {
        if source.isEmpty { return .everything }
        var body = Substring(source)
        let anchored = body.hasPrefix("^")
        if anchored { body = body.dropFirst() }
        guard !body.contains(where: { metaCharacters.contains($0) }) else { return nil }
        // Literal text compared by Character would use canonical equivalence; keep to ASCII to match
        // code-point semantics exactly.
        guard body.allSatisfy({ $0.isASCII }) else { return nil }
        if body.isEmpty { return .everything }
        return anchored ? .prefix(String(body)) : .contains(String(body))
    }

    // MARK: translation

    private static let ecmaSpace =
        "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"

    /// Translates ECMA-262 syntax into ICU syntax where they differ:
    /// `\d \w \s` (and negations) are ASCII/ECMA sets, `$` only matches at the very end, `\v`, `\0`,
    /// `\u{...}`, surrogate-pair escapes, and `[` inside classes.
    static func translate(_ source: String, strict: Bool) throws -> String {
        let chars = Array(source.unicodeScalars)
        var out = ""
        var i = 0
        var inClass = false
        var classStart = false

        func hexScalar(_ s: [Unicode.Scalar], _ from: Int, _ count: Int) -> UInt32? {
            guard from + count <= s.count else { return nil }
            var v: UInt32 = 0
            for k in from..<(from + count) {
                guard s[k].isASCII, let d = UInt32(String(s[k]), radix: 16) else { return nil }
                v = v * 16 + d
            }
            return v
        }

        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                guard i + 1 < chars.count else { throw SchemaError("invalid regular expression '\(source)': trailing backslash") }
                let e = chars[i + 1]
                i += 2
                switch e {
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "D": out += "[^0-9]"
                case "w": out += inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"
                case "W": out += "[^a-zA-Z0-9_]"
                case "s": out += inClass ? ecmaSpace : "[" + ecmaSpace + "]"
                case "S": out += "[^" + ecmaSpace + "]"
                case "b": out += inClass ? "\\x{08}" : "\\b"
                case "B": out += inClass ? "B" : "\\B"
                case "v": out += "\\x{0B}"
                case "f", "n", "r", "t": out += "\\" + String(e)
                case "0":
                    if i < chars.count, ("0"..."9").contains(chars[i]) {
                        if strict { throw SchemaError("invalid regular expression '\(source)': octal escape") }
                        out += "\\0"
                    } else {
                        out += "\\x{0}"
                    }
                case "1"..."9":
                    if inClass {
                        if strict { throw SchemaError("invalid regular expression '\(source)': backreference in class") }
                        out += "\\" + String(e)
                    } else {
                        out += "\\" + String(e)
                    }
                case "c":
                    if i < chars.count, chars[i].isASCII, chars[i].properties.isAlphabetic {
                        out += "\\c" + String(chars[i])
                        i += 1
                    } else {
                        if strict { throw SchemaError("invalid regular expression '\(source)': invalid \\c escape") }
                        out += "\\\\c"
                    }
                case "x":
                    if let v = hexScalar(chars, i, 2) {
                        out += "\\x{" + String(v, radix: 16) + "}"
                        i += 2
                    } else {
                        if strict { throw SchemaError("invalid regular expression '\(source)': invalid \\x escape") }
                        out += "x"
                    }
                case "u":
                    if i < chars.count, chars[i] == "{" {
                        guard let close = chars[i...].firstIndex(of: "}"), close > i + 1,
                            let v = hexScalar(chars, i + 1, close - i - 1), v <= 0x10FFFF
                        else { throw SchemaError("invalid regular expression '\(source)': invalid \\u{...} escape") }
                        out += "\\x{" + String(v, radix: 16) + "}"
                        i = close + 1
                    } else if let v = hexScalar(chars, i, 4) {
                        i += 4
                        var code = v
                        if v >= 0xD800 && v < 0xDC00, i + 1 < chars.count, chars[i] == "\\", chars[i + 1] == "u",
                            let low = hexScalar(chars, i + 2, 4), low >= 0xDC00 && low < 0xE000
                        {
                            code = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        }
                        out += "\\x{" + String(code, radix: 16) + "}"
                    } else {
                        if strict { throw SchemaError("invalid regular expression '\(source)': invalid \\u escape") }
                        out += "u"
                    }
                case "p", "P":
                    guard i < chars.count, chars[i] == "{", let close = chars[i...].firstIndex(of: "}") else {
                        throw SchemaError("invalid regular expression '\(source)': invalid \\\(e) escape")
                    }
                    out += "\\" + String(e) + String(String.UnicodeScalarView(chars[i...close]))
                    i = close + 1
                case "k":
                    out += "\\k"
                default:
                    if e.properties.isAlphabetic || ("0"..."9").contains(e) {
                        if strict { throw SchemaError("invalid regular expression '\(source)': unknown escape '\\\(e)'") }
                        out += "\\" + String(e)
                    } else if e.isASCII {
                        out += "\\" + String(e)
                    } else {
                        out.unicodeScalars.append(e)
                    }
                }
                classStart = false
                continue
            }
            if inClass {
                if c == "]" && !classStart {
                    inClass = false
                    out += "]"
                } else if c == "]" && classStart {
                    // "[]" matches nothing, "[^]" anything: rewrite the whole class.
                    if out.hasSuffix("[^") {
                        out.removeLast(2)
                        out += "[\\x{0}-\\x{10FFFF}]"
                    } else {
                        out.removeLast(1)
                        out += "(?!)"
                    }
                    inClass = false
                } else if c == "[" || c == "&" || c == "~" || c == "=" || c == "!" {
                    out += "\\" + String(c)
                } else if c == "^" && classStart {
                    out += "^"
                    i += 1
                    continue  // still at class start for the "[^]" case
                } else if c == "-" && i + 1 < chars.count && chars[i + 1] == "-" {
                    out += "\\-"
                } else {
                    out.unicodeScalars.append(c)
                }
                classStart = false
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                classStart = true
                out += "["
            case "$":
                out += "\\z"
            default:
                out.unicodeScalars.append(c)
            }
            i += 1
        }
        if inClass { throw SchemaError("invalid regular expression '\(source)': unterminated character class") }
        return out
    }
}
