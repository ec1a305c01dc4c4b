import CoursepackLocalize
import Foundation

/// Every language the host's pages speak: English, the source (`HostStrings.english`), and one table
/// per PO file, those that come with coursepack (Sources/CoursepackServe/Strings) and a centre's own
/// (`serve --strings DIR`), which add languages, or replace entries of a built-in one.
///
/// A translator works on these as on a module's: `coursepack serve strings` writes the template, a
/// PO editor fills in `<language>.po`. An entry is used only when it is current, as a module's
/// translation is: not fuzzy, not empty, its msgid the English text of today (a changed English text
/// makes it stale, and the page shows the English until it is translated again), with the same
/// `{placeholders}`. What is not used is said in `notes`, which `serve` prints at start.
public struct HostLanguages: Sendable {
    /// Language (a lowercase BCP 47 tag: `fr`, `ps`, `fa-af`) -> key -> text; English is always there.
    public let tables: [String: [String: String]]
    /// English first, then the others by tag.
    public let languages: [String]
    /// Each language's name in itself (its `language.name` entry), for the language switch.
    public let names: [String: String]
    /// What was not used and why, one line each, with the file and line.
    public let notes: [String]

    /// The languages that come with coursepack; English alone if their files are missing from this
    /// installation (a note says so).
    public static let builtIn: HostLanguages = {
        guard let folder = builtInFolder else {
            return HostLanguages(files: [], notes: ["the host's translations are missing from this installation "
                                                     + "(coursepack_CoursepackServe.resources beside the executable): pages are in English only"])
        }
        return (try? load(folders: [folder])) ?? HostLanguages(files: [], notes: [])
    }()

    /// The bundled `Strings` folder, or nil when this installation lacks the bundle. (SwiftPM's
    /// `Bundle.module` stops the program when its bundle is missing, so its usual place is looked at
    /// first: beside the executable.)
    static var builtInFolder: URL? {
        let beside = Bundle.main.bundleURL.appendingPathComponent("coursepack_CoursepackServe.resources").path
        guard FileManager.default.fileExists(atPath: beside) else { return nil }
        return Bundle.module.url(forResource: "Strings", withExtension: nil)
    }

