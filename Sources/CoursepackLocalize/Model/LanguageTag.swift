/// BCP 47 language tags as translators' tools write them (`ar`, `ar-SA`, Poedit's `ar_SA`, `en-us`),
/// and how one tag stands for another.
///
/// The rule is RFC 4647's extended filtering, narrowed to what keeps a translation usable: a tag
/// stands for itself and for any tag that only adds a region or a variant to it (`ar` covers `ar-SA`
/// and `ar-EG`, `pt` covers `pt-BR`), never for one that adds a script (`zh` does not cover
/// `zh-Hant`, `sr` does not cover `sr-Latn`: another script is another text) and never for a more
/// general one (`fa-AF`, Dari, does not take `fa`, Persian).
public enum LanguageTag {
    /// Lowercased, `_` made `-`: the form tags are compared in.
    public static func normalized(_ tag: String) -> String {
        return tag.replacingOccurrences(of: "_", with: "-").lowercased()
    }

    /// Whether `range` stands for `tag` (both normalized or not).
    public static func covers(_ range: String, _ tag: String) -> Bool {
        let range = normalized(range), tag = normalized(tag)
        guard !range.isEmpty else { return false }
        if range == tag { return true }
        guard tag.hasPrefix(range + "-") else { return false }
        let next = tag.dropFirst(range.count + 1).prefix { $0 != "-" }
        // A four-letter subtag right after the language is a script (ISO 15924).
        let isScript = next.count == 4 && next.allSatisfy { $0.isASCII && $0.isLetter } && !range.contains("-")
        return !isScript
    }

    /// The module locale a file's tag is for: the same tag; else the most specific module locale that
    /// covers it (`ar-SA` → `ar`); else the one module locale the tag covers (`ar` → `ar-EG`, when
    /// the module has no other Arabic). Nil when none, or when that last step finds several.
    public static func resolve(_ tag: String, among locales: [String]) -> String? {
        let wanted = normalized(tag)
        if let same = locales.first(where: { normalized($0) == wanted }) { return same }
        if let covering = locales.filter({ covers($0, wanted) }).max(by: { $0.count < $1.count }) { return covering }
        let covered = locales.filter { covers(wanted, $0) }
        return covered.count == 1 ? covered[0] : nil
    }

    /// Whether two tags name the same language for a source text: either covers the other (`en`,
    /// `en-US` and `en-GB` are all English sources).
    public static func sameSource(_ a: String, _ b: String) -> Bool {
        covers(a, b) || covers(b, a)
    }
}
