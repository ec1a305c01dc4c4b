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
        /// How many of the file's units are strings of the module: 0 means the file is not for it.
        public var matched = 0
        /// The module locale the file was imported into, and the file's own tag when it differs
        /// (`ar` for a file whose target is `ar-SA`).
        public var locale = ""
        public var fileLocale: String?
        /// PO entries without a string id (`msgctxt`), which nothing can be matched to.
        public var withoutID = 0
        /// Strings whose translator's notes changed (and nothing else).
        public var notesChanged: [String] = []

        public static func == (a: Report, b: Report) -> Bool {
            a.imported == b.imported && a.againstOlderSource == b.againstOlderSource && a.unknown == b.unknown
                && a.rejected.map(\.id) == b.rejected.map(\.id) && a.warnings.map(\.id) == b.warnings.map(\.id)
        }
    }

    public static func apply(_ file: ExchangeFile, to strings: inout ModuleStrings) throws(ModuleStrings.Failure) -> Report {
        guard file.moduleID == strings.identity.id else {
            throw ModuleStrings.Failure("this file belongs to the module '\(file.moduleID)', not '\(strings.identity.id)'; nothing was imported")
        }
        let sourceLanguage = strings.identity.sourceLanguage
        guard file.sourceLocale.isEmpty || LanguageTag.sameSource(file.sourceLocale, sourceLanguage) else {
            throw ModuleStrings.Failure("this file translates from '\(file.sourceLocale)', but the module's source language is '\(sourceLanguage)'; nothing was imported")
        }
        guard !file.targetLocale.isEmpty else {
            throw ModuleStrings.Failure("this file does not say its target language; export it again with `coursepack strings export --locale <tag>`; nothing was imported")
        }
        let locale = LanguageTag.resolve(file.targetLocale, among: strings.identity.locales)
        guard let locale, var table = strings.tables[locale] else {
            throw ModuleStrings.Failure("the module has no locale '\(file.targetLocale)' (its locales: \(strings.identity.locales.joined(separator: ", "))); add it to module.yaml first, or export a file for one of them; nothing was imported")
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
        report.locale = locale
        report.fileLocale = locale == file.targetLocale ? nil : file.targetLocale
        report.withoutID = file.entriesWithoutID
        // A tool that drops every note (most XLIFF editors keep them) must not erase the stored ones.
        let fileHasComments = file.units.contains { !$0.comments.isEmpty }
        let mayChange = unitsThatMayChange(file, units: strings.units, entries: table.entries)
        // Ids imported so far: a unit the look-ahead passed over can only change the table if the same
        // id came earlier in the file and changed it.
        var changedIDs: Set<String> = []
        for position in file.units.indices where mayChange[position] || (!changedIDs.isEmpty && changedIDs.contains(file.units[position].id)) {
            var incoming = file.units[position]
            guard let unit = unit(incoming.id, at: position) else { report.unknown.append(incoming.id); continue }
            var entry = table.entries[unit.id] ?? TranslationEntry(id: unit.id, source: unit.text, sourcePlural: unit.plural)
            // The translator's notes: those that are not the module's own notes (a file written before
            // notes had their own category carries both alike).
            let comments = incoming.comments.filter { !unit.notes.contains($0) }
            let commentsChange = fileHasComments && comments != entry.comments
            func keepComments() {
                guard commentsChange else { return }
                entry.comments = comments
                table.entries[unit.id] = entry
                report.notesChanged.append(unit.id)
            }
            guard incoming.target.contains(where: { !$0.isEmpty }) else { keepComments(); continue }
            incoming.target = incoming.target.map { Self.edges(of: $0, like: unit.text) }
            let olderSource = incoming.source != unit.text || incoming.sourcePlural != unit.plural
            // What comes back as it went out changes nothing and needs no second check (validate
            // checks the stored tables). A file made against an older source whose translation the
            // translator did not touch says nothing new either: a stale string stays stale, with the
            // previous source it keeps. So does a stale one that comes back "needs work" from a tool
            // that dropped our sub-state.
            let stillStale = entry.status == .stale && (incoming.status == .needsReview || incoming.status == .stale)
            if incoming.target == entry.translation, olderSource || stillStale || incoming.status == entry.status { keepComments(); continue }
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
            var status = incoming.status
            if olderSource {
                status = .needsReview
                report.againstOlderSource.append(unit.id)
            } else if status == .final && file.approvalSurvivesEdits && target != entry.translation {
                // The approval was of another translation: this one needs its own.
                status = .translated
            } else if status == .new || (status == .stale && target != entry.translation) {
                // A tool that wrote a target without a state, or a stale string the translator revised.
                status = .translated
            }
            if target == entry.translation && status == entry.status { keepComments(); continue }
            if fileHasComments { entry.comments = comments }
            entry.translation = target
            entry.status = status
            entry.source = unit.text
            entry.sourcePlural = unit.plural
            entry.previousSource = status == .stale ? entry.previousSource : nil
            table.entries[unit.id] = entry
            report.imported.append(unit.id)
            changedIDs.insert(unit.id)
        }
        // Units the look-ahead passed over were at their place in the module: matched.
        report.matched = file.units.count - report.unknown.count
        strings.tables[locale] = table
        return report
    }

    /// A translation with the white space at its ends that the source has: tools add a line break or
    /// a space at the end of a segment, or drop one, and the page would show it. Only spaces, tabs,
    /// line breaks and no-break spaces: other characters Unicode calls white space (U+000B, U+000C,
    /// U+0085) are control characters, which the checks refuse rather than hide.
    static func edges(of target: String, like source: String) -> String {
        guard let first = target.unicodeScalars.first, let last = target.unicodeScalars.last else { return target }
        let isSpace: (Unicode.Scalar) -> Bool = { [" ", "\t", "\n", "\r", "\u{A0}", "\u{3000}"].contains($0) }
        guard isSpace(first) || isSpace(last) else { return target }
        let scalars = Array(target.unicodeScalars)
        var start = 0, end = scalars.count
        let sourceScalars = Array(source.unicodeScalars)
        let sourceLeading = sourceScalars.prefix(while: isSpace)
        let sourceTrailing = sourceScalars.reversed().prefix(while: isSpace).reversed()
        while start < end && isSpace(scalars[start]) { start += 1 }
        while end > start && isSpace(scalars[end - 1]) { end -= 1 }
        guard start < end else { return target }   // blank: the blank check says so
        var result = String.UnicodeScalarView()
        result.append(contentsOf: sourceLeading)
        result.append(contentsOf: scalars[start..<end])
        result.append(contentsOf: sourceTrailing)
        return String(result)
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
                        guard incoming.pointee.comments.isEmpty else { return true }
                        guard incoming.pointee.target.contains(where: { !$0.isEmpty }) else { return false }
                        let unit = units.baseAddress! + position
                        guard let index = entries.index(forKey: unit.pointee.id), entries.values[index].comments.isEmpty else { return true }
                        return !(incoming.pointee.target == entries.values[index].translation
                                 && incoming.pointee.status == entries.values[index].status
                                 && incoming.pointee.source == unit.pointee.text && incoming.pointee.sourcePlural == unit.pointee.plural)
                    }
                }
            }
        }.flatMap { $0 }
    }
}
