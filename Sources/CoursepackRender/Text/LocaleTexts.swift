import CoursepackLoad
import CoursepackLocalize

/// A text as shown in one locale: the translation, or the source text when there is no usable
/// translation. `fallbackLanguage` is set in the second case, so that the markup can say which
/// language the text is in (`lang="en" dir="ltr"` inside an Arabic page).
struct LocalizedText: Sendable, Equatable {
    var text: String
    var fallbackLanguage: String?
    /// In a translator's review (the preview's review mode): the unit this text is and its status.
    var review: ReviewMark? = nil

    /// `lang` and `dir` for the element that holds this text, when it is not in the document's language;
    /// in a review, the unit's id and status too.
    var languageAttributes: [HTMLBuilder.Attribute] {
        var attributes: [HTMLBuilder.Attribute] = []
        if let language = fallbackLanguage {
            attributes = [("lang", language), ("dir", TextDirection(locale: language).rawValue)]
        }
        if let review {
            attributes += [("data-cp-unit", review.id), ("data-cp-status", review.status)]
        }
        return attributes
    }

    /// Whether the text needs an element of its own for `languageAttributes`.
    var needsOwnElement: Bool { fallbackLanguage != nil || review != nil }
}

/// A string's id and where it stands in the locale under review: `translated`, `final`, `new` (shown in
/// the source language), `needs-review` or `stale` (both shown with the translation to check).
struct ReviewMark: Sendable, Equatable {
    let id: String
    let status: String
}

/// The texts of a module in one locale: every unit is found by where its source was written (file,
/// line, column), which is how the extractor recorded it, so the renderer needs no second copy of the
/// id rules; the id then selects the entry in the locale's table.
final class LocaleTexts {
    let locale: String
    let sourceLanguage: String
    let direction: TextDirection
    private let isSource: Bool
    private let unitsByLocation: [SourceLocation: SourceUnit]
    private let unitsByID: [String: SourceUnit]
    private let table: LocaleTable?
    /// A translator's review: every unit's translation shown whatever its status, marked with its id
    /// and status; a unit without one shows its source, marked new.
    let review: Bool
    /// Ids of the units looked up while rendering, so tests can tell that none was missed.
    private(set) var used: Set<String> = []

    convenience init(strings: ModuleStrings, locale: String) throws(RenderError) {
        try self.init(strings: strings, locale: locale, units: strings.units, review: false)
    }

    /// The texts of `units` only (a page's and the module's, for the preview's page-by-page rendering).
    init(strings: ModuleStrings, locale: String, units: [SourceUnit], review: Bool) throws(RenderError) {
        self.locale = locale
        self.review = review && locale != strings.identity.sourceLanguage
        sourceLanguage = strings.identity.sourceLanguage
        direction = TextDirection(locale: locale)
        isSource = locale == strings.identity.sourceLanguage
        var byLocation: [SourceLocation: SourceUnit] = [:]
        var byID: [String: SourceUnit] = [:]
        for unit in units {
            byID[unit.id] = unit
            if unit.kind != .interface { byLocation[unit.location] = unit }
        }
        unitsByLocation = byLocation
        unitsByID = byID
        table = strings.tables[locale]
        if !isSource && table == nil {
            let known = ([strings.identity.sourceLanguage] + strings.identity.locales).joined(separator: ", ")
            throw RenderError("the module has no locale '\(locale)' (it has \(known)): add it to 'locales' in module.yaml")
        }
    }

    /// The text written at `location` (whose source is `source`), in this locale.
    func text(_ source: String, at location: SourceLocation) -> LocalizedText {
        // No unit here means nothing was extracted to translate: the text is the source's.
        guard let unit = unitsByLocation[location] else { return untranslated(source) }
        used.insert(unit.id)
        if isSource { return LocalizedText(text: source, fallbackLanguage: nil) }
        if review { return reviewed(unit, source: source) }
        if let translation = usableTranslation(of: unit.id)?.first {
            return LocalizedText(text: translation, fallbackLanguage: nil)
        }
        return LocalizedText(text: source, fallbackLanguage: sourceLanguage)
    }

