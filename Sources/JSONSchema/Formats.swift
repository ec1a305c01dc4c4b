// Format checks for the `format` keyword (asserted only when enabled). Non-string instances always pass.

enum Formats {
    typealias Check = @Sendable (String) -> Bool

    static func checker(for format: String) -> Check? {
        switch format {
        case "date-time": return { isDateTime($0) }
        case "date": return { isDate(Array($0.utf8)[...]) }
        case "time": return { isTime(Array($0.utf8)[...]) }
        case "duration": return { isDuration($0) }
        case "email": return { isEmail($0, international: false) }
        case "idn-email": return { isEmail($0, international: true) }
        case "hostname": return { isHostname($0, international: false) }
        case "idn-hostname": return { isHostname($0, international: true) }
        case "ipv4": return { isIPv4(Substring($0)) }
        case "ipv6": return { isIPv6(Substring($0)) }
        case "uri": return { isURI($0, relative: false, international: false) }
        case "uri-reference": return { isURI($0, relative: true, international: false) }
        case "iri": return { isURI($0, relative: false, international: true) }
        case "iri-reference": return { isURI($0, relative: true, international: true) }
        case "uri-template": return { isURITemplate($0) }
        case "uuid": return { isUUID($0) }
        case "json-pointer": return { isJSONPointer(Substring($0)) }
        case "relative-json-pointer": return { isRelativeJSONPointer($0) }
        case "regex": return { isECMARegex($0) }
        default: return nil
        }
    }

    static func isECMARegex(_ s: String) -> Bool {
        (try? ECMARegex(s, strict: true)) != nil
    }

    // MARK: dates and times (RFC 3339)

    private static func digits(_ b: ArraySlice<UInt8>, _ from: Int, _ count: Int) -> Int? {
        guard from + count <= b.endIndex else { return nil }
        var v = 0
        for i in from..<(from + count) {
            let c = b[i]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func isDate(_ b: ArraySlice<UInt8>) -> Bool {
        let s = b.startIndex
        guard b.count == 10, b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
            let y = digits(b, s, 4), let m = digits(b, s + 5, 2), let d = digits(b, s + 8, 2)
        else { return false }
        guard m >= 1 && m <= 12 && d >= 1 else { return false }
        let days = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }

    static func isTime(_ b: ArraySlice<UInt8>) -> Bool {
        let s = b.startIndex
        guard b.count >= 9, b[s + 2] == UInt8(ascii: ":"), b[s + 5] == UInt8(ascii: ":"),
            let h = digits(b, s, 2), let m = digits(b, s + 3, 2), let sec = digits(b, s + 6, 2)
        else { return false }
        var i = s + 8
        if i < b.endIndex, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.endIndex, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            if i == start { return false }
        }
        guard i < b.endIndex else { return false }
        var offsetMinutes = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.endIndex else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard b.endIndex - i == 6, b[i + 3] == UInt8(ascii: ":"), let oh = digits(b, i + 1, 2), let om = digits(b, i + 4, 2),
                oh <= 23, om <= 59
            else { return false }
            offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        guard h <= 23, m <= 59, sec <= 60 else { return false }
        if sec == 60 {
            // A leap second only exists at 23:59:60 UTC.
            var utc = (h * 60 + m - offsetMinutes) % 1440
            if utc < 0 { utc += 1440 }
            return utc == 23 * 60 + 59
        }
        return true
    }

    static func isDateTime(_ s: String) -> Bool {
        let b = Array(s.utf8)[...]
        guard b.count > 11 else { return false }
        let t = b[b.startIndex + 10]
        guard t == UInt8(ascii: "T") || t == UInt8(ascii: "t") else { return false }
        return isDate(b[b.startIndex..<(b.startIndex + 10)]) && isTime(b[(b.startIndex + 11)...])
    }

    static func isDuration(_ s: String) -> Bool {
        // RFC 3339 appendix A: "P" (dur-date / dur-time / dur-week)
        var b = Array(s.utf8)[...]
        guard b.first == UInt8(ascii: "P") else { return false }
        b = b.dropFirst()
        guard !b.isEmpty else { return false }
        func readUnits(_ part: ArraySlice<UInt8>, allowed: [UInt8]) -> Bool {
            // 1*DIGIT unit, units in the given order, each at most once, consecutive (no gaps allowed after first).
            var rest = part
            var lastIndex = -1
            var first = true
            guard !rest.isEmpty else { return false }
            while !rest.isEmpty {
                var n = 0
                while let c = rest.first, c >= 0x30, c <= 0x39 { rest = rest.dropFirst(); n += 1 }
                guard n > 0, let unit = rest.first, let idx = allowed.firstIndex(of: unit), idx > lastIndex else { return false }
                if !first && idx != lastIndex + 1 { return false }
                first = false
                lastIndex = idx
                rest = rest.dropFirst()
            }
            return true
        }
        if let w = b.firstIndex(of: UInt8(ascii: "W")) {
            return w == b.endIndex - 1 && readUnits(b, allowed: [UInt8(ascii: "W")])
        }
        let tIndex = b.firstIndex(of: UInt8(ascii: "T"))
        let datePart = b[b.startIndex..<(tIndex ?? b.endIndex)]
        if !datePart.isEmpty && !readUnits(datePart, allowed: Array("YMD".utf8)) { return false }
        if let tIndex {
            let timePart = b[(tIndex + 1)...]
            if !readUnits(timePart, allowed: Array("HMS".utf8)) { return false }
        }
        return true
    }

    // MARK: network names and addresses

    static func isIPv4(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            if p.count > 1 && p.first == "0" { return false }
            guard let v = Int(p), v <= 255 else { return false }
        }
        return true
    }

