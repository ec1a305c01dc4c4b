import CoursepackLoad
import Foundation

/// Where a module keeps its string tables, and how they are written: the template
/// `locales/source.pot` records every unit's id and source; `locales/<tag>.po` holds one locale.
public enum StringTableFiles {
    public static let folder = "locales"
    public static let template = "locales/source.pot"

    public static func path(for locale: String) -> String { "\(folder)/\(locale).po" }

    /// The template as PO, units in reading order.
    public static func template(for units: [SourceUnit], module: ModuleIdentity, sourceDigest: String? = nil) -> POFile {
        var header = header(module: module, locale: nil)
        if let sourceDigest { header.append((SourceDigest.headerField, sourceDigest)) }
        var file = POFile(header: header, headerComments: templateComments(module))
        for unit in units {
            var entry = POEntry(context: unit.id, id: unit.text, idPlural: unit.plural,
                                strings: unit.plural == nil ? [""] : ["", ""])
            entry.extractedComments = notes(of: unit)
            entry.references = reference(of: unit)
            file.entries.append(entry)
        }
        return file
    }

    /// One locale's table as PO, entries in the units' reading order, obsolete ones at the end.
    public static func po(for table: LocaleTable, units: [SourceUnit], module: ModuleIdentity) -> POFile {
        let rules = PluralRules.forLocale(table.locale)
        var file = POFile(header: header(module: module, locale: table.locale, table: table),
                          headerComments: localeComments(module, table.locale))
        for unit in units {
            let entry = table.entries[unit.id] ?? TranslationEntry(id: unit.id, source: unit.text, sourcePlural: unit.plural)
            var po = poEntry(id: unit.id, source: unit.text, plural: unit.plural, translation: entry.translation,
                             status: entry.status, previousSource: entry.previousSource, notes: unit.notes, rules: rules)
            po.translatorComments += entry.comments
            po.references = reference(of: unit)
            file.entries.append(po)
        }
        file.entries += table.obsolete
        return file
    }

    static func notes(of unit: SourceUnit) -> [String] {
        unit.notes
    }

    /// One string as a PO entry: its forms padded to the locale's plural count, its status as flags
    /// (`fuzzy`, `fuzzy` with `#|` for stale, `final`). Shared by the tables and the PO exchange files.
    static func poEntry(id: String, source: String, plural: String?, translation: [String], status: TranslationStatus,
                        previousSource: String?, notes: [String], rules: PluralRules) -> POEntry {
        let forms = plural == nil ? 1 : rules.categories.count
        var strings = Array(translation.prefix(forms))
        if strings.count < forms { strings += Array(repeating: "", count: forms - strings.count) }
        var po = POEntry(context: id, id: source, idPlural: plural, strings: strings)
        po.extractedComments = notes
        if plural != nil {
            po.extractedComments.append("Plural forms in this language: " + rules.categories.map(\.rawValue).joined(separator: ", ") + ".")
        }
        switch status {
        case .stale:
            po.flags = ["fuzzy"]
            po.previousID = previousSource
        case .needsReview: po.flags = ["fuzzy"]
        case .final: po.translatorComments = [FinalMark.comment]
        case .new, .translated: break
        }
        return po
    }

    static func reference(of unit: SourceUnit) -> [String] {
        unit.kind == .interface ? [] : ["\(unit.location.file):\(unit.location.line)"]
    }

    static func header(module: ModuleIdentity, locale: String?, table: LocaleTable? = nil) -> [(key: String, value: String)] {
        var header: [(key: String, value: String)] = [
            ("Project-Id-Version", "\(module.id) \(module.version)"),
            ("Report-Msgid-Bugs-To", ""),
        ]
        if locale != nil {
            // Kept as the translators' tools wrote them; a fixed value otherwise, so that writing a
            // table twice gives the same bytes.
            header.append(("PO-Revision-Date", table?.revisionDate ?? "1970-01-01 00:00+0000"))
            header.append(("Last-Translator", table?.lastTranslator ?? ""))
        }
        header.append(("Language-Team", locale.map { "\($0) translators of \(module.id)" } ?? ""))
        if let locale { header.append(("Language", locale)) }
        header += [
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ]
        if let locale { header.append(("Plural-Forms", PluralRules.forLocale(locale).poPluralForms)) }
        header += [
            ("X-Generator", "coursepack"),
            ("X-Coursepack-Module", module.id),
            ("X-Coursepack-Source-Language", module.sourceLanguage),
        ]
        return header
    }

    static func templateComments(_ module: ModuleIdentity) -> [String] {
        ["Source strings of the module '\(module.id)', written by `coursepack strings update`.",
         "Do not translate this file: translations live in <locale>.po beside it."]
    }

    static func localeComments(_ module: ModuleIdentity, _ locale: String) -> [String] {
        ["Translations of the module '\(module.id)' into \(locale).",
         "msgctxt is the string's id: keep it. Lines starting with #| show the previous source of a changed string."]
    }
}

/// What identifies a module in its tables and exchange files.
public struct ModuleIdentity: Sendable, Hashable {
    public let id: String
    public let version: String
    public let sourceLanguage: String
    public let locales: [String]

    public init(id: String, version: String, sourceLanguage: String, locales: [String]) {
        self.id = id
        self.version = version
        self.sourceLanguage = sourceLanguage
        self.locales = locales
    }

    public init?(_ module: Module) {
        guard let manifest = module.manifest else { return nil }
        self.init(manifest: manifest)
    }

    /// From `module.yaml`'s contents; nil without an `id`.
    public init?(manifest: SourceValue) {
        guard let id = manifest["id"]?.string else { return nil }
        self.id = id
        version = manifest["version"]?.string ?? "0.0.0"
        sourceLanguage = manifest["language"]?.string ?? "en"
        var seen: Set<String> = []
        locales = (manifest["locales"]?.array?.compactMap(\.string) ?? []).filter { seen.insert($0).inserted }
    }
}
