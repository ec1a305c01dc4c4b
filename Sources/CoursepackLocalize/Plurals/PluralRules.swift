/// A CLDR cardinal plural category.
public enum PluralCategory: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case zero, one, two, few, many, other

    private var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: PluralCategory, b: PluralCategory) -> Bool { a.order < b.order }
}

/// The cardinal plural rules of a language, for whole numbers: which plural category a count selects,
/// the categories a translation of a plural message needs, and the matching PO `Plural-Forms` header.
///
/// The rules are the CLDR ones, restricted to integers (`n` is a whole number, `v = 0`): categories
/// that only fractions select (`other` in Russian, Ukrainian and Polish, `many` in Czech and Slovak)
/// are left out, so the forms a translator writes are exactly the ones counts can show, as gettext
/// has always done for these languages. Categories CLDR selects for large round numbers are kept:
/// French, Spanish, Italian, Portuguese and Catalan have `many` for 1,000,000, 2,000,000...
public struct PluralRules: Sendable, Hashable {
    /// The language subtag of the tag the rules were made for, lowercased: `fa` for `fa-AF`, `prs` for `prs`.
    public let language: String
    /// The categories a plural message in this language has, in CLDR order (zero, one, two, few, many, other).
    public let categories: [PluralCategory]
    let rule: Rule

    init(language: String, rule: Rule) {
        self.language = language
        self.rule = rule
        self.categories = rule.categories
    }

    /// The rules for a locale tag (`ar`, `fa-AF`, `pt-BR`, `pt-PT`, `sr-Latn`), chosen by its language
    /// subtag; Portuguese of Portugal (`pt-PT`, and the other `pt-` regions but Brazil) has its own rule,
    /// as in CLDR. A language without data here gets the English rule: `one` for 1, `other` otherwise.
    public static func forLocale(_ tag: String) -> PluralRules {
        let subtags = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.lowercased() }
        let language = subtags.first ?? ""
        var key = aliases[language] ?? language
        if key == "pt", let region = subtags.dropFirst().first(where: { $0.count == 2 || ($0.count == 3 && $0.allSatisfy(\.isNumber)) }),
           region != "br" {
            key = "pt-pt"
        }
        return PluralRules(language: language, rule: table[key] ?? .englishLike)
    }

    /// The category a count selects. Negative counts select as their absolute value.
    public func category(for n: Int) -> PluralCategory {
        rule.category(for: n.magnitude)
    }

    /// The index of a category's form in a PO entry's `msgstr[N]` list (the position in `categories`).
    public func poIndex(of category: PluralCategory) -> Int? {
        categories.firstIndex(of: category)
    }

    /// The PO header value `nplurals=N; plural=EXPR;`, the expression's indices following `categories`.
    public var poPluralForms: String {
        if categories.count == 1 { return "nplurals=1; plural=0;" }
        return "nplurals=\(categories.count); plural=(\(rule.cExpression(indexOf: { categories.firstIndex(of: $0)! })));"
    }

    /// A sample count that selects `category`: the smallest from 1 up (0 when only 0 selects it, a million
    /// for the `many` of French or Spanish). For a category the language does not use, the sample of its
    /// last category.
    public func example(for category: PluralCategory) -> Int {
        if let n = (1...1_000).first(where: { self.category(for: $0) == category }) { return n }
        if self.category(for: 0) == category { return 0 }
        if let n = [1_000_000, 2_000_000, 1_000_000_000].first(where: { self.category(for: $0) == category }) { return n }
        guard let last = categories.last, last != category else { return 0 }
        return example(for: last)
    }

    /// The language's name in English for messages ("Arabic"), or its tag when not known here.
    public var languageName: String { PluralRules.languageNames[language] ?? language }
}

// MARK: - Rule data

extension PluralRules {
    /// Language subtags sharing the rules of another.
    static let aliases: [String: String] = [
        "prs": "fa", "pes": "fa", "iw": "he", "no": "nb", "nn": "nb", "tl": "fil", "in": "id", "ji": "yi",
        "ars": "ar", "arb": "ar", "apc": "ar", "arz": "ar", "ary": "ar", "acm": "ar", "ajp": "ar", "aeb": "ar",
        "kmr": "ku", "sh": "sr", "mo": "ro", "zsm": "ms", "cmn": "zh", "yue": "zh", "wuu": "zh",
    ]

