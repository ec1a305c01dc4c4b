/// A gettext PO (or POT) file: a header and entries, with every comment kind gettext defines.
public struct POFile: Sendable, Hashable {
    /// The header's fields in order (`Language`, `Plural-Forms`, `Content-Type`...).
    public var header: [(key: String, value: String)]
    /// Comments above the header entry.
    public var headerComments: [String]
    public var entries: [POEntry]

    public init(header: [(key: String, value: String)] = [], headerComments: [String] = [], entries: [POEntry] = []) {
        self.header = header
        self.headerComments = headerComments
        self.entries = entries
    }

    public func headerValue(_ key: String) -> String? {
        header.first { $0.key.lowercased() == key.lowercased() }?.value
    }

    public static func == (a: POFile, b: POFile) -> Bool {
        a.header.map { "\($0.key): \($0.value)" } == b.header.map { "\($0.key): \($0.value)" }
            && a.headerComments == b.headerComments && a.entries == b.entries
    }

    public func hash(into hasher: inout Hasher) {
        for field in header { hasher.combine(field.key); hasher.combine(field.value) }
        hasher.combine(entries)
    }
}

public struct POEntry: Sendable, Hashable {
    /// `# ` comments: the translator's own.
    public var translatorComments: [String] = []
    /// `#.` comments: notes for the translator from the tool.
    public var extractedComments: [String] = []
    /// `#:` references: where the source is.
    public var references: [String] = []
    /// `#,` flags: `fuzzy`, `final`...
    public var flags: [String] = []
    /// `#| msgctxt`, `#| msgid`, `#| msgid_plural`: the source before it changed.
    public var previousContext: String?
    public var previousID: String?
    public var previousIDPlural: String?
    public var context: String?
    public var id: String
    public var idPlural: String?
    /// `msgstr`, or `msgstr[0]`... for plural entries.
    public var strings: [String]
    /// `#~` entries: removed from the source, kept so that no translation is lost.
    public var obsolete = false
    /// The line of `msgid` in the file it was read from (for messages), 0 when written in memory.
    public var line = 0
    /// The line of the (first) `msgstr`, where a translation's problems are reported.
    public var translationLine = 0

    public init(context: String?, id: String, idPlural: String? = nil, strings: [String]) {
        self.context = context
        self.id = id
        self.idPlural = idPlural
        self.strings = strings
    }

    public var isFuzzy: Bool { flags.contains("fuzzy") }

    public static func == (a: POEntry, b: POEntry) -> Bool {
        a.translatorComments == b.translatorComments && a.extractedComments == b.extractedComments
            && a.references == b.references && a.flags == b.flags && a.previousContext == b.previousContext
            && a.previousID == b.previousID && a.previousIDPlural == b.previousIDPlural && a.context == b.context
            && a.id == b.id && a.idPlural == b.idPlural && a.strings == b.strings && a.obsolete == b.obsolete
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(context)
        hasher.combine(id)
        hasher.combine(strings)
    }
}