    /// A YAML string value (a component field, a front matter or module.yaml field), in this locale.
    func text(of value: SourceValue?) -> LocalizedText? {
        guard let value, let source = value.string else { return nil }
        return text(UnitText.normalized(source), at: value.location)
    }

    /// Whether the block at `location` has a translation to show; nil in the source language and for
    /// blocks without a usable translation (which then show their source).
    func translatedBlock(at location: SourceLocation) -> LocalizedText? {
        guard let unit = unitsByLocation[location] else { return nil }
        used.insert(unit.id)
        if isSource { return nil }
        if review { return reviewed(unit, source: unit.text) }
        if let translation = usableTranslation(of: unit.id)?.first {
            return LocalizedText(text: translation, fallbackLanguage: nil)
        }
        return LocalizedText(text: unit.text, fallbackLanguage: sourceLanguage)
    }

    /// Text that is never translated (a credit, a file, names, a version): in the source language.
    func untranslated(_ text: String) -> LocalizedText {
        LocalizedText(text: text, fallbackLanguage: isSource ? nil : sourceLanguage)
    }

    /// In a review: the translation whatever its status (the reviewer checks stale and to-review ones
    /// in context), or the source, marked new.
    private func reviewed(_ unit: SourceUnit, source: String) -> LocalizedText {
        guard let entry = table?.entries[unit.id], entry.hasTranslation, let translation = entry.translation.first else {
            return LocalizedText(text: source, fallbackLanguage: sourceLanguage,
                                 review: ReviewMark(id: unit.id, status: TranslationStatus.new.rawValue))
        }
        return LocalizedText(text: translation, fallbackLanguage: nil, review: ReviewMark(id: unit.id, status: entry.status.rawValue))
    }

    /// Translated and final strings only: new, stale and needs-review ones are not shown to learners.
    private func usableTranslation(of id: String) -> [String]? {
        guard let entry = table?.entries[id], entry.status.isUsable, entry.hasTranslation else { return nil }
        return entry.translation
    }

    /// A player interface message (`ui/<key>`): one text, or one per plural category of this locale.
    func message(_ key: String) -> InterfaceMessage? {
        guard let unit = unitsByID["ui/" + key] else { return nil }
        used.insert(unit.id)
        let translation = isSource ? nil : usableTranslation(of: unit.id)
        guard let plural = unit.plural else {
            if let text = translation?.first { return .text(LocalizedText(text: text, fallbackLanguage: nil)) }
            return .text(LocalizedText(text: unit.text, fallbackLanguage: isSource ? nil : sourceLanguage))
        }
        let categories = PluralRules.forLocale(locale).categories
        if let translation, translation.count == categories.count, !translation.contains(where: \.isEmpty) {
            return .plural(Dictionary(uniqueKeysWithValues: zip(categories.map(\.rawValue), translation)),
                           fallbackLanguage: nil)
        }
        // The source's two forms, under the source language's categories; the player uses "other" for
        // any category a fallback does not have.
        let sourceCategories = PluralRules.forLocale(sourceLanguage).categories
        var forms: [String: String] = [:]
        for category in sourceCategories { forms[category.rawValue] = category == .one ? unit.text : plural }
        return .plural(forms, fallbackLanguage: isSource ? nil : sourceLanguage)
    }

    /// Every interface message the module carries, by key.
    var messageKeys: [String] {
        unitsByID.keys.filter { $0.hasPrefix("ui/") }.map { String($0.dropFirst(3)) }.sorted()
    }
}

/// A message of the player's interface in one locale.
enum InterfaceMessage: Sendable, Equatable {
    case text(LocalizedText)
    /// Forms by CLDR category name (`zero`, `one`, `two`, `few`, `many`, `other`).
    case plural([String: String], fallbackLanguage: String?)

    /// The text for a count of one item or for markup that has no count.
    var singular: LocalizedText {
        switch self {
        case .text(let text): return text
        case .plural(let forms, let language):
            return LocalizedText(text: forms["one"] ?? forms["other"] ?? "", fallbackLanguage: language)
        }
    }
}

/// The normalisation the extractor applies to YAML strings, so a field's source compares equal to its unit.
enum UnitText {
    /// YAML block scalars end with a line break; a unit's text does not.
    static func normalized(_ text: String) -> String {
        var text = text
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