    static let table: [String: Rule] = {
        var table: [String: Rule] = [:]
        func set(_ languages: [String], _ rule: Rule) { for language in languages { table[language] = rule } }
        let n = Operand.n
        // one: n = 1
        set(["en", "de", "nl", "sv", "da", "nb", "el", "hu", "tr", "ur", "ps", "ckb", "ku", "so", "sw", "sq",
             "bg", "fi", "et", "ca", "gl", "ka", "az", "uz", "kk", "ky", "mn", "ne", "mr", "ta", "te", "ml", "ha",
             "om", "eu", "af", "ug", "sd", "ks", "tk", "yi", "lb", "fo", "rm", "fy", "ast", "xh", "st",
             "tn", "ts", "ss", "ve", "nr", "sn", "nd", "ny", "rw", "rn", "lg", "kaj", "ee", "bal", "brx", "or"],
            .englishLike)
        // one: i = 0 or n = 1 (integers: 0 and 1)
        set(["fa", "am", "hi", "bn", "gu", "kn", "zu", "as", "pcm"], Rule([(.one, .le(n, 1))], otherwise: .other))
        // one: n = 0..1
        set(["ti", "pa", "ln", "ak", "bho", "guw", "mg", "nso", "wa", "si", "hy", "ff", "kab"],
            Rule([(.one, .le(n, 1))], otherwise: .other))
        // Only other
        set(["zh", "ja", "ko", "vi", "th", "id", "ms", "lo", "km", "my", "yo", "ig", "jv", "su", "wo", "bo", "dz",
             "sg", "to", "kea", "ses", "sah", "ii", "osa"], Rule([], otherwise: .other))
        // one: i = 0,1; many: i != 0 and i % 1000000 = 0; other
        let million = Condition.and([.ne(n, 0), .eq(.mod(1_000_000), 0)])
        set(["fr", "pt"], Rule([(.one, .le(n, 1)), (.many, million)], otherwise: .other))
        // one: i = 1 and v = 0; many: million; other
        set(["it", "es", "ca", "pt-pt"], Rule([(.one, .eq(n, 1)), (.many, million)], otherwise: .other))
        // Arabic
        set(["ar"], Rule([(.zero, .eq(n, 0)), (.one, .eq(n, 1)), (.two, .eq(n, 2)),
                          (.few, .range(.mod(100), 3...10)), (.many, .ge(.mod(100), 11))], otherwise: .other))
        // East Slavic: one, few, many (other is for fractions only)
        let slavicOne = Condition.and([.eq(.mod(10), 1), .ne(.mod(100), 11)])
        let slavicFew = Condition.and([.range(.mod(10), 2...4), .notRange(.mod(100), 12...14)])
        set(["ru", "uk", "be"], Rule([(.one, slavicOne), (.few, slavicFew)], otherwise: .many))
        // Polish: one for 1 only
        set(["pl"], Rule([(.one, .eq(n, 1)), (.few, slavicFew)], otherwise: .many))
        // Czech, Slovak: one, few (2..4), other (many is for fractions only)
        set(["cs", "sk"], Rule([(.one, .eq(n, 1)), (.few, .range(n, 2...4))], otherwise: .other))
        // Serbo-Croatian
        set(["sr", "hr", "bs", "me"], Rule([(.one, slavicOne), (.few, slavicFew)], otherwise: .other))
        // Hebrew (CLDR 42 and later): one, two, other
        set(["he"], Rule([(.one, .eq(n, 1)), (.two, .eq(n, 2))], otherwise: .other))
        // Romanian: one; few: n = 0 or n % 100 = 1..19 (n != 1); other
        set(["ro"], Rule([(.one, .eq(n, 1)), (.few, .or([.eq(n, 0), .range(.mod(100), 1...19)]))], otherwise: .other))
        // Lithuanian (many is for fractions only)
        set(["lt"], Rule([(.one, .and([.eq(.mod(10), 1), .notRange(.mod(100), 11...19)])),
                          (.few, .and([.range(.mod(10), 2...9), .notRange(.mod(100), 11...19)]))], otherwise: .other))
        // Latvian
        set(["lv"], Rule([(.zero, .or([.eq(.mod(10), 0), .range(.mod(100), 11...19)])),
                          (.one, .and([.eq(.mod(10), 1), .ne(.mod(100), 11)]))], otherwise: .other))
        // Slovenian
        set(["sl"], Rule([(.one, .eq(.mod(100), 1)), (.two, .eq(.mod(100), 2)), (.few, .range(.mod(100), 3...4))],
                         otherwise: .other))
        // Macedonian, Icelandic
        set(["mk", "is"], Rule([(.one, .and([.eq(.mod(10), 1), .ne(.mod(100), 11)]))], otherwise: .other))
        // Irish
        set(["ga"], Rule([(.one, .eq(n, 1)), (.two, .eq(n, 2)), (.few, .range(n, 3...6)), (.many, .range(n, 7...10))],
                         otherwise: .other))
        // Welsh
        set(["cy"], Rule([(.zero, .eq(n, 0)), (.one, .eq(n, 1)), (.two, .eq(n, 2)), (.few, .eq(n, 3)), (.many, .eq(n, 6))],
                         otherwise: .other))
        // Maltese (CLDR 42 and later)
        set(["mt"], Rule([(.one, .eq(n, 1)), (.two, .eq(n, 2)), (.few, .or([.eq(n, 0), .range(.mod(100), 3...10)])),
                          (.many, .range(.mod(100), 11...19))], otherwise: .other))
        // Filipino: one for i = 1,2,3 or i % 10 != 4,6,9
        set(["fil"], Rule([(.one, .or([.range(n, 1...3), .and([.ne(.mod(10), 4), .ne(.mod(10), 6), .ne(.mod(10), 9)])]))],
                          otherwise: .other))
        return table
    }()

