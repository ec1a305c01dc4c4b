import Foundation
/// PO as an exchange format: the locale's table with everything a translator's tool shows
/// (notes, references, the previous source of a changed string), identified by its header.
public enum POExchange {
    public static func write(_ file: ExchangeFile) -> String {
        let rules = PluralRules.forLocale(file.targetLocale)
        let module = ModuleIdentity(id: file.moduleID, version: file.moduleVersion, sourceLanguage: file.sourceLocale, locales: [])
        var po = POFile(header: StringTableFiles.header(module: module, locale: file.targetLocale),
                        headerComments: StringTableFiles.localeComments(module, file.targetLocale))
        for unit in file.units {
            po.entries.append(StringTableFiles.poEntry(id: unit.id, source: unit.source, plural: unit.sourcePlural, translation: unit.target,
                                                       status: unit.status, previousSource: unit.previousSource,
                                                       notes: unit.notes, rules: rules))
            po.entries[po.entries.count - 1].translatorComments += unit.comments
            po.entries[po.entries.count - 1].references = unit.references
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
        var withoutID = 0
        let units = po.entries.compactMap { entry -> ExchangeUnit? in
            guard !entry.obsolete else { return nil }
            guard let id = entry.context else { withoutID += 1; return nil }
            let status = LocaleTable.status(of: entry)
            return ExchangeUnit(id: id, source: entry.id, sourcePlural: entry.idPlural,
                                target: entry.strings.allSatisfy(\.isEmpty) ? [] : entry.strings, status: status,
                                notes: entry.extractedComments, kind: .paragraph,
                                previousSource: status == .stale ? entry.previousID : nil,
                                comments: FinalMark.withoutMark(entry.translatorComments), references: entry.references)
        }
        var file = ExchangeFile(moduleID: module, moduleVersion: version, sourceLocale: po.headerValue("X-Coursepack-Source-Language") ?? "",
                                targetLocale: locale.replacingOccurrences(of: "_", with: "-"), units: units)
        file.entriesWithoutID = withoutID
        file.approvalSurvivesEdits = true
        return file
    }
}