    static func isIPv6(_ s: Substring) -> Bool {
        guard !s.isEmpty, s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x3A) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66) || $0 == 0x2E })
        else { return false }
        var text = s
        var groupsNeeded = 8
        // Trailing embedded IPv4.
        if text.contains(".") {
            guard let lastColon = text.lastIndex(of: ":") else { return false }
            guard isIPv4(text[text.index(after: lastColon)...]) else { return false }
            text = text[...lastColon]
            if text.hasSuffix("::") { /* "::1.2.3.4" */ } else { text = text.dropLast() }
            groupsNeeded = 6
        }
        let doubleColon = text.components(separatedByString: "::")
        if doubleColon.count > 2 { return false }
        func groups(_ part: Substring) -> Int? {
            if part.isEmpty { return 0 }
            var n = 0
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4 else { return nil }
                n += 1
            }
            return n
        }
        if doubleColon.count == 2 {
            guard let a = groups(doubleColon[0]), let b = groups(doubleColon[1]) else { return false }
            return a + b < groupsNeeded
        }
        guard let n = groups(text) else { return false }
        return n == groupsNeeded
    }

    static func isHostname(_ s: String, international: Bool) -> Bool {
        var host = s
        if international {
            // IDNA label separators.
            for sep in ["\u{3002}", "\u{FF0E}", "\u{FF61}"] where host.contains(sep) {
                host = host.split(separator: Character(sep), omittingEmptySubsequences: false).joined(separator: ".")
            }
        }
        guard !host.isEmpty, host.utf8.count <= 253 || international else { return false }
        var h = Substring(host)
        if h.hasSuffix(".") { h = h.dropLast() }
        guard !h.isEmpty else { return false }
        for label in h.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.first != "-", label.last != "-" else { return false }
            let lower = label.lowercased()
            if lower.utf8.count >= 4 {
                let a = Array(lower.utf8)
                if a[2] == UInt8(ascii: "-") && a[3] == UInt8(ascii: "-") && !lower.hasPrefix("xn--") { return false }
            }
            if label.allSatisfy({ $0.isASCII }) {
                guard label.utf8.count <= 63 else { return false }
                guard label.utf8.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "-") }) else { return false }
                if lower.hasPrefix("xn--") {
                    guard let decoded = Punycode.decode(String(lower.dropFirst(4))), !decoded.isEmpty else { return false }
                    if international && !isIDNLabel(decoded) { return false }
                }
            } else {
                guard international, isIDNLabel(String(label)) else { return false }
                guard let encoded = Punycode.encode(String(label)), encoded.utf8.count + 4 <= 63 else { return false }
            }
        }
        return true
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// A reasonable subset of RFC 5892: letters, marks, digits, hyphens, and the contextual rules the test suite checks.
    static func isIDNLabel(_ label: String) -> Bool {
        let scalars = Array(label.unicodeScalars)
        guard let first = scalars.first else { return false }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .spacingMark
            || first.properties.generalCategory == .enclosingMark
        {
            return false
        }
        if scalars.count >= 4 && scalars[2] == "-" && scalars[3] == "-" { return false }
        var hasArabicIndic = false
        var hasExtArabicIndic = false
        var hasKatakanaEtc = false
        for (i, c) in scalars.enumerated() {
            let v = c.value
            switch v {
            case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
                return false  // DISALLOWED
            case 0x00B7:  // MIDDLE DOT: between two 'l'
                guard i > 0, i + 1 < scalars.count, scalars[i - 1] == "l", scalars[i + 1] == "l" else { return false }
            case 0x0375:  // Greek KERAIA: followed by Greek
                guard i + 1 < scalars.count, scalars[i + 1].isGreek else { return false }
            case 0x05F3, 0x05F4:  // Hebrew GERESH/GERSHAYIM: preceded by Hebrew
                guard i > 0, scalars[i - 1].isHebrew else { return false }
            case 0x30FB:  // KATAKANA MIDDLE DOT
                hasKatakanaEtc = true
            case 0x0660...0x0669: hasArabicIndic = true
            case 0x06F0...0x06F9: hasExtArabicIndic = true
            case 0x200D:  // ZERO WIDTH JOINER: preceded by virama
                guard i > 0, scalars[i - 1].properties.canonicalCombiningClass.rawValue == 9 else { return false }
            case 0x200C:  // ZERO WIDTH NON-JOINER: after a virama, or between joining letters (approximated by script)
                if i > 0, scalars[i - 1].properties.canonicalCombiningClass.rawValue == 9 { break }
                func joining(_ s: Unicode.Scalar) -> Bool {
                    (0x0620...0x06FF).contains(s.value) || (0x0710...0x074F).contains(s.value) || (0x0750...0x077F).contains(s.value)
                        || (0x07C0...0x07FF).contains(s.value) || (0x08A0...0x08FF).contains(s.value)
                }
                func transparent(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .nonspacingMark }
                var before = i - 1
                while before >= 0 && transparent(scalars[before]) { before -= 1 }
                var after = i + 1
                while after < scalars.count && transparent(scalars[after]) { after += 1 }
                guard before >= 0, after < scalars.count, joining(scalars[before]), joining(scalars[after]) else { return false }
            case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007:
                break  // PVALID exceptions (RFC 5892 section 2.6)
            default:
                let p = c.properties
                if v < 0x80 {
                    guard isAlnum(UInt8(v)) || v == 0x2D else { return false }
                } else if !(p.isAlphabetic || p.generalCategory == .decimalNumber || p.generalCategory == .nonspacingMark
                    || p.generalCategory == .spacingMark || p.generalCategory == .enclosingMark)
                {
                    return false
                }
            }
        }
        if hasArabicIndic && hasExtArabicIndic { return false }
        if hasKatakanaEtc {
            let ok = scalars.contains { s in
                s.value != 0x30FB && s.isHiraganaKatakanaHan
            }
            if !ok { return false }
        }
        return true
    }

    static func isEmail(_ s: String, international: Bool) -> Bool {
        guard let at = s.lastIndex(of: "@") else { return false }
        let local = s[..<at]
        let domain = s[s.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        // Local part: dot-atom or quoted string.
        if local.first == "\"" {
            guard local.count >= 2, local.last == "\"" else { return false }
            var escaped = false
            for c in local.dropFirst().dropLast().unicodeScalars {
                if escaped { escaped = false; continue }
                if c == "\\" { escaped = true; continue }
                if c == "\"" || c.value < 0x20 || c.value == 0x7F { return false }
                if !international && c.value > 0x7E { return false }
            }
            if escaped { return false }
        } else {
            guard local.first != ".", local.last != ".", !local.contains("..") else { return false }
            let atext = "!#$%&'*+-/=?^_`{|}~."
            for c in local.unicodeScalars {
                if c.value < 0x80 {
                    guard isAlnum(UInt8(c.value)) || atext.unicodeScalars.contains(c) else { return false }
                } else if !international {
                    return false
                }
            }
        }
        if domain.first == "[" {
            guard domain.last == "]" else { return false }
            let literal = domain.dropFirst().dropLast()
            if literal.hasPrefix("IPv6:") { return isIPv6(literal.dropFirst(5)) }
            return isIPv4(literal)
        }
        return isHostname(String(domain), international: international)
    }

    // MARK: URIs and IRIs (RFC 3986 / 3987)

    private static func isUnreserved(_ c: Unicode.Scalar, international: Bool) -> Bool {
        if c.value < 0x80 {
            let b = UInt8(c.value)
            return isAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
        }
        guard international else { return false }
        // ucschar ranges (RFC 3987), excluding private use for simplicity.
        let v = c.value
        return (v >= 0xA0 && v <= 0xD7FF) || (v >= 0xF900 && v <= 0xFDCF) || (v >= 0xFDF0 && v <= 0xFFEF)
            || (v >= 0x10000 && v <= 0xEFFFD && (v & 0xFFFE) != 0xFFFE)
    }

    private static let subDelims: Set<Unicode.Scalar> = ["!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "="]

    /// Checks that every character is allowed (`extra` adds to unreserved / pct-encoded / sub-delims).
    private static func isValidComponent(_ s: Substring, extra: Set<Unicode.Scalar>, international: Bool) -> Bool {
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "%" {
                guard i + 2 < scalars.count, isASCIIHex(scalars[i + 1]), isASCIIHex(scalars[i + 2]) else { return false }
                i += 3
                continue
            }
            if !(isUnreserved(c, international: international) || subDelims.contains(c) || extra.contains(c)) { return false }
            i += 1
        }
        return true
    }

    static func isURI(_ s: String, relative: Bool, international: Bool) -> Bool {
        let ref = URIReference(parsing: s)
        if !relative && ref.scheme == nil { return false }
        if let scheme = ref.scheme, scheme.isEmpty { return false }
        let pchar: Set<Unicode.Scalar> = [":", "@"]
        if let fragment = ref.fragment, !isValidComponent(Substring(fragment), extra: pchar.union(["/", "?"]), international: international) { return false }
        if let query = ref.query, !isValidComponent(Substring(query), extra: pchar.union(["/", "?"]), international: international) { return false }
        if let authority = ref.authority {
            var hostPort = Substring(authority)
            if let at = hostPort.lastIndex(of: "@") {
                guard isValidComponent(hostPort[..<at], extra: [":"], international: international) else { return false }
                hostPort = hostPort[hostPort.index(after: at)...]
            }
            if hostPort.first == "[" {
                guard let close = hostPort.firstIndex(of: "]") else { return false }
                let literal = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
                if !(isIPv6(literal) || (literal.first == "v" && literal.count > 2)) { return false }
                let rest = hostPort[hostPort.index(after: close)...]
                if !rest.isEmpty {
                    guard rest.first == ":", rest.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
                }
            } else {
                var host = hostPort
                if let colon = hostPort.lastIndex(of: ":") {
                    guard hostPort[hostPort.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
                    host = hostPort[..<colon]
                }
                guard isValidComponent(host, extra: [], international: international) else { return false }
            }
        }
        guard isValidComponent(Substring(ref.path), extra: pchar.union(["/"]), international: international) else { return false }
        if ref.scheme == nil && ref.authority == nil {
            // path-noscheme: the first segment must not contain ':' (it would be a scheme).
            let firstSegment = ref.path.split(separator: "/", omittingEmptySubsequences: false).first ?? ""
            if firstSegment.contains(":") { return false }
        }
        if let scheme = ref.scheme {
            guard let f = scheme.unicodeScalars.first, f.isASCII, f.properties.isAlphabetic else { return false }
        }
        return true
    }

    static func isURITemplate(_ s: String) -> Bool {
        var inExpression = false
        for c in s.unicodeScalars {
            if c == "{" {
                if inExpression { return false }
                inExpression = true
            } else if c == "}" {
                if !inExpression { return false }
                inExpression = false
            } else if !inExpression {
                if c == " " || c == "\"" || c == "'" || c == "<" || c == ">" || c == "\\" || c == "^" || c == "`" || c == "|" || c.value < 0x20 {
                    return false
                }
            }
        }
        return !inExpression
    }

    static func isUUID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return false }
            } else {
                guard (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) else { return false }
            }
        }
        return true
    }

    static func isJSONPointer(_ s: Substring) -> Bool {
        if s.isEmpty { return true }
        guard s.first == "/" else { return false }
        var it = s.unicodeScalars.makeIterator()
        while let c = it.next() {
            if c == "~" {
                guard let n = it.next(), n == "0" || n == "1" else { return false }
            }
        }
        return true
    }

    static func isRelativeJSONPointer(_ s: String) -> Bool {
        let b = Substring(s)
        let digitsPart = b.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digitsPart.isEmpty else { return false }
        if digitsPart.count > 1 && digitsPart.first == "0" { return false }
        var rest = b[digitsPart.endIndex...]
        // Optional index manipulation (+N / -N) from the 2020-12 relative JSON pointer draft.
        if let f = rest.first, f == "+" || f == "-" {
            let num = rest.dropFirst().prefix(while: { $0.isASCII && $0.isNumber })
            guard !num.isEmpty, !(num.count > 1 && num.first == "0") else { return false }
            rest = rest[num.endIndex...]
        }
        if rest == "#" { return true }
        return isJSONPointer(rest)
    }
}

func isASCIIHex(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x46) || (v >= 0x61 && v <= 0x66)
}

extension Unicode.Scalar {
    var isGreek: Bool { (0x0370...0x03FF).contains(value) || (0x1F00...0x1FFF).contains(value) }
    var isHebrew: Bool { (0x0590...0x05FF).contains(value) || (0xFB1D...0xFB4F).contains(value) }
    var isHiraganaKatakanaHan: Bool {
        (0x3040...0x30FF).contains(value) || (0x31F0...0x31FF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x4E00...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value) || (0x20000...0x2FFFF).contains(value)
    }
}

extension Substring {
    /// Splits on a multi-character separator.
    func components(separatedByString separator: String) -> [Substring] {
        let sep = Array(separator.utf8)
        var parts: [Substring] = []
        var start = startIndex
        var i = startIndex
        while i < endIndex {
            if self[i...].utf8.starts(with: sep) {
                parts.append(self[start..<i])
                i = utf8.index(i, offsetBy: sep.count)
                start = i
            } else {
                i = index(after: i)
            }
        }
        parts.append(self[start...])
        return parts
    }
}