    static let languageNames: [String: String] = [
        "en": "English", "ar": "Arabic", "fa": "Persian", "prs": "Dari", "ps": "Pashto", "ur": "Urdu",
        "ckb": "Kurdish (Sorani)", "ku": "Kurdish", "kmr": "Kurdish (Kurmanji)", "ti": "Tigrinya", "am": "Amharic",
        "uk": "Ukrainian", "ru": "Russian", "pl": "Polish", "cs": "Czech", "sk": "Slovak", "tr": "Turkish",
        "it": "Italian", "ro": "Romanian", "nl": "Dutch", "fr": "French", "de": "German", "es": "Spanish",
        "pt": "Portuguese", "so": "Somali", "sw": "Swahili", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
        "vi": "Vietnamese", "he": "Hebrew", "hi": "Hindi", "bn": "Bengali", "sq": "Albanian", "sr": "Serbian",
        "hr": "Croatian", "bs": "Bosnian", "el": "Greek", "hu": "Hungarian", "sv": "Swedish", "da": "Danish",
        "nb": "Norwegian", "no": "Norwegian", "be": "Belarusian", "bg": "Bulgarian", "fi": "Finnish",
        "et": "Estonian", "lt": "Lithuanian", "lv": "Latvian", "sl": "Slovenian", "mk": "Macedonian",
        "ka": "Georgian", "hy": "Armenian", "az": "Azerbaijani", "uz": "Uzbek", "pa": "Punjabi", "ne": "Nepali",
        "ta": "Tamil", "th": "Thai", "id": "Indonesian", "ms": "Malay", "my": "Burmese", "ha": "Hausa",
        "om": "Oromo", "yo": "Yoruba", "ig": "Igbo", "ln": "Lingala", "ca": "Catalan", "ga": "Irish", "cy": "Welsh",
        "mt": "Maltese", "is": "Icelandic", "fil": "Filipino", "tl": "Tagalog", "ug": "Uyghur", "sd": "Sindhi",
    ]
}

