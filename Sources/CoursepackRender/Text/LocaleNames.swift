/// Each language's name in itself, for the language switch: a learner looks for "العربية", not "Arabic".
enum LocaleNames {
    static func name(of tag: String) -> String {
        let subtags = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let language = subtags.first?.lowercased() else { return tag }
        if let name = names[tag.lowercased()] ?? names[language] {
            // A region or script the table does not name itself is added in brackets: "Português (PT)".
            let rest = subtags.dropFirst()
            return names[tag.lowercased()] != nil || rest.isEmpty ? name : name + " (" + rest.joined(separator: "-") + ")"
        }
        return tag
    }

    private static let names: [String: String] = [
        "am": "አማርኛ", "ar": "العربية", "az": "Azərbaycan", "be": "Беларуская", "bg": "Български", "bn": "বাংলা",
        "bs": "Bosanski", "ca": "Català", "ckb": "کوردیی ناوەندی", "cs": "Čeština", "cy": "Cymraeg", "da": "Dansk",
        "de": "Deutsch", "el": "Ελληνικά", "en": "English", "es": "Español", "et": "Eesti", "fa": "فارسی",
        "fa-af": "دری", "fi": "Suomi", "fil": "Filipino", "fr": "Français", "ga": "Gaeilge", "ha": "Hausa",
        "he": "עברית", "hi": "हिन्दी", "hr": "Hrvatski", "hu": "Magyar", "hy": "Հայերեն", "id": "Bahasa Indonesia",
        "ig": "Igbo", "is": "Íslenska", "it": "Italiano", "ja": "日本語", "ka": "ქართული", "ko": "한국어",
        "ku": "Kurdî", "kmr": "Kurmancî", "ln": "Lingála", "lt": "Lietuvių", "lv": "Latviešu", "mk": "Македонски",
        "ms": "Bahasa Melayu", "mt": "Malti", "my": "မြန်မာ", "nb": "Norsk bokmål", "ne": "नेपाली", "nl": "Nederlands",
        "no": "Norsk", "om": "Oromoo", "pa": "ਪੰਜਾਬੀ", "pl": "Polski", "prs": "دری", "ps": "پښتو", "pt": "Português",
        "pt-br": "Português (Brasil)", "ro": "Română", "ru": "Русский", "sd": "سنڌي", "sk": "Slovenčina",
        "sl": "Slovenščina", "so": "Soomaali", "sq": "Shqip", "sr": "Српски", "sr-latn": "Srpski", "sv": "Svenska",
        "sw": "Kiswahili", "ta": "தமிழ்", "th": "ไทย", "ti": "ትግርኛ", "tl": "Tagalog", "tr": "Türkçe", "ug": "ئۇيغۇرچە",
        "uk": "Українська", "ur": "اردو", "uz": "Oʻzbek", "vi": "Tiếng Việt", "yo": "Yorùbá", "zh": "中文",
        "zh-hans": "简体中文", "zh-hant": "繁體中文",
    ]
}
