import CoursepackLoad

/// The translations of a module into one locale, as stored in `locales/<tag>.po`.
public struct LocaleTable: Sendable {
    public let locale: String
    /// By unit id.
    public var entries: [String: TranslationEntry]
    /// Entries whose unit is gone from the source: kept, as gettext's `#~` entries, so that nothing
    /// a translator wrote is lost.
    public var obsolete: [POEntry]
    /// Who last translated, and when, as the translators' tools wrote it in the PO header.
    public var lastTranslator: String?
    public var revisionDate: String?
    /// The line of each entry's `msgstr` in the file it was read from, for diagnostics.
    public var lines: [String: Int] = [:]

    public init(locale: String, entries: [String: TranslationEntry] = [:], obsolete: [POEntry] = []) {
        self.locale = locale
        self.entries = entries
        self.obsolete = obsolete
    }

    /// Reads the entries of a PO file as they were written, before any comparison with the source.
    public init(locale: String, po: POFile) {
        self.locale = locale
        var entries: [String: TranslationEntry] = [:]
        var lines: [String: Int] = [:]
        entries.reserveCapacity(po.entries.count)
        lines.reserveCapacity(po.entries.count)
        var obsolete: [POEntry] = []
        // The entries' fields are read where they are: a copy of each entry would retain and release
        // every string it holds, a hundred thousand times over for a large module.
        po.entries.withUnsafeBufferPointer { read in
            for entry in read.indices.lazy.map({ read.baseAddress! + $0 }) {
                guard !entry.pointee.obsolete, let id = entry.pointee.context else { obsolete.append(entry.pointee); continue }
                lines[id] = entry.pointee.translationLine
                entries[id] = TranslationEntry(id: id, source: entry.pointee.id, sourcePlural: entry.pointee.idPlural,
                                               translation: entry.pointee.strings.allSatisfy(\.isEmpty) ? [] : entry.pointee.strings,
                                               status: LocaleTable.status(of: entry.pointee), previousSource: entry.pointee.previousID,
                                               comments: entry.pointee.translatorComments.isEmpty ? []
                                                   : FinalMark.withoutMark(entry.pointee.translatorComments))
            }
        }
        self.entries = entries
        self.lines = lines
        self.obsolete = obsolete
        lastTranslator = po.headerValue("Last-Translator")
        revisionDate = po.headerValue("PO-Revision-Date")
    }

    static func status(of entry: POEntry) -> TranslationStatus {
        if entry.strings.allSatisfy(\.isEmpty) { return .new }
        if entry.isFuzzy { return entry.previousID != nil ? .stale : .needsReview }
        if FinalMark.isFinal(entry) { return .final }
        return .translated
    }

    /// Brings the table up to date with the source units: new units appear as new, changed ones go
    /// stale (keeping the old translation and the old source), removed ones become obsolete.
    /// With `keepTranslations`, changed units keep their status (a typo fix) and are returned.
    public mutating func merge(with units: [SourceUnit], keepTranslations: Bool = false) -> [SourceChange] {
        var changes: [SourceChange] = []
        // In place: in the usual case every entry is there and unchanged, and rebuilding a dictionary of
        // a hundred thousand entries would cost more than the whole comparison.
        let positions = newOrChanged(units)
        // A table new to a locale receives every unit: room for them at once, not by doubling.
        entries.reserveCapacity(entries.count + positions.count)
        for position in positions {
            let unit = units[position]
            guard let index = entries.index(forKey: unit.id) else {
                entries[unit.id] = TranslationEntry(id: unit.id, source: unit.text, sourcePlural: unit.plural)
                continue
            }
            var entry = entries.values[index]
            guard entry.source != unit.text || entry.sourcePlural != unit.plural else { continue }
            changes.append(SourceChange(id: unit.id, before: entry.source, after: unit.text))
            if entry.hasTranslation && !keepTranslations {
                if entry.status != .stale { entry.previousSource = entry.source }
                entry.status = .stale
            }
            entry.source = unit.text
            entry.sourcePlural = unit.plural
            entries.values[index] = entry
        }
        // Unit ids are unique, so anything beyond them is gone from the source.
        if entries.count > units.count {
            let current = Set(units.map(\.id))
            for (id, entry) in entries where !current.contains(id) {
                entries[id] = nil
                guard entry.hasTranslation else { continue }
                var po = POEntry(context: id, id: entry.source, idPlural: entry.sourcePlural, strings: entry.translation)
                po.obsolete = true
                po.translatorComments = entry.comments
                obsolete.append(po)
            }
        }
        obsolete.sort { ($0.context ?? "", $0.id) < ($1.context ?? "", $1.id) }
        return changes
    }

    /// The positions of the units that have no entry or whose entry was made from another source, in
    /// order: a hundred thousand lookups shared between the cores, only reading the table (its copy
    /// here is gone before `merge` changes it, so that nothing is copied on write).
    private func newOrChanged(_ units: [SourceUnit]) -> [Int] {
        let entries = entries
        return Slices.of(units.count).concurrentMap { range in
            units.withUnsafeBufferPointer { units in
                range.filter { position in
                    // Fields read in place, without copying the unit (see `init(locale:po:)`).
                    let unit = units.baseAddress! + position
                    guard let index = entries.index(forKey: unit.pointee.id) else { return true }
                    return entries.values[index].source != unit.pointee.text || entries.values[index].sourcePlural != unit.pointee.plural
                }
            }
        }.flatMap { $0 }
    }
}

/// A source text that changed since the table was last written.
public struct SourceChange: Sendable, Hashable {
    public let id: String
    public let before: String
    public let after: String
}
