/// Pseudo-translations that show layout problems before any translator is involved: `en-XA` (accented
/// and a third longer, in brackets, so that clipped or hard-coded text stands out) and `ar-XB`
/// (right to left, so that a layout that does not mirror shows it). Inline codes are kept intact.
public enum PseudoLocalizer {
    public enum Kind: String, CaseIterable, Sendable {
        case accented = "en-XA"
        case rightToLeft = "ar-XB"
    }

    public static func translate(_ text: String, as kind: Kind) -> String {
        let tokens = InlineMarkup.tokenize(text).map { token -> InlineToken in
            guard case .text(let words) = token else { return token }
            switch kind {
            case .accented: return .text(accent(words))
            case .rightToLeft: return .text(mirror(words))
            }
        }
        let body = InlineMarkup.render(tokens)
        switch kind {
        case .accented: return "[" + body + padding(for: text) + "]"
        case .rightToLeft: return body
        }
    }

    /// A table for a pseudo-locale: every unit translated.
    public static func table(for units: [SourceUnit], as kind: Kind) -> LocaleTable {
        let rules = PluralRules.forLocale(kind.rawValue)
        var table = LocaleTable(locale: kind.rawValue)
        for unit in units {
            let translation: [String]
            if let plural = unit.plural {
                translation = rules.categories.map { translate($0 == .one ? unit.text : plural, as: kind) }
            } else {
                translation = [translate(unit.text, as: kind)]
            }
            table.entries[unit.id] = TranslationEntry(id: unit.id, source: unit.text, sourcePlural: unit.plural,
                                                      translation: translation, status: .translated)
        }
        return table
    }

    private static let accents: [Character: Character] = [
        "a": "á", "b": "ƀ", "c": "ç", "d": "ð", "e": "é", "f": "ƒ", "g": "ĝ", "h": "ĥ", "i": "î", "j": "ĵ", "k": "ķ",
        "l": "ļ", "m": "ɱ", "n": "ñ", "o": "ö", "p": "þ", "q": "ǫ", "r": "ŕ", "s": "š", "t": "ţ", "u": "û", "v": "ṽ",
        "w": "ŵ", "x": "ẋ", "y": "ý", "z": "ž", "A": "Å", "B": "Ɓ", "C": "Ç", "D": "Ð", "E": "É", "F": "Ƒ", "G": "Ĝ",
        "H": "Ĥ", "I": "Î", "J": "Ĵ", "K": "Ķ", "L": "Ļ", "M": "Ṁ", "N": "Ñ", "O": "Ö", "P": "Þ", "Q": "Ǫ", "R": "Ŕ",
        "S": "Š", "T": "Ţ", "U": "Û", "V": "Ṽ", "W": "Ŵ", "X": "Ẋ", "Y": "Ý", "Z": "Ž",
    ]

    private static func accent(_ text: String) -> String {
        String(text.map { accents[$0] ?? $0 })
    }

    /// About a third more characters: German and Finnish run that much longer than English.
    private static func padding(for text: String) -> String {
        let extra = max(1, InlineMarkup.plainText(text).count / 3)
        let filler = "·ŵöŕð ĺöñĝéŕ"
        return " " + String(String(repeating: filler, count: extra / filler.count + 1).prefix(extra))
    }

    /// Right-to-left text made from the source's own words, forced right to left with RLO…PDF.
    private static func mirror(_ text: String) -> String {
        guard text.contains(where: { $0.isLetter }) else { return text }
        return "\u{202E}" + text + "\u{202C}"
    }
}
