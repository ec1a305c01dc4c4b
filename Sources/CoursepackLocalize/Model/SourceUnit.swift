import CoursepackLoad

/// One translatable string of a module, as extracted from its source language: a paragraph, a
/// heading, a list item, a table cell, or a translatable field of a component or of the metadata.
public struct SourceUnit: Sendable, Hashable {
    /// Stable across edits and reordering: `02-address/p-3fa2c1`, `where-to-register/options/0/text`,
    /// `module/title`, `ui/pages-left`. Assigned once, kept by reconciliation (see `UnitReconciler`).
    public var id: String
    /// The source text: Markdown inline syntax (and inline HTML) included, soft line breaks as spaces.
    public var text: String
    /// For a plural message (interface strings only): the plural source; `text` is then the singular.
    public var plural: String?
    public var kind: UnitKind
    /// The page the unit is on, nil for module metadata and interface strings.
    public var page: String?
    /// Notes for the translator: where the text appears, what it is for.
    public var notes: [String]
    /// A length limit in characters, from the schema's `maxLength`.
    public var maxLength: Int?
    public var location: SourceLocation

    public init(id: String, text: String, plural: String? = nil, kind: UnitKind, page: String?, notes: [String] = [],
                maxLength: Int? = nil, location: SourceLocation) {
        self.id = id
        self.text = text
        self.plural = plural
        self.kind = kind
        self.page = page
        self.notes = notes
        self.maxLength = maxLength
        self.location = location
    }

    /// A short hash of the source (text and plural), to see at a glance that a source changed.
    public var sourceHash: String { SourceHash.of(plural.map { text + "\u{0}" + $0 } ?? text) }

    /// The inline codes (Markdown and HTML markup, `{placeholders}`) a translation must keep.
    public var placeholders: [InlineToken] { InlineMarkup.tokenize(text).filter { !$0.isText } }
}

/// What kind of text a unit is: translators and checks treat headings and cells differently.
public enum UnitKind: String, Sendable, Hashable, Codable, CaseIterable {
    case heading
    case paragraph
    case listItem = "list-item"
    case tableCell = "table-cell"
    /// A translatable field of a component (`question`, `options/0/text`) or of the page front matter.
    case field
    /// A translatable field of `module.yaml` (title, description, objectives...).
    case metadata
    /// A message of the player's interface ("Next page", "{count} pages left").
    case interface
}
