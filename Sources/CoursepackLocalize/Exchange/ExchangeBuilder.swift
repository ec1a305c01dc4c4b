/// Builds what goes to a translator for one locale from the module's current strings.
public enum ExchangeBuilder {
    public static func file(for strings: ModuleStrings, locale: String) -> ExchangeFile {
        let entries = (strings.tables[locale] ?? LocaleTable(locale: locale)).entries
        // One table lookup per unit: for a large module, worth sharing between the cores.
        let units = strings.units.slicedMap { unit -> ExchangeUnit in
            let entry = entries[unit.id]
            return ExchangeUnit(id: unit.id, source: unit.text, sourcePlural: unit.plural,
                                target: entry?.translation ?? [], status: entry?.status ?? .new, notes: unit.notes,
                                kind: unit.kind, page: unit.page, maxLength: unit.maxLength,
                                previousSource: entry?.status == .stale ? entry?.previousSource : nil,
                                comments: entry?.comments ?? [], references: StringTableFiles.reference(of: unit))
        }
        return ExchangeFile(moduleID: strings.identity.id, moduleVersion: strings.identity.version,
                            sourceLocale: strings.identity.sourceLanguage, targetLocale: locale, units: units)
    }
}
