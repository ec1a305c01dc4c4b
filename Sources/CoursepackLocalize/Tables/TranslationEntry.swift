/// One unit's translation in one locale.
public struct TranslationEntry: Sendable, Hashable {
    public var id: String
    /// The source text this translation was made from (the current source, once merged).
    public var source: String
    public var sourcePlural: String?
    /// One string, or one per plural form in the locale's CLDR order; empty when untranslated.
    public var translation: [String]
    public var status: TranslationStatus
    /// For a stale translation: the source it was made from.
    public var previousSource: String?
    /// The translator's own comments, kept as they are.
    public var comments: [String]

    public init(id: String, source: String, sourcePlural: String? = nil, translation: [String] = [],
                status: TranslationStatus = .new, previousSource: String? = nil, comments: [String] = []) {
        self.id = id
        self.source = source
        self.sourcePlural = sourcePlural
        self.translation = translation
        self.status = status
        self.previousSource = previousSource
        self.comments = comments
    }

    public var hasTranslation: Bool { translation.contains { !$0.isEmpty } }
}
