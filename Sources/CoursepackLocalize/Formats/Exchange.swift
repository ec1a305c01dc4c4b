import Foundation

/// What travels to a translator and back, whatever the file format.
public struct ExchangeFile: Sendable, Hashable {
    public var moduleID: String
    public var moduleVersion: String
    public var sourceLocale: String
    public var targetLocale: String
    public var units: [ExchangeUnit]
    /// PO entries that carry no string id (`msgctxt`): a tool dropped it, or the entry is not one of
    /// ours. Counted so that the import can say so.
    public var entriesWithoutID = 0
    /// XLIFF 2.0 units without `name`: their keys are the `id` tokens the writer made, mapped back to
    /// string ids once the module is known (`ExchangeFiles.resolvingTokens`).
    public var keysAreTokens = false
    /// Whether an approval travels in a comment the translator's tool keeps when the translation is
    /// edited (PO): a changed translation that still says final then needs a new approval.
    public var approvalSurvivesEdits = false
    /// Elements and attributes of other tools found on import, kept to be written back on the next
    /// export of the same file (XLIFF only): opaque, format-specific.
    public var preserved: PreservedMarkup

    public init(moduleID: String, moduleVersion: String, sourceLocale: String, targetLocale: String,
                units: [ExchangeUnit], preserved: PreservedMarkup = .empty) {
        self.moduleID = moduleID
        self.moduleVersion = moduleVersion
        self.sourceLocale = sourceLocale
        self.targetLocale = targetLocale
        self.units = units
        self.preserved = preserved
    }
}

public struct ExchangeUnit: Sendable, Hashable {
    public var id: String
    /// Markdown inline text.
    public var source: String
    public var sourcePlural: String?
    /// Empty when untranslated; several for plural forms, in the target locale's CLDR category order.
    public var target: [String]
    public var status: TranslationStatus
    /// For the translator (page, kind, limits).
    public var notes: [String]
    public var kind: UnitKind
    public var page: String?
    public var maxLength: Int?
    /// For `.stale` units: the source the translation was made from.
    public var previousSource: String?
    /// The translator's own notes (PO `# ` comments, XLIFF notes not written by Coursepack), kept
    /// in the table and written back on the next export.
    public var comments: [String]
    /// Where the string is in the module (`pages/02-address.md:14`), for the PO `#:` line.
    public var references: [String]

    public init(id: String, source: String, sourcePlural: String? = nil, target: [String] = [],
                status: TranslationStatus = .new, notes: [String] = [], kind: UnitKind, page: String? = nil,
                maxLength: Int? = nil, previousSource: String? = nil, comments: [String] = [], references: [String] = []) {
        self.id = id
        self.source = source
        self.sourcePlural = sourcePlural
        self.target = target
        self.status = status
        self.notes = notes
        self.kind = kind
        self.page = page
        self.maxLength = maxLength
        self.previousSource = previousSource
        self.comments = comments
        self.references = references
    }
}

public enum ExchangeFormat: String, CaseIterable, Sendable {
    case po, xliff12, xliff20

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .po: return "po"
        case .xliff12, .xliff20: return "xlf"
        }
    }
}

/// A file that cannot be read as a whole: malformed XML, not XLIFF/TMX, a version or encoding we do
/// not read. `line`/`column` (1-based) point at the problem when known.
public struct ExchangeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// `12:5: message`, or the message alone when the position is unknown.
    public var description: String {
        switch (line, column) {
        case let (line?, column?): return "\(line):\(column): \(message)"
        case let (line?, nil): return "\(line): \(message)"
        default: return message
        }
    }
}

