import CoursepackLocalize
import Foundation

/// The host's own words in one language, for one page. A key missing from a language falls back to
/// English, so a partial translation shows what it has.
public struct HostStrings: Sendable {
    public let language: String
    let table: [String: String]
    /// Every language of this host (for the language switch).
    public let catalog: HostLanguages

    public var direction: String { HostLanguages.isRightToLeft(language) ? "rtl" : "ltr" }

    public subscript(_ key: String) -> String { table[key] ?? Self.englishTable[key] ?? key }

    /// `{name}` placeholders filled in.
    public func format(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The strings of `language` (a tag: itself if the host has it, else its base language, `fr-CA`
    /// gives `fr`) among `languages`, English when it has neither.
    public init(language: String, in languages: HostLanguages = .builtIn) {
        self.language = languages.resolve(language) ?? "en"
        table = languages.tables[self.language] ?? Self.englishTable
        catalog = languages
    }

    /// The source: every key, its English text and a note for translators (in the template as `#.`).
    /// Translations are PO files (Sources/CoursepackServe/Strings, or a centre's own with `serve
    /// --strings DIR`), one entry per key: msgctxt the key, msgid the English text.
    public static let english: [(key: String, text: String, note: String?)] = [
        ("site", "Training room", "The name of the host in the page header and title."),
        ("join.title", "Join", nil),
        ("join.intro", "Type the code your trainer gave you, or your name as the trainer wrote it.", nil),
        ("join.field", "Your code or name", nil),
        ("join.button", "Start", nil),
        ("join.unknown", "No learner has this code or name. Check it with your trainer.", nil),
        ("catalog.title", "Your modules", nil),
        ("catalog.hello", "Hello, {name}", "{name}: the learner's name as the trainer wrote it."),
        ("catalog.empty", "There is no module here yet. Your trainer adds them.", nil),
        ("catalog.open", "Open", nil),
        ("catalog.resume", "Continue", nil),
        ("catalog.review", "Open again", nil),
        ("catalog.sequencing", "This course uses sequencing rules this host does not apply: its parts are offered in order.", "Shown on a course whose sequencing rules this host does not apply."),
        ("status.not-started", "Not started", nil),
        ("status.incomplete", "In progress", nil),
        ("status.completed", "Completed", nil),
        ("status.passed", "Passed", nil),
        ("status.failed", "Not passed", "A test the learner did not pass (the module may be taken again)."),
        ("score", "Score {score}%", "{score}: a number from 0 to 100, the percentage."),
        ("signout", "Leave", nil),
        ("language", "Language", "Label of the language switch."),
        ("play.contents", "Contents", nil),
        ("play.back", "Back to your modules", nil),
        ("play.saved", "Saved", nil),
        ("play.saving", "Saving…", nil),
        ("play.queued", "Saved on this device, not yet on the server. It will be sent when the connection is back.", "Shown while the learner's progress waits on the phone for the server."),
        ("play.failed", "Not saved: the server refused it. Tell your trainer.", "The server refused the progress (not a network problem)."),
        ("play.retired", "Your trainer reset this module. Open it again to start afresh.", nil),
        ("play.previous", "Previous", nil),
        ("play.next", "Next", nil),
        ("play.finished", "You have finished this part.", nil),
        ("code.hint", "Code", "Label of the learner's code on the catalog page."),
        ("language.name", "English", "The name of this language in this language (Français, العربية), shown in the language switch."),
    ]

    static let englishTable: [String: String] = Dictionary(uniqueKeysWithValues: english.map { ($0.key, $0.text) })
}