    /// The built-in languages, then every `<language>.po` of `extra` (whose entries win).
    public static func load(extra: URL?) throws(Failure) -> HostLanguages {
        try load(folders: [builtInFolder, extra].compactMap { $0 })
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    static func load(folders: [URL]) throws(Failure) -> HostLanguages {
        var files: [(language: String, path: String, po: POFile)] = []
        var notes: [String] = []
        for folder in folders {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
                throw Failure(description: "\(folder.path): cannot be read as a folder of PO files (\(error.localizedDescription))")
            }
            for name in names.sorted() where name.hasSuffix(".po") {
                let path = folder.appendingPathComponent(name).path
                let language = String(name.dropLast(3)).lowercased()
                guard language.range(of: #"^[a-z]{2,3}(-[a-z0-9]{2,8})*$"#, options: .regularExpression) != nil else {
                    notes.append("\(path): not named after a language (fr.po, ps.po, fa-AF.po): not used")
                    continue
                }
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw Failure(description: "\(path): cannot be read as UTF-8 text")
                }
                do {
                    files.append((language, path, try POParser.parse(text)))
                } catch {
                    throw Failure(description: "\(path):\(error)")
                }
            }
        }
        return HostLanguages(files: files, notes: notes)
    }

    /// `files` in order: a later file's entries replace an earlier one's of the same language.
    init(files: [(language: String, path: String, po: POFile)], notes: [String]) {
        var tables = ["en": HostStrings.englishTable]
        var notes = notes
        for (language, path, po) in files {
            let (table, problems) = Self.table(po, path: path)
            tables[language, default: [:]].merge(table) { _, later in later }
            notes += problems
        }
        // A language with nothing translated but its name (a template saved under a language's name)
        // would only lay out English right to left: not offered.
        for (language, table) in tables where language != "en" && table.keys.allSatisfy({ $0 == "language.name" }) {
            tables[language] = nil
            notes.append("\(language): nothing translated yet: not offered")
        }
        self.tables = tables
        languages = ["en"] + tables.keys.filter { $0 != "en" }.sorted()
        names = tables.mapValues { $0["language.name"] ?? "" }.merging(["en": "English"]) { _, english in english }
            .reduce(into: [:]) { names, entry in names[entry.key] = entry.value.isEmpty ? entry.key : entry.value }
        self.notes = notes
    }

    /// The entries of one PO file that are current, and why the others are not used.
    static func table(_ po: POFile, path: String) -> ([String: String], [String]) {
        var table: [String: String] = [:]
        var problems: [String] = []
        for entry in po.entries where !entry.obsolete {
            let at = "\(path):\(entry.line)"
            guard let key = entry.context, let english = HostStrings.englishTable[key] else {
                problems.append("\(at): no host string '\(entry.context ?? entry.id)' (msgctxt is the key; see `coursepack serve strings`): not used")
                continue
            }
            let text = entry.strings.first ?? ""
            if text.isEmpty { continue }
            if entry.isFuzzy {
                problems.append("\(at): '\(key)' is marked fuzzy: shown in English until it is reviewed")
            } else if entry.id != english {
                problems.append("\(at): '\(key)' is stale (the English is now \"\(english)\"): shown in English until it is translated again")
            } else if placeholders(text) != placeholders(english) {
                problems.append("\(at): '\(key)' must keep the placeholders \(placeholders(english).sorted()) of the English: shown in English")
            } else {
                table[key] = text
            }
        }
        return (table, problems)
    }

    static func placeholders(_ text: String) -> Set<String> {
        var found: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.insert(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// The best of these languages for an Accept-Language header.
    public func negotiate(_ header: String?) -> String {
        guard let header else { return "en" }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first?.trimmingCharacters(in: .whitespaces).lowercased(), !tag.isEmpty else { return nil }
            let quality = pieces.dropFirst().first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("q=") }
                .flatMap { Double($0.trimmingCharacters(in: .whitespaces).dropFirst(2)) } ?? 1
            return (tag, quality)
        }
        for (tag, _) in ranked.sorted(by: { $0.1 > $1.1 }) {
            if let known = resolve(tag) { return known }
        }
        return "en"
    }

    /// The language of this host for a tag: the tag itself, else its base language (`fa-AF`, then `fa`).
    public func resolve(_ tag: String) -> String? {
        let tag = tag.lowercased()
        if tables[tag] != nil { return tag }
        let base = String(tag.split(separator: "-").first ?? "")
        return tables[base] != nil ? base : nil
    }

    static let rightToLeft: Set<String> = ["ar", "fa", "he", "ps", "ur", "ckb", "dv", "yi", "prs", "sd", "ug"]

    static func isRightToLeft(_ language: String) -> Bool {
        let subtags = language.lowercased().split(separator: "-").map(String.init)
        if subtags.contains("arab") || subtags.contains("hebr") { return true }
        if subtags.contains("latn") || subtags.contains("cyrl") { return false }
        return rightToLeft.contains(subtags.first ?? "")
    }

    /// The template a translator starts from (`coursepack serve strings`): every key as msgctxt, its
    /// English as msgid, the note for translators as `#.`.
    public static func template() -> String {
        var file = POFile(header: [("Project-Id-Version", "coursepack serve"), ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
                                   ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"), ("Language-Team", "LANGUAGE <LL@li.org>"),
                                   ("Language", ""), ("MIME-Version", "1.0"),
                                   ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit")],
                          headerComments: ["The host's own words (coursepack serve: join, catalog, player frame).",
                                           "Save the translation as <language>.po (fr.po, ps.po) and start the host with --strings FOLDER."])
        file.entries = HostStrings.english.map { source in
            var entry = POEntry(context: source.key, id: source.text, strings: [""])
            if let note = source.note { entry.extractedComments = [note] }
            return entry
        }
        return POWriter.write(file)
    }
}
