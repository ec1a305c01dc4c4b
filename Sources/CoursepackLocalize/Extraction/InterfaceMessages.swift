import CoursepackLoad

/// The messages of the player's own interface, translated with each module so that a package in Arabic
/// has an Arabic player. Placeholders in braces are filled in by the player; keep them.
public enum InterfaceMessages {
    public struct Message: Sendable {
        public let key: String
        public let text: String
        public let plural: String?
        public let note: String
    }

    public static let all: [Message] = [
        Message(key: "contents", text: "Contents", plural: nil, note: "Title of the table of contents."),
        Message(key: "previous", text: "Previous", plural: nil, note: "Button: go to the previous page."),
        Message(key: "next", text: "Next", plural: nil, note: "Button: go to the next page."),
        Message(key: "language", text: "Language", plural: nil, note: "Label of the language switch."),
        Message(key: "resume", text: "Continue where you left off", plural: nil, note: "Button shown to a returning learner."),
        Message(key: "start-over", text: "Start from the beginning", plural: nil, note: "Button shown to a returning learner."),
        Message(key: "check-answer", text: "Check my answer", plural: nil, note: "Button under a question."),
        Message(key: "try-again", text: "Try again", plural: nil, note: "Button after a wrong answer."),
        Message(key: "correct", text: "Correct.", plural: nil, note: "Feedback after a right answer."),
        Message(key: "incorrect", text: "Not quite.", plural: nil, note: "Feedback after a wrong answer."),
        Message(key: "completed", text: "You have completed this module.", plural: nil, note: "Shown when the module is complete."),
        Message(key: "saved-offline", text: "No connection to the learning platform. Your progress is kept on this device and will be sent later: nothing is lost.",
                plural: nil, note: "Shown when the learning platform does not answer."),
        Message(key: "transcript", text: "Transcript", plural: nil, note: "Heading of an audio or video transcript."),
        Message(key: "download", text: "Download", plural: nil, note: "Link to download a file."),
        Message(key: "pages-left", text: "{count} page left", plural: "{count} pages left",
                note: "Progress; {count} is a number of pages."),
        Message(key: "attempts-left", text: "You have {count} attempt left.", plural: "You have {count} attempts left.",
                note: "Under a question; {count} is a number of attempts."),
        Message(key: "score", text: "You answered {count} question correctly.", plural: "You answered {count} questions correctly.",
                note: "Result; {count} is a number of questions."),
        Message(key: "progress", text: "Page {current} of {total}", plural: nil, note: "Progress; {current} and {total} are numbers."),
        Message(key: "skip-to-content", text: "Skip to content", plural: nil,
                note: "Link for keyboard and screen-reader users, the first thing on every page."),
        Message(key: "about", text: "About this module", plural: nil, note: "Label of the page footer (authors, licence, version)."),
        Message(key: "true", text: "True", plural: nil, note: "Answer of a true-or-false question."),
        Message(key: "false", text: "False", plural: nil, note: "Answer of a true-or-false question."),
        Message(key: "pages", text: "Pages", plural: nil, note: "Name of the bar with the previous and next buttons, for screen readers."),
        Message(key: "seen", text: "(seen)", plural: nil, note: "After a page's name in the contents: the learner has opened it."),
        Message(key: "question", text: "Question {count}", plural: nil, note: "Before each question of a quiz; {count} is its number."),
        Message(key: "choose-answer", text: "Please answer the question first.", plural: nil,
                note: "When the learner checks an answer without choosing one."),
        Message(key: "no-attempts-left", text: "No attempts left.", plural: nil, note: "Under a question that cannot be tried again."),
        Message(key: "passed", text: "You passed with a score of {count}%.", plural: nil, note: "Result; {count} is the score in percent."),
        Message(key: "failed", text: "Your score is {count}%. You need {total}% to pass.", plural: nil,
                note: "Result; {count} is the score and {total} the passing score, both in percent."),
        Message(key: "saved", text: "Your progress has been sent to the learning platform.", plural: nil,
                note: "Shown when the learning platform answers again after a break."),
        Message(key: "welcome-back", text: "Welcome back. You are on the page where you left off.", plural: nil,
                note: "Shown to a returning learner."),
        Message(key: "show-answer", text: "Show the answer", plural: nil, note: "Button on a flashcard."),
        Message(key: "hide-answer", text: "Hide the answer", plural: nil, note: "Button on a flashcard."),
        Message(key: "you", text: "You", plural: nil, note: "In a role play, before the lines the learner chose."),
        Message(key: "exit", text: "Exit", plural: nil, note: "Button that ends the session in the learning platform."),
    ]

    /// Where interface messages come from, for diagnostics.
    static let location = SourceLocation(file: "(player)")

    static var units: [SourceUnit] {
        all.map { message in
            SourceUnit(id: "ui/" + message.key, text: message.text, plural: message.plural, kind: .interface, page: nil,
                       notes: ["Player interface: " + message.note], location: location)
        }
    }
}
