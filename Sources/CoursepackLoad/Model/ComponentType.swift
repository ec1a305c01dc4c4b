/// The interactive and media parts of a page, written as fenced blocks whose body is YAML.
public enum ComponentType: String, Sendable, Hashable, CaseIterable, Codable {
    case image, audio, video, callout, accordion, quiz, dialogue, glossary, flashcards, checklist, reflection, download

    /// Fenced blocks with these info strings are code shown to the learner, not components.
    public static let codeLanguages: Set<String> = [
        "", "text", "plaintext", "txt", "yaml", "yml", "json", "xml", "html", "css", "js", "javascript",
        "sh", "bash", "shell", "console", "python", "markdown", "md", "csv", "diff", "sql",
    ]
}
