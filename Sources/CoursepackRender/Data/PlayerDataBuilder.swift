import JSONSchema

/// Collects, while the pages are written, what the player needs beyond the markup: the components
/// that keep progress, the quizzes with their answers and the dialogues with their scene links
/// (docs/package-layout.md, "The data block").
final class PlayerDataBuilder {
    private(set) var components: [String: JSONValue] = [:]
    private(set) var quizzes: [String: JSONValue] = [:]
    private(set) var dialogues: [String: JSONValue] = [:]

    /// A component with an id: where it is, so the player can save and restore its state by id.
    func component(_ id: String, type: String, page: String, element: String) {
        components[id] = ["type": .string(type), "page": .string(page), "element": .string(element)]
    }

    /// A video's captions, text included: from `file://` Chromium refuses `<track src>`, so the player
    /// makes the tracks from this text there (and turns on the default one everywhere).
    func captions(_ captions: [JSONValue], of id: String?, type: String, page: String, element: String) {
        let key = id ?? element
        var entry: [String: JSONValue] = ["type": .string(type), "page": .string(page), "element": .string(element)]
        if case .object(let existing)? = components[key] { entry = existing }
        entry["captions"] = .array(captions)
        components[key] = .object(entry)
    }

    func quiz(_ id: String, _ value: JSONValue) {
        quizzes[id] = value
    }

    func dialogue(_ id: String, _ value: JSONValue) {
        dialogues[id] = value
    }

    /// What another builder collected (one page's, in the preview, which renders page by page).
    func absorb(quizzes: [String: JSONValue], dialogues: [String: JSONValue], components: [String: JSONValue]) {
        self.quizzes.merge(quizzes) { _, new in new }
        self.dialogues.merge(dialogues) { _, new in new }
        self.components.merge(components) { _, new in new }
    }
}