/// Markup of other tools (memoQ, Trados, Okapi, ITS...) found in an imported XLIFF file: elements and
/// attributes Coursepack does not understand, kept so that the next export of the same file writes
/// them back where they were (file level or the same unit).
///
/// Elements are stored as standalone XML strings (with the namespace declarations they need), in
/// document order; attributes with their namespace. The lead stores the value as JSON in
/// `locales/.exchange/<locale>.<format>.json`.
public struct PreservedMarkup: Codable, Sendable, Hashable {
    /// `xliff12` or `xliff20`: the format the markup was read from; a writer of another format ignores it.
    public var format: String?
    /// Markup on `<xliff>`, `<file>` and (1.2) `<header>`.
    public var file: Scope
    /// Markup per unit, keyed by the unit's key in the file: the unit id, `id#category` for one plural
    /// form (a 2.0 `<unit>`, a 1.2 `<trans-unit>`), and the bare id for a 1.2 plural `<group>`.
    public var units: [String: Scope]

    public struct Scope: Codable, Sendable, Hashable {
        public var elements: [Element]
        public var attributes: [Attribute]

        public init(elements: [Element] = [], attributes: [Attribute] = []) {
            self.elements = elements
            self.attributes = attributes
        }

        public var isEmpty: Bool { elements.isEmpty && attributes.isEmpty }
    }

    /// One element, serialized.
    public struct Element: Codable, Sendable, Hashable {
        /// The local name of the element it was a child of: `file`, `header`, `unit`, `trans-unit`, `group`.
        public var parent: String
        /// The element's namespace (empty for none) and local name, to write it back in schema order.
        public var namespace: String
        public var name: String
        public var xml: String

        public init(parent: String, namespace: String, name: String, xml: String) {
            self.parent = parent
            self.namespace = namespace
            self.name = name
            self.xml = xml
        }
    }

    /// One attribute of an element we write ourselves.
    public struct Attribute: Codable, Sendable, Hashable {
        /// The local name of the element that carried it: `xliff`, `file`, `unit`, `trans-unit`, `target`, `group`.
        public var element: String
        /// Empty for an attribute without namespace.
        public var namespace: String
        public var prefix: String?
        public var name: String
        public var value: String

        public init(element: String, namespace: String, prefix: String?, name: String, value: String) {
            self.element = element
            self.namespace = namespace
            self.prefix = prefix
            self.name = name
            self.value = value
        }
    }

    public init(format: String? = nil, file: Scope = Scope(), units: [String: Scope] = [:]) {
        self.format = format
        self.file = file
        self.units = units
    }

    public static let empty = PreservedMarkup()

    public var isEmpty: Bool { file.isEmpty && units.values.allSatisfy(\.isEmpty) }

    /// JSON, keys sorted: the same markup gives the same bytes.
    public func encode() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> PreservedMarkup {
        try JSONDecoder().decode(PreservedMarkup.self, from: data)
    }

    /// Whether a writer of `format` should write this markup back.
    func applies(to format: ExchangeFormat) -> Bool {
        self.format == nil || self.format == format.rawValue
    }

    func scope(forUnit key: String) -> Scope { units[key] ?? Scope() }

    mutating func add(element: Element, unit key: String?) {
        if let key { units[key, default: Scope()].elements.append(element) } else { file.elements.append(element) }
    }

    mutating func add(attribute: Attribute, unit key: String?) {
        if let key { units[key, default: Scope()].attributes.append(attribute) } else { file.attributes.append(attribute) }
    }
}

/// CLDR plural categories in their canonical order, for naming plural units `id#category`.
enum PluralCategoryNames {
    static let all = ["zero", "one", "two", "few", "many", "other"]

    /// Splits `ui/pages-left#few` into (`ui/pages-left`, `few`).
    static func split(_ key: String) -> (id: String, category: String)? {
        guard let hash = key.lastIndex(of: "#") else { return nil }
        let category = String(key[key.index(after: hash)...])
        guard all.contains(category), hash > key.startIndex else { return nil }
        return (String(key[..<hash]), category)
    }

    static func sorted(_ categories: [String]) -> [String] {
        categories.sorted { (all.firstIndex(of: $0) ?? 99) < (all.firstIndex(of: $1) ?? 99) }
    }

    /// The source a plural form translates: the singular for `one`, the plural otherwise.
    static func source(for category: String, singular: String, plural: String?) -> String {
        category == "one" ? singular : (plural ?? singular)
    }
}
