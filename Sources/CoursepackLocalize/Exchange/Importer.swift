import CoursepackLoad

/// Brings a translator's file into a module's table, string by string: each string is checked, a bad
/// one is reported with its id and the reason and skipped, the others import. A file that fails as a
/// whole (another module, a locale the module does not have) changes nothing.
public enum Importer {
    public struct Report: Sendable, Equatable {
        /// Strings whose translation or status changed.
        public var imported: [String] = []
        /// Translated against a source that has changed since: imported as needs review.
        public var againstOlderSource: [String] = []
        /// Refused, with the reasons.
        public var rejected: [(id: String, reasons: [String])] = []
        /// Imported, with things a reviewer should look at.
        public var warnings: [(id: String, reasons: [String])] = []
        /// Ids the module does not have (any more).
        public var unknown: [String] = []

        public static func == (a: Report, b: Report) -> Bool {
            a.imported == b.imported && a.againstOlderSource == b.againstOlderSource && a.unknown == b.unknown
                && a.rejected.map(\.id) == b.rejected.map(\.id) && a.warnings.map(\.id) == b.warnings.map(\.id)
        }
    }

    public static func apply(_ file: ExchangeFile, to strings: inout ModuleStrings) throws(ModuleStrings.Failure) -> Report {
        guard file.moduleID == strings.identity.id else {
            throw ModuleStrings.Failure("this file belongs to the module '\(file.moduleID)', not '\(strings.identity.id)'; nothing was imported")
        }
        let locale = strings.identity.locales.first { $0.lowercased() == file.targetLocale.lowercased() }
        guard let locale, var table = strings.tables[locale] else {
            throw ModuleStrings.Failure("the module has no locale '\(file.targetLocale)' (its locales: \(strings.identity.locales.joined(separator: ", "))); add it to module.yaml first")
        }
        // A file comes back in the order it went out: find each unit at the same place first, and
        // build the index by id only for a file that was reordered.
        var byID: [String: Int]?
        func unit(_ id: String, at position: Int) -> SourceUnit? {
            if position < strings.units.count && strings.units[position].id == id { return strings.units[position] }
            if byID == nil { byID = Dictionary(strings.units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first }) }
            return byID![id].map { strings.units[$0] }
        }
        let rules = PluralRules.forLocale(locale)
        var report = Report()
        let mayChange = unitsThatMayChange(file, units: strings.units, entries: table.entries)
        // Ids imported so far: a unit the look-ahead passed over can only change the table if the same
        // id came earlier in the file and changed it.
        var changedIDs: Set<String> = []
        for position in file.units.indices where mayChange[position] || (!changedIDs.isEmpty && changedIDs.contains(file.units[position].id)) {
            let incoming = file.units[position]
            guard let unit = unit(incoming.id, at: position) else { report.unknown.append(incoming.id); continue }
            guard incoming.target.contains(where: { !$0.isEmpty }) else { continue }
            var entry = table.entries[unit.id] ?? TranslationEntry(id: unit.id, source: unit.text, sourcePlural: unit.plural)
            // What comes back as it went out changes nothing and needs no second check (validate
            // checks the stored tables).
            if incoming.target == entry.translation, incoming.status == entry.status, incoming.source == unit.text,
               incoming.sourcePlural == unit.plural { continue }
            let issues: [TranslationIssue]
            if let plural = unit.plural {
                issues = TranslationChecker.checkPlural(source: unit.text, sourcePlural: plural, forms: incoming.target, locale: locale,
                                                        sourceLocale: strings.identity.sourceLanguage)
            } else {
                issues = TranslationChecker.check(source: unit.text, target: incoming.target[0], locale: locale,
                                                  sourceLocale: strings.identity.sourceLanguage, maxLength: unit.maxLength, kind: unit.kind)
            }
            let errors = issues.filter { $0.severity == .error }.map(\.message)
            if !errors.isEmpty { report.rejected.append((unit.id, errors)); continue }
            let warnings = issues.filter { $0.severity == .warning }.map(\.message)
            if !warnings.isEmpty { report.warnings.append((unit.id, warnings)) }

            let target = unit.plural == nil ? [incoming.target[0]] : Array(incoming.target.prefix(rules.categories.count))
            let olderSource = incoming.source != unit.text || incoming.sourcePlural != unit.plural
            var status = incoming.status
            if olderSource {
                status = .needsReview
                report.againstOlderSource.append(unit.id)
            } else if status == .new || (status == .stale && target != entry.translation) {
                // A tool that wrote a target without a state, or a stale string the translator revised.
                status = .translated
            }
            if target == entry.translation && status == entry.status { continue }
            entry.translation = target
            entry.status = status
            entry.source = unit.text
            entry.sourcePlural = unit.plural
            entry.previousSource = status == .stale ? entry.previousSource : nil
            table.entries[unit.id] = entry
            report.imported.append(unit.id)
            changedIDs.insert(unit.id)
        }
        strings.tables[locale] = table
        return report
    }

    /// For each of the file's units, whether it may change the table: false for one that is at its
    /// place in the module and comes back without a translation, or as it went out (the usual case
    /// for most of a large file). Worked out on every core, only reading; `apply` looks at the others.
    private static func unitsThatMayChange(_ file: ExchangeFile, units: [SourceUnit], entries: [String: TranslationEntry]) -> [Bool] {
        Slices.of(file.units.count).concurrentMap { range in
            file.units.withUnsafeBufferPointer { incomingUnits in
                units.withUnsafeBufferPointer { units in
                    range.map { position in
                        // Fields read in place: a copy of each unit and entry would retain and release every string it holds.
                        let incoming = incomingUnits.baseAddress! + position
                        guard position < units.count, units[position].id == incoming.pointee.id else { return true }
                        guard incoming.pointee.target.contains(where: { !$0.isEmpty }) else { return false }
                        let unit = units.baseAddress! + position
                        guard let index = entries.index(forKey: unit.pointee.id) else { return true }
                        return !(incoming.pointee.target == entries.values[index].translation
                                 && incoming.pointee.status == entries.values[index].status
                                 && incoming.pointee.source == unit.pointee.text && incoming.pointee.sourcePlural == unit.pointee.plural)
                    }
                }
            }
        }.flatMap { $0 }
    }
}
