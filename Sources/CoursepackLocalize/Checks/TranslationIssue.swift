import CoursepackLoad

/// What a translation check looks at. The raw values are the names tools and reports show.
public enum TranslationCheck: String, Sendable, Hashable, Codable, CaseIterable {
    /// `{placeholders}`, inline code, line breaks and HTML tags dropped or added.
    case placeholders
    /// Link, image and web-address destinations changed, dropped or added.
    case links
    /// Markdown emphasis, strike-through, links or code left unbalanced; formatting dropped or added.
    case markup
    /// Script-running HTML: `<script>`, `on...=` attributes, `javascript:` addresses.
    case unsafeHTML = "unsafe-html"
    /// A plural form of the target language missing or blank.
    case pluralForms = "plural-forms"
    /// An empty translation.
    case blank
    /// The translation is the source text, unchanged.
    case unchanged
    /// The numbers of the source and of the translation differ.
    case numbers
    /// The end punctuation differs, or is not the one of the target's script.
    case punctuation
    /// A word written twice in a row.
    case doubledWords = "doubled-words"
    /// Invisible direction marks the source does not have.
    case bidiControls = "bidi-controls"
    /// Tatweel (kashida) stretching Arabic-script words.
    case kashida
    /// Longer than the field allows.
    case length
    /// C0/C1 control characters, DEL or noncharacters the source does not have.
    case controlCharacters = "control-characters"
}

/// One problem of one translation. Errors refuse the translation on import; warnings are reported.
public struct TranslationIssue: Sendable, Hashable, CustomStringConvertible {
    public let check: TranslationCheck
    public let severity: Severity
    /// For the translator, naming the thing: "the placeholder {count} is missing".
    public let message: String
    /// For a plural message, the form the issue is in (nil for the message as a whole).
    public let form: PluralCategory?

    public init(check: TranslationCheck, severity: Severity, message: String, form: PluralCategory? = nil) {
        self.check = check
        self.severity = severity
        self.message = message
        self.form = form
    }

    public var isError: Bool { severity == .error }

    /// `error [placeholders] the placeholder {count} is missing`.
    public var description: String { "\(severity.rawValue) [\(check.rawValue)] \(message)" }
}
