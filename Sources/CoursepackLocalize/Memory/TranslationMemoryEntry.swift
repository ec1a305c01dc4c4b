/// One translation unit of the memory: a source text and its translation in a locale pair.
///
/// Declared here, by the translation memory, and shared with the TMX reader and writer
/// (`Formats/TMX`). `source` and `target` are Markdown inline text, as in the string tables.
public struct TranslationMemoryEntry: Sendable, Hashable {
    public var source: String
    public var target: String
    public var sourceLocale: String
    public var targetLocale: String
    /// Where the translation came from: a module id, a TMX file, a tool.
    public var origin: String?
    /// When the translation was made, as written by whoever made it (ISO 8601 or TMX's
    /// `20261122T101500Z`); the memory keeps it as text.
    public var created: String?

    public init(source: String, target: String, sourceLocale: String, targetLocale: String,
                origin: String? = nil, created: String? = nil) {
        self.source = source
        self.target = target
        self.sourceLocale = sourceLocale
        self.targetLocale = targetLocale
        self.origin = origin
        self.created = created
    }
}

/// A unit of the memory found for a text, with how close its source is.
public struct MemoryMatch: Sendable, Hashable {
    public let entry: TranslationMemoryEntry
    /// 100 for an exact match (same source once whitespace is collapsed); at most 99 for a fuzzy one.
    public let score: Int
    public var isExact: Bool

    public init(entry: TranslationMemoryEntry, score: Int, isExact: Bool) {
        self.entry = entry
        self.score = score
        self.isExact = isExact
    }
}
