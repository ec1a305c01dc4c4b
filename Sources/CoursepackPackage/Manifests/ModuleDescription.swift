import CoursepackLoad
import CoursepackLocalize

/// A text in one locale.
public struct LocalizedText: Sendable, Equatable, Codable {
    public let locale: String
    public let text: String
}

/// What the manifests say about a module: from module.yaml, with its title and description in every
/// locale the package carries (first the package's first locale, which `index.html` shows).
public struct ModuleDescription: Sendable {
    public let id: String
    public let version: String
    public let sourceLanguage: String
    public let titles: [LocalizedText]
    public let descriptions: [LocalizedText]
    public let keywords: [String]
    public let completion: CompletionRule
    public let durationMinutes: Int?

    public init(id: String, version: String, sourceLanguage: String, titles: [LocalizedText],
                descriptions: [LocalizedText], keywords: [String], completion: CompletionRule, durationMinutes: Int?) {
        self.id = id
        self.version = version
        self.sourceLanguage = sourceLanguage
        self.titles = titles
        self.descriptions = descriptions
        self.keywords = keywords
        self.completion = completion
        self.durationMinutes = durationMinutes
    }

    /// Reads the description of a checked module, with translations for `locales` where they are usable.
    init?(_ strings: ModuleStrings, module: Module, locales: [String]) {
        guard let manifest = module.manifest, let completion = CompletionRule(manifest["completion"]) else { return nil }
        id = strings.identity.id
        version = strings.identity.version
        sourceLanguage = strings.identity.sourceLanguage
        func localized(_ unit: String, source: String?) -> [LocalizedText] {
            guard let source else { return [] }
            return locales.map { locale in
                guard locale != strings.identity.sourceLanguage,
                      let entry = strings.tables[locale]?.entries[unit], entry.status.isUsable,
                      let translation = entry.translation.first, !translation.isEmpty
                else { return LocalizedText(locale: locale, text: source) }
                return LocalizedText(locale: locale, text: translation)
            }
        }
        titles = localized("module/title", source: manifest["title"]?.string ?? strings.identity.id)
        descriptions = localized("module/description", source: manifest["description"]?.string)
        keywords = manifest["keywords"]?.array?.compactMap { $0.string } ?? []
        self.completion = completion
        durationMinutes = manifest["duration_minutes"]?.integer
    }

    /// The title in the package's first locale: what an LMS lists.
    public var title: String { titles.first?.text ?? id }

    /// The manifest identifier: unique to the module (its id, which never changes, docs/format.md) and
    /// the same for every version, so that an LMS recognises a new version as an update of the same
    /// course. An XML ID (SCORM) must start with a letter, hence the prefix.
    public var manifestIdentifier: String { "coursepack." + id }

    /// cmi5 identifies the course and the AU by IRIs: URNs, which name without pointing at the network.
    public var courseIRI: String { "urn:coursepack:module:" + id }
    public var assignableUnitIRI: String { "urn:coursepack:module:" + id + ":au" }
}
