import Foundation
/// PO as an exchange format: the locale's table with everything a translator's tool shows
/// (notes, references, the previous source of a changed string), identified by its header.
public enum POExchange {
    public static func write(_ file: ExchangeFile) -> String {
        let rules = PluralRules.forLocale(file.targetLocale)
        var po = POFile(header: [
            ("Project-Id-Version", "\(file.moduleID) \(file.moduleVersion)"),
            ("Report-Msgid-Bugs-To", ""),
            ("PO-Revision-Date", "1970-01-01 00:00+0000"),
            ("Last-Translator", ""),
            ("Language-Team", "\(file.targetLocale) translators of \(file.moduleID)"),
            ("Language", file.targetLocale),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Plural-Forms", rules.poPluralForms),
            ("X-Generator", "coursepack"),
            ("X-Coursepack-Module", file.moduleID),
            ("X-Coursepack-Source-Language", file.sourceLocale),
        ], headerComments: ["Translations of the module '\(file.moduleID)' into \(file.targetLocale).",
                            "msgctxt is the string's id: keep it. Lines starting with #| show the previous source of a changed string."])
        for unit in file.units {
            let forms = unit.sourcePlural == nil ? 1 : rules.categories.count
            var strings = unit.target
            if strings.count < forms { strings += Array(repeating: "", count: forms - strings.count) }
            var entry = POEntry(context: unit.id, id: unit.source, idPlural: unit.sourcePlural, strings: Array(strings.prefix(forms)))
            entry.extractedComments = unit.notes
            if unit.sourcePlural != nil {
                entry.extractedComments.append("Plural forms in this language: " + rules.categories.map(\.rawValue).joined(separator: ", ") + ".")
            }
            switch unit.status {
            case .stale: entry.flags = ["fuzzy"]; entry.previousID = unit.previousSource
            case .needsReview: entry.flags = ["fuzzy"]
            case .final: entry.flags = ["final"]
            case .new, .translated: break
            }
            po.entries.append(entry)
        }
        return POWriter.write(po)
    }

    public static func read(_ text: String) throws(ExchangeError) -> ExchangeFile {
        let po: POFile
        do { po = try POParser.parse(text) } catch { throw ExchangeError(error.message, line: error.line) }
        if let type = po.headerValue("Content-Type"), let charset = type.lowercased().components(separatedBy: "charset=").last,
           !charset.hasPrefix("utf-8"), !charset.hasPrefix("charset") {
            throw ExchangeError("this PO file declares the encoding \(charset); save it as UTF-8")
        }
        guard let module = po.headerValue("X-Coursepack-Module") ?? po.headerValue("Project-Id-Version")?.split(separator: " ").first.map(String.init) else {
            throw ExchangeError("this PO file does not say which module it belongs to (no X-Coursepack-Module header)", line: 1)
        }
        guard let locale = po.headerValue("Language"), !locale.isEmpty else {
            throw ExchangeError("this PO file does not say its language (no Language header)", line: 1)
        }
        let version = po.headerValue("Project-Id-Version")?.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let units = po.entries.compactMap { entry -> ExchangeUnit? in
            guard !entry.obsolete, let id = entry.context else { return nil }
            let status = LocaleTable.status(of: entry)
            return ExchangeUnit(id: id, source: entry.id, sourcePlural: entry.idPlural,
                                target: entry.strings.allSatisfy(\.isEmpty) ? [] : entry.strings, status: status,
                                notes: entry.extractedComments, kind: .paragraph,
                                previousSource: status == .stale ? entry.previousID : nil)
        }
        return ExchangeFile(moduleID: module, moduleVersion: version, sourceLocale: po.headerValue("X-Coursepack-Source-Language") ?? "en",
                            targetLocale: locale.replacingOccurrences(of: "_", with: "-"), units: units)
    }
}
