/// Interface texts the markup itself needs. Most are the player's messages (`ui/*`, translated with the
/// module); the few the string tables do not have yet fall back to English, marked `lang="en"`, and
/// are taken from the tables as soon as a `ui/<key>` unit exists.
enum RendererMessages {
    static let defaults: [String: String] = [
        "skip-to-content": "Skip to content",
        "about": "About this module",
        "true": "True",
        "false": "False",
    ]

    static func text(_ key: String, in texts: LocaleTexts) -> LocalizedText {
        if let message = texts.message(key) { return message.singular }
        let english = defaults[key] ?? key
        let isEnglish = texts.locale == "en" || texts.locale.hasPrefix("en-")
        return LocalizedText(text: english, fallbackLanguage: isEnglish ? nil : "en")
    }
}
