import Crypto
import CoursepackLocalize

/// Per locale, every string's id with a short hash of the text the package shows for it: what `diff`
/// compares to say which strings changed between two versions, without carrying the texts twice.
enum StringDigests {
    static func of(_ strings: ModuleStrings, locales: [String]) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for locale in locales {
            let table = locale == strings.identity.sourceLanguage ? nil : strings.tables[locale]
            var digests: [String: String] = [:]
            digests.reserveCapacity(strings.units.count)
            for unit in strings.units {
                if let entry = table?.entries[unit.id], entry.status.isUsable, entry.hasTranslation {
                    digests[unit.id] = short(entry.translation.joined(separator: "\u{0}"))
                } else {
                    digests[unit.id] = short(unit.plural.map { unit.text + "\u{0}" + $0 } ?? unit.text)
                }
            }
            result[locale] = digests
        }
        return result
    }

    /// The first 16 hex digits of SHA-256: enough to tell two texts apart.
    static func short(_ text: String) -> String {
        FileDigest.hex(SHA256.hash(data: Array(text.utf8)).prefix(8))
    }
}
