// JSON value model used by the schema engine and its callers.
//
// Numbers keep integers exact (Int64) and fall back to Double otherwise; two numbers compare by
// mathematical value, so `1 == 1.0` and both hash alike.

/// A JSON number: an exact 64-bit integer when the text (or the value) is an integer that fits,
/// a `Double` otherwise.
public struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    @usableFromInline
    enum Storage: Sendable {
        case int(Int64)
        case double(Double)
    }

    @usableFromInline
    let storage: Storage

    @inlinable public init(_ value: Int64) { storage = .int(value) }
    @inlinable public init(_ value: Int) { storage = .int(Int64(value)) }
    /// A double; stored as such (its integer-ness is still recognised by `isInteger`).
    @inlinable public init(_ value: Double) { storage = .double(value) }

    /// The exact integer value, when this number is an integer representable as `Int64`.
    public var int64Value: Int64? {
        switch storage {
        case .int(let i): return i
        case .double(let d): return JSONNumber.exactInt64(d)
        }
    }

    /// The value as `Int` when it is an integer that fits.
    public var intValue: Int? {
        guard let i = int64Value else { return nil }
        return Int(exactly: i)
    }

    /// The (possibly rounded) value as a `Double`.
    public var doubleValue: Double {
        switch storage {
        case .int(let i): return Double(i)
        case .double(let d): return d
        }
    }

    /// True when the number has no fractional part (JSON Schema: 1.0 is an integer).
    public var isInteger: Bool {
        switch storage {
        case .int: return true
        case .double(let d): return d.isFinite && d.rounded(.towardZero) == d
        }
    }

    /// True when the number was stored as an exact integer.
    public var isExactInteger: Bool {
        if case .int = storage { return true }
        return false
    }

    @usableFromInline
    static func exactInt64(_ d: Double) -> Int64? {
        guard d.isFinite, d.rounded(.towardZero) == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else {
            return nil
        }
        return Int64(d)
    }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)):
            guard let bi = exactInt64(b) else { return false }
            return a == bi
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .int(let a): hasher.combine(a)
        case .double(let d):
            if let i = JSONNumber.exactInt64(d) { hasher.combine(i) } else { hasher.combine(d) }
        }
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0, 1 (NaN never occurs in parsed JSON; it compares as equal here).
    static func compare(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
        switch (lhs.storage, rhs.storage) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.double(let a), .double(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.int(let a), .double(let b)): return compareIntDouble(a, b)
        case (.double(let a), .int(let b)): return -compareIntDouble(b, a)
        }
    }

    private static func compareIntDouble(_ a: Int64, _ b: Double) -> Int {
        if b.isNaN { return 0 }
        if b >= 9.223372036854775808e18 { return -1 }
        if b < -9.223372036854775808e18 { return 1 }
        // b is within Int64 range: compare integer parts exactly, then the fraction.
        let bi = Int64(b.rounded(.down))
        if a < bi { return -1 }
        if a > bi { return 1 }
        return Double(bi) == b ? 0 : -1
    }

    public var description: String {
        switch storage {
        case .int(let i): return String(i)
        case .double(let d):
            if let i = JSONNumber.exactInt64(d), abs(d) < 1e17 { return String(i) }
            return JSONNumber.formatDouble(d)
        }
    }

    static func formatDouble(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "null" : (d > 0 ? "1e999" : "-1e999") }
        var s = "\(d)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    // MARK: exact decimal arithmetic for multipleOf

    /// Decimal form `sign * significand * 10^exponent` with trailing zeros stripped from the significand.
    struct Decimal {
        var negative: Bool
        var significand: UInt64
        var exponent: Int
    }

    var decimal: Decimal? {
        switch storage {
        case .int(let i):
            var s = i.magnitude
            var e = 0
            while s != 0 && s % 10 == 0 { s /= 10; e += 1 }
            return Decimal(negative: i < 0, significand: s, exponent: e)
        case .double(let d):
            guard d.isFinite else { return nil }
            return JSONNumber.parseDecimal("\(d)")
        }
    }

    /// Parses Swift's shortest round-trip rendering of a Double ("1.5", "1e-05", "1.2e+20").
    static func parseDecimal(_ text: String) -> Decimal? {
        var negative = false
        var significand: UInt64 = 0
        var exponent = 0
        var digits = 0
        var afterPoint = false
        var expSign = 1
        var expValue = 0
        var inExp = false
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "-"):
                if inExp { expSign = -1 } else { negative = true }
            case UInt8(ascii: "+"):
                continue
            case UInt8(ascii: "."):
                afterPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                inExp = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let v = Int(c - UInt8(ascii: "0"))
                if inExp {
                    expValue = expValue * 10 + v
                    if expValue > 100_000 { return nil }
                } else {
                    digits += 1
                    if digits > 19 { return nil }
                    significand = significand * 10 + UInt64(v)
                    if afterPoint { exponent -= 1 }
                }
            default:
                return nil
            }
        }
        exponent += expSign * expValue
        while significand != 0 && significand % 10 == 0 { significand /= 10; exponent += 1 }
        if significand == 0 { exponent = 0 }
        return Decimal(negative: negative, significand: significand, exponent: exponent)
    }

    /// True when `self` is an integer multiple of `divisor` (exact decimal arithmetic).
    func isMultiple(of divisor: JSONNumber) -> Bool {
        if case .int(let a) = storage, case .int(let b) = divisor.storage, b != 0 {
            let r = a.remainderReportingOverflow(dividingBy: b)
            return r.overflow ? true : r.partialValue == 0
        }
        guard let a = decimal, let b = divisor.decimal, b.significand != 0 else {
            let q = doubleValue / divisor.doubleValue
            return q.isFinite && q.rounded(.towardZero) == q
        }
        return JSONNumber.decimalIsMultiple(a, of: b)
    }

    static func decimalIsMultiple(_ a: Decimal, of b: Decimal) -> Bool {
        if a.significand == 0 { return true }
        if a.exponent >= b.exponent {
            // a = sa * 10^(ea-eb) * 10^eb, b = sb * 10^eb: need (sa * 10^k) mod sb == 0.
            let k = a.exponent - b.exponent
            let m = b.significand
            if m == 1 { return true }
            let base = a.significand % m
            let p = powMod(10, k, m)
            return mulMod(base, p, m) == 0
        } else {
            // b = sb * 10^(eb-ea) in units of 10^ea; a = sa.
            let k = b.exponent - a.exponent
            var divisor = b.significand
            for _ in 0..<k {
                let (v, overflow) = divisor.multipliedReportingOverflow(by: 10)
                if overflow { return false }  // divisor exceeds sa (which is < 2^64) and sa != 0
                divisor = v
            }
            return a.significand % divisor == 0
        }
    }

    private static func mulMod(_ a: UInt64, _ b: UInt64, _ m: UInt64) -> UInt64 {
        let full = a.multipliedFullWidth(by: b)
        return m.dividingFullWidth((full.high % m, full.low)).remainder
    }

    private static func powMod(_ base: UInt64, _ exp: Int, _ m: UInt64) -> UInt64 {
        var result: UInt64 = 1 % m
        var b = base % m
        var e = exp
        while e > 0 {
            if e & 1 == 1 { result = mulMod(result, b, m) }
            b = mulMod(b, b, m)
            e >>= 1
        }
        return result
    }
}

