import CoursepackLoad

extension ModuleStrings {
    /// What `replacePage` changed: the page's units as they are now, and what it takes to put the page's
    /// units and entries back as they were (`restore`) when the new page cannot be shown.
    public struct PageChange: Sendable {
        /// The page's units after the change, with the ids they had.
        public let fresh: [SourceUnit]
        let range: Range<Int>
        let oldUnits: [SourceUnit]
        /// Per locale, each touched unit's entry before the change (nil: there was none).
        let oldEntries: [String: [String: TranslationEntry?]]
        let oldModule: Module?
    }

    /// Brings the strings up to date after one page changed, for the live preview: that page's units
    /// extracted again and given the ids its units had (as `strings update` would, from the template), and
    /// each locale's entries for the page brought up to date: a changed source goes stale, a new one is
    /// new. In place, and only the page's units and entries are touched: a module of 2,000 pages has some
    /// 300,000 units, and copying its tables would cost more than the rest of a save together (the caller
    /// must hold the only copy for that). `module` is the module with the changed page in it. Nothing is
    /// written.
    public mutating func replacePage(_ page: Page, in module: Module) throws(Failure) -> PageChange {
        let shapes: TranslatableShapes
        do { shapes = try TranslatableShapes.shared.get() } catch { throw Failure("\(error)") }
        let old = units.indices.filter { units[$0].page == page.id }
        let oldUnits = old.map { units[$0] }
        let known = oldUnits.map {
            UnitReconciler.Known(id: $0.id, text: $0.text, plural: $0.plural, kind: $0.kind, page: $0.page)
        }
        let fresh = UnitReconciler.reconcile(UnitExtractor.units(of: page, shapes: shapes), with: known)
        let range: Range<Int>
        if let first = old.first, let last = old.last, last - first + 1 == old.count {
            units.replaceSubrange(first...last, with: fresh)
            range = first..<first + fresh.count
        } else {
            // A page's units are one run in reading order; a page that had none goes before the interface
            // messages (the renderer finds units by place and id, not by order).
            for index in old.reversed() { units.remove(at: index) }
            let end = units.firstIndex(where: { $0.kind == .interface }) ?? units.endIndex
            units.insert(contentsOf: fresh, at: end)
            range = end..<end + fresh.count
        }
        let oldIDs = oldUnits.map(\.id)
        var oldEntries: [String: [String: TranslationEntry?]] = [:]
        for locale in Array(tables.keys) {
            var part = LocaleTable(locale: locale)
            var before: [String: TranslationEntry?] = [:]
            for id in oldIDs + fresh.map(\.id) {
                let entry = tables[locale]?.entries[id]
                before[id] = .some(entry)
                part.entries[id] = entry
            }
            _ = part.merge(with: fresh)
            // Through the dictionaries' subscripts, so that the tables are changed where they are.
            for id in oldIDs { tables[locale]?.entries[id] = nil }
            for (id, entry) in part.entries { tables[locale]?.entries[id] = entry }
            oldEntries[locale] = before
        }
        let change = PageChange(fresh: fresh, range: range, oldUnits: oldUnits, oldEntries: oldEntries, oldModule: self.module)
        self.module = module
        return change
    }

    /// Puts back what `replacePage` changed.
    public mutating func restore(_ change: PageChange) {
        units.replaceSubrange(change.range, with: change.oldUnits)
        for (locale, entries) in change.oldEntries {
            for unit in change.fresh { tables[locale]?.entries[unit.id] = nil }
            for (id, entry) in entries { tables[locale]?.entries[id] = entry }
        }
        module = change.oldModule
    }
}