// MARK: - Rules as data: evaluated here, written as C for PO

extension PluralRules {

    /// `n` or `n % m`.
    enum Operand: Sendable, Hashable {
        case n
        case mod(Int)

        func value(_ n: UInt) -> UInt {
            switch self {
            case .n: return n
            case .mod(let m): return n % UInt(m)
            }
        }

        var c: String {
            switch self {
            case .n: return "n"
            case .mod(let m): return "n%\(m)"
            }
        }
    }

    indirect enum Condition: Sendable, Hashable {
        case eq(Operand, Int)
        case ne(Operand, Int)
        case ge(Operand, Int)
        case le(Operand, Int)
        case range(Operand, ClosedRange<Int>)
        case notRange(Operand, ClosedRange<Int>)
        case and([Condition])
        case or([Condition])

        func holds(_ n: UInt) -> Bool {
            switch self {
            case .eq(let operand, let value): return operand.value(n) == UInt(value)
            case .ne(let operand, let value): return operand.value(n) != UInt(value)
            case .ge(let operand, let value): return operand.value(n) >= UInt(value)
            case .le(let operand, let value): return operand.value(n) <= UInt(value)
            case .range(let operand, let range):
                let v = operand.value(n)
                return v >= UInt(range.lowerBound) && v <= UInt(range.upperBound)
            case .notRange(let operand, let range):
                let v = operand.value(n)
                return v < UInt(range.lowerBound) || v > UInt(range.upperBound)
            case .and(let parts): return parts.allSatisfy { $0.holds(n) }
            case .or(let parts): return parts.contains { $0.holds(n) }
            }
        }

        var isDisjunction: Bool {
            switch self {
            case .or, .notRange: return true
            default: return false
            }
        }

        var c: String {
            switch self {
            case .eq(let operand, let value): return "\(operand.c)==\(value)"
            case .ne(let operand, let value): return "\(operand.c)!=\(value)"
            case .ge(let operand, let value): return "\(operand.c)>=\(value)"
            case .le(let operand, let value): return "\(operand.c)<=\(value)"
            case .range(let operand, let range): return "\(operand.c)>=\(range.lowerBound) && \(operand.c)<=\(range.upperBound)"
            case .notRange(let operand, let range): return "\(operand.c)<\(range.lowerBound) || \(operand.c)>\(range.upperBound)"
            case .and(let parts): return parts.map { $0.isDisjunction ? "(\($0.c))" : $0.c }.joined(separator: " && ")
            case .or(let parts): return parts.map { part -> String in
                    if case .and = part { return "(\(part.c))" }
                    if case .range = part { return "(\(part.c))" }
                    return part.c
                }.joined(separator: " || ")
            }
        }
    }

    /// Clauses tried in order, then the category of every other count.
    struct Rule: Sendable, Hashable {
        var clauses: [Clause]
        var otherwise: PluralCategory

        struct Clause: Sendable, Hashable {
            var category: PluralCategory
            var condition: Condition
        }

        init(_ clauses: [(PluralCategory, Condition)], otherwise: PluralCategory) {
            self.clauses = clauses.map { Clause(category: $0.0, condition: $0.1) }
            self.otherwise = otherwise
        }

        static let englishLike = Rule([(.one, .eq(.n, 1))], otherwise: .other)

        var categories: [PluralCategory] {
            Set(clauses.map(\.category) + [otherwise]).sorted()
        }

        func category(for n: UInt) -> PluralCategory {
            clauses.first { $0.condition.holds(n) }?.category ?? otherwise
        }

        /// `c1 ? i1 : c2 ? i2 : ... : iOtherwise`.
        func cExpression(indexOf: (PluralCategory) -> Int) -> String {
            var parts: [String] = []
            for clause in clauses {
                let condition = clause.condition.isDisjunction ? "(\(clause.condition.c))" : clause.condition.c
                parts.append("\(condition) ? \(indexOf(clause.category))")
            }
            parts.append(String(indexOf(otherwise)))
            return parts.joined(separator: " : ")
        }
    }
}