extension JSONNumber: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
    public init(floatLiteral value: Double) { self.init(value) }
}

/// A parsed JSON document.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(integer: Int) { self = .number(JSONNumber(integer)) }
    public init(double: Double) { self = .number(JSONNumber(double)) }

    /// The JSON Schema type name: "null", "boolean", "integer" (numbers without fraction), "number",
    /// "string", "array", "object".
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let n): return n.isInteger ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var numberValue: JSONNumber? { if case .number(let n) = self { return n }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, index >= 0, index < a.count { return a[index] }
        return nil
    }

    /// Follows a JSON Pointer (RFC 6901, already split and unescaped).
    public func value(at path: InstancePath) -> JSONValue? {
        var current = self
        for component in path {
            switch (component, current) {
            case (.key(let k), .object(let o)):
                guard let v = o[k] else { return nil }
                current = v
            case (.index(let i), .array(let a)):
                guard i >= 0, i < a.count else { return nil }
                current = a[i]
            case (.index(let i), .object(let o)):
                guard let v = o[String(i)] else { return nil }
                current = v
            default:
                return nil
            }
        }
        return current
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var o: [String: JSONValue] = [:]
        o.reserveCapacity(elements.count)
        for (k, v) in elements { o[k] = v }
        self = .object(o)
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text with object keys sorted (deterministic).
    public var description: String {
        var out = ""
        JSONValue.write(self, to: &out)
        return out
    }

    /// Compact JSON serialisation with sorted keys.
    public var jsonText: String { description }

    /// Compact JSON for a `<script type="application/json">` element of an HTML page: as `jsonText`,
    /// with `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes, so that no `</script>` or `<!--`
    /// can end or open anything inside the element and the text is also valid JavaScript.
    public var scriptElementText: String {
        var out = ""
        JSONValue.write(self, to: &out, forScript: true)
        return out
    }

    /// Keys are sorted by their UTF-8 bytes (code point order), which no locale or platform changes.
    static func write(_ value: JSONValue, to out: inout String, forScript: Bool = false) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.description
        case .string(let s): writeString(s, to: &out, forScript: forScript)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                write(v, to: &out, forScript: forScript)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, k) in o.keys.sorted(by: { $0.precedesInUTF8($1) }).enumerated() {
                if i > 0 { out += "," }
                writeString(k, to: &out, forScript: forScript)
                out += ":"
                if let v = o[k] { write(v, to: &out, forScript: forScript) }
            }
            out += "}"
        }
    }

    /// A JSON string: runs of bytes that need no escape are copied whole (most strings are one run).
    static func writeString(_ s: String, to out: inout String, forScript: Bool = false) {
        out += "\""
        let utf8 = s.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index < utf8.endIndex {
            let byte = utf8[index]
            var width = 1
            let escape: String?
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x3C where forScript: escape = "\\u003c"
            case 0x3E where forScript: escape = "\\u003e"
            case 0x26 where forScript: escape = "\\u0026"
            case 0x00..<0x20:
                let hex = String(byte, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case 0xE2 where forScript:
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9): line terminators to JavaScript.
                let next = utf8.index(after: index)
                let last = next < utf8.endIndex ? utf8.index(after: next) : next
                if last < utf8.endIndex, utf8[next] == 0x80, utf8[last] == 0xA8 || utf8[last] == 0xA9 {
                    escape = utf8[last] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                } else {
                    escape = nil
                }
            default: escape = nil
            }
            guard let escape else {
                index = utf8.index(after: index)
                continue
            }
            out += s[runStart..<index]
            out += escape
            index = utf8.index(index, offsetBy: width)
            runStart = index
        }
        out += s[runStart..<utf8.endIndex]
        out += "\""
    }
}

/// One step of an instance location.
public enum JSONPointerComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return String(i)
        }
    }
}

/// A location inside an instance, outermost component first.
public typealias InstancePath = [JSONPointerComponent]

/// Renders an instance path as an RFC 6901 JSON Pointer ("" for the root).
public func jsonPointerString(_ path: InstancePath) -> String {
    var out = ""
    for c in path {
        out += "/"
        out += escapePointerToken(c.description)
    }
    return out
}

func escapePointerToken(_ s: String) -> String {
    if !s.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) { return s }
    var out = ""
    for ch in s.unicodeScalars {
        if ch == "~" { out += "~0" } else if ch == "/" { out += "~1" } else { out.unicodeScalars.append(ch) }
    }
    return out
}
