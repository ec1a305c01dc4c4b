import CoursepackLoad
import Foundation

/// The translation checks over a module's stored tables, as `validate` reports them: every usable or
/// reviewable translation checked against its current source, at the line of its entry.
public enum TableChecker {
    public static func diagnostics(for module: Module) -> [Diagnostic] {
        guard let identity = ModuleIdentity(module), !identity.locales.isEmpty else { return [] }
        // Without a template or any table there is no translation to check and nothing to read: a
        // large module would otherwise build a table of new entries per locale only to find them empty.
        let paths = [StringTableFiles.template] + identity.locales.map(StringTableFiles.path(for:))
        guard paths.contains(where: { FileManager.default.fileExists(atPath: module.root.appendingPathComponent($0).path) }) else {
            return []
        }
        let strings: ModuleStrings
        do { strings = try ModuleStrings.load(module) } catch {
            return [Diagnostic(.unreadableStringTable, at: error.location ?? SourceLocation(file: StringTableFiles.folder),
                               "this string table cannot be read: \(error.description)",
                               hint: "fix the PO syntax, or run `coursepack strings update` to write the tables anew")]
        }
        return diagnostics(for: strings)
    }

    public static func diagnostics(for strings: ModuleStrings) -> [Diagnostic] {
        diagnostics(for: strings, units: strings.units)
    }

    /// The checks of `units` alone (units of `strings`): for the live preview, which checks again only
    /// the units of the page that changed. Their findings depend on nothing else.
    public static func diagnostics(for strings: ModuleStrings, units: [SourceUnit]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for locale in strings.identity.locales {
            guard let table = strings.tables[locale] else { continue }
            let file = StringTableFiles.path(for: locale)
            let sourceLocale = strings.identity.sourceLanguage
            let check: @Sendable (ArraySlice<SourceUnit>) -> [Diagnostic] = { units in
                units.flatMap { unit -> [Diagnostic] in
                    guard let entry = table.entries[unit.id], entry.hasTranslation, entry.status != .stale else { return [] }
                    let issues: [TranslationIssue]
                    if let plural = unit.plural {
                        issues = TranslationChecker.checkPlural(source: unit.text, sourcePlural: plural, forms: entry.translation,
                                                                locale: locale, sourceLocale: sourceLocale)
                    } else {
                        issues = TranslationChecker.check(source: unit.text, target: entry.translation[0], locale: locale,
                                                          sourceLocale: sourceLocale, maxLength: unit.maxLength, kind: unit.kind)
                    }
                    let location = SourceLocation(file: file, line: table.lines[unit.id] ?? 1)
                    return issues.map { issue in
                        Diagnostic(issue.severity == .error ? .translationRefused : .translationWarning, at: location,
                                   "\(unit.id): \(issue.message)",
                                   hint: issue.check == .controlCharacters
                                       ? "run `coursepack strings update` to remove them (the string then needs review)"
                                       : issue.severity == .error ? "fix the translation (\(issue.check.rawValue) check)" : nil)
                    }
                }
            }
            // Strings are checked independently: on every core, in chunks big enough to be worth it.
            guard units.count > 512 else {
                diagnostics += check(units[...])
                continue
            }
            let chunks = stride(from: 0, to: units.count, by: 512).map { units[$0..<min($0 + 512, units.count)] }
            diagnostics += chunks.concurrentMap(check).flatMap { $0 }
        }
        return diagnostics
    }
}
