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
