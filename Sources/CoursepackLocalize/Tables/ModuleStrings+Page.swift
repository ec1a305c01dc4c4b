import CoursepackLoad

extension ModuleStrings {
    /// The strings after one page changed, for the live preview: that page's units extracted again and
    /// given the ids its units had (as `strings update` would, from the template), and each locale's
    /// entries for the page brought up to date: a changed source goes stale, a new one is new. The other
    /// pages' units and entries are not looked at, so that a save costs one page, not the module.
    /// `module` is the module with the changed page in it. Nothing is written.
    public func replacingPage(_ page: Page, in module: Module) throws(Failure) -> ModuleStrings {
        let shapes: TranslatableShapes
        do { shapes = try TranslatableShapes.shared.get() } catch { throw Failure("\(error)") }
        let old = units.indices.filter { units[$0].page == page.id }
        let known = old.map { units[$0] }.map {
            UnitReconciler.Known(id: $0.id, text: $0.text, plural: $0.plural, kind: $0.kind, page: $0.page)
        }
        let fresh = UnitReconciler.reconcile(UnitExtractor.units(of: page, shapes: shapes), with: known)
        var all = units
        if let first = old.first, let last = old.last, last - first + 1 == old.count {
            all.replaceSubrange(first...last, with: fresh)
        } else {
            // A page's units are one run in reading order; a page that had none goes before the interface
            // messages (the renderer finds units by place and id, not by order).
            for index in old.reversed() { all.remove(at: index) }
            let end = all.firstIndex(where: { $0.kind == .interface }) ?? all.endIndex
            all.insert(contentsOf: fresh, at: end)
        }
        let oldIDs = old.map { units[$0].id }
        var tables = self.tables
        for (locale, table) in tables {
            var part = LocaleTable(locale: locale)
            for id in oldIDs + fresh.map(\.id) { part.entries[id] = table.entries[id] }
            _ = part.merge(with: fresh)
            var updated = table
            for id in oldIDs { updated.entries[id] = nil }
            for (id, entry) in part.entries { updated.entries[id] = entry }
            tables[locale] = updated
        }
        return ModuleStrings(root: root, module: module, identity: identity, units: all, tables: tables, changes: changes,
                             sourceDigest: sourceDigest)
    }
}
