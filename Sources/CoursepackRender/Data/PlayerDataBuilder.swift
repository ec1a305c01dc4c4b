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

    func quiz(_ id: String, _ value: JSONValue) {
        quizzes[id] = value
    }

    func dialogue(_ id: String, _ value: JSONValue) {
        dialogues[id] = value
    }
}
