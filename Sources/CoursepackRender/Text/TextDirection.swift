/// Writing direction of a locale or of a piece of text.
enum TextDirection: String, Sendable {
    case ltr, rtl

    /// Languages written right to left, by language subtag, and scripts written right to left, by
    /// script subtag (`az-Arab`, `ku-Arab`, `pa-Arab`); a Latin or Cyrillic script subtag wins over the
    /// language (`ku-Latn` is left to right).
    private static let rightToLeftLanguages: Set<String> = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "lrc", "mzn", "nqo", "pnb", "prs", "ps", "sd",
        "syr", "ug", "ur", "yi", "bal", "bqi", "glk", "haz", "khw", "sdh",
    ]
    private static let rightToLeftScripts: Set<String> = [
        "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr", "mend", "yezi",
    ]
    private static let leftToRightScripts: Set<String> = ["latn", "cyrl", "grek", "armn", "geor", "deva", "ethi"]

    init(locale tag: String) {
        let subtags = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.lowercased() }
        let language = subtags.first ?? ""
        if let script = subtags.dropFirst().first(where: { $0.count == 4 && $0.allSatisfy(\.isLetter) }) {
            if Self.rightToLeftScripts.contains(script) { self = .rtl; return }
            if Self.leftToRightScripts.contains(script) { self = .ltr; return }
        }
        self = Self.rightToLeftLanguages.contains(language) ? .rtl : .ltr
    }
}

/// Finds left-to-right runs inside right-to-left text (Latin names and words, URLs, e-mail addresses,
/// phone numbers) and wraps them in `<bdi>`, so that the bidi algorithm cannot reorder their parts:
/// without it, `+49 30 1234` in Arabic shows its groups in the wrong order, and a trailing `.` or `)`
/// of a Latin name jumps to the other end.
enum BidiIsolation {
    /// The text, escaped for HTML, with each left-to-right run in a `<bdi>`.
    static func isolatingLeftToRightRuns(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var html = ""
        var index = 0
        var plainStart = 0
        while index < scalars.count {
            guard let run = leftToRightRun(in: scalars, from: index) else {
                index += 1
                continue
            }
            html += HTMLEscaping.text(string(scalars[plainStart..<run.lowerBound]))
            html += "<bdi>" + HTMLEscaping.text(string(scalars[run])) + "</bdi>"
            index = run.upperBound
            plainStart = index
        }
        html += HTMLEscaping.text(string(scalars[plainStart...]))
        return html
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    /// The run starting at `start`, when one starts there and needs isolating.
    private static func leftToRightRun(in scalars: [Unicode.Scalar], from start: Int) -> Range<Int>? {
        let first = scalars[start]
        let startsNumber = isDigit(first) || (first == "+" && start + 1 < scalars.count && isDigit(scalars[start + 1]))
        guard isStrongLeftToRight(first) || startsNumber else { return nil }
        // A run never starts in the middle of a word or number already passed over.
        if start > 0, isStrongLeftToRight(scalars[start - 1]) || isDigit(scalars[start - 1]) { return nil }
        var end = start + 1
        var lastStrong = start
        var hasLetter = isStrongLeftToRight(first)
        var hasInnerSeparator = first == "+"
        var cursor = start + 1
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if isStrongLeftToRight(scalar) || isDigit(scalar) || isMark(scalar) {
                if isStrongLeftToRight(scalar) { hasLetter = true }
                if cursor > lastStrong + 1 { hasInnerSeparator = true }
                lastStrong = cursor
                end = cursor + 1
            } else if !joiners.contains(scalar) {
                break
            }
            cursor += 1
        }
        // A lone number such as 112 reads the same in both directions; numbers in groups do not.
        guard hasLetter || hasInnerSeparator else { return nil }
        return start..<end
    }

    /// Characters that may sit inside a left-to-right run between its letters and digits.
    private static let joiners: Set<Unicode.Scalar> = [
        " ", "\u{00A0}", ".", ",", "-", "_", "@", "/", ":", "+", "'", "\u{2019}", "&", "?", "=", "#", "%", "~",
        "(", ")",
    ]

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return !isRightToLeftBlock(scalar)
        default: return false
        }
    }

    /// A letter of a left-to-right script: alphabetic, and outside the right-to-left blocks.
    static func isStrongLeftToRight(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.properties.isAlphabetic, !isRightToLeftBlock(scalar) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: return true
        }
    }

    /// Hebrew, Arabic, Syriac, Thaana, N'Ko and the other right-to-left blocks, with their
    /// presentation forms.
    static func isRightToLeftBlock(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }
}
