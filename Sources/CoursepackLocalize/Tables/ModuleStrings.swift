import CoursepackLoad
import Foundation

/// A module's strings and their translations, brought up to date with its source: the state behind
/// every `coursepack strings` command.
public struct ModuleStrings: Sendable {
    /// The module folder.
    public let root: URL
    /// The module the units were extracted from (`load`); nil when they came from tables that are
    /// current with the source (`loadIfCurrent`), which reads no page.
    public internal(set) var module: Module?
    public let identity: ModuleIdentity
    /// Every unit, with its stable id, in reading order.
    public internal(set) var units: [SourceUnit]
    /// Every target locale's table, merged with the units (statuses as they are now).
    public var tables: [String: LocaleTable]
    /// Source texts changed since the tables were last written, per locale.
    public let changes: [String: [SourceChange]]
    /// The fingerprint of the source the units come from (`SourceDigest`), recorded in the template.
    public let sourceDigest: String?

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
        /// Where the problem is, when it is in a file of the module.
        public let location: SourceLocation?
        public init(_ description: String, at location: SourceLocation? = nil) {
            self.description = description
            self.location = location
        }
    }

    /// Reads the module's template and tables and compares them with its source. Writes nothing.
    public static func load(_ module: Module, keepTranslations: Bool = false) throws(Failure) -> ModuleStrings {
        guard let identity = ModuleIdentity(module) else {
            throw Failure("module.yaml has no id: fix the module first (coursepack validate)")
        }
        let digest = SourceDigest.of(moduleAt: module.root)
        let extracted: [SourceUnit]
        do { extracted = try UnitExtractor.units(of: module) } catch { throw Failure("\(error)") }
        let files = try readTables(identity, root: module.root, boundary: module.boundary ?? ModuleBoundary(module.root))
        let known: [UnitReconciler.Known] = files[0]?.entries.compactMap { entry in
            guard !entry.obsolete, let id = entry.context else { return nil }
            let page = entry.references.first.flatMap(location(ofReference:)).flatMap(page(in:)) ?? page(of: id)
            return .init(id: id, text: entry.id, plural: entry.idPlural, kind: kind(of: entry), page: page)
        } ?? []
        let units = UnitReconciler.reconcile(extracted, with: known)
        let tables = identity.locales.enumerated().map { index, locale in
            files[index + 1].map { LocaleTable(locale: locale, po: $0) } ?? LocaleTable(locale: locale)
        }
        return merged(units, tables: tables, identity: identity, root: module.root, module: module, digest: digest,
                      keepTranslations: keepTranslations)
    }

    /// The same state as `load`, without reading a page, when the template was written from the source
    /// as it is now (its `SourceDigest` matches); nil otherwise, or when anything is amiss, and then
    /// `load` takes the long way and says what is wrong.
    public static func loadIfCurrent(at root: URL) -> ModuleStrings? {
        // The source's digest (every page read and hashed) is worked out while the tables are read.
        let digest = Background { SourceDigest.of(moduleAt: root) }
        guard case .success(let text) = TextFile.read(root.appendingPathComponent(Module.manifestFile), as: Module.manifestFile),
              case .success(let manifest?) = YAMLReader(file: Module.manifestFile).read(text),
              let identity = ModuleIdentity(manifest: manifest) else { return nil }
        guard let boundary = ModuleBoundary(root) else { return nil }
        // Each file is read and turned into units or a table on its own core.
        enum Read { case units([SourceUnit]), table(LocaleTable?), notCurrent }
        let paths = [StringTableFiles.template] + identity.locales.map(StringTableFiles.path(for:))
        let read = Array(paths.enumerated()).concurrentMap { index, path -> Read in
            let url = root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                // No template: nothing is known to be current. No table: the locale has no translation yet.
                return index == 0 ? .notCurrent : .table(nil)
            }
            // A table that is not the module's own file: the long way says so.
            guard case .success = boundary.check(path, in: root),
                  let po = try? readPO(url, as: path, sourceNotes: index == 0) else { return .notCurrent }
            guard index == 0 else { return .table(LocaleTable(locale: identity.locales[index - 1], po: po)) }
            guard let current = digest.value, po.headerValue(SourceDigest.headerField) == current,
                  let units = units(fromTemplate: po) else { return .notCurrent }
            return .units(units)
        }
        guard case .units(let units) = read[0], let digest = digest.value else { return nil }
        var tables: [LocaleTable] = []
        for (index, locale) in identity.locales.enumerated() {
            switch read[index + 1] {
            case .table(let table): tables.append(table ?? LocaleTable(locale: locale))
            default: return nil
            }
        }
        return merged(units, tables: tables, identity: identity, root: root, module: nil, digest: digest, keepTranslations: false)
    }

    /// The template, then each locale's table (nil for a file that does not exist), read side by side:
    /// for a large module they are tens of megabytes.
    /// A table that is a link out of the module folder (or a pipe, a device) is refused as the loader
    /// refuses such a page: nothing of it is read or printed.
    private static func readTables(_ identity: ModuleIdentity, root: URL, boundary: ModuleBoundary?) throws(Failure) -> [POFile?] {
        let paths = [StringTableFiles.template] + identity.locales.map(StringTableFiles.path(for:))
        let read = Array(paths.enumerated()).concurrentMap { index, path -> Result<POFile?, Failure> in
            let url = root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { return .success(nil) }
            if let boundary, case .failure(let refusal) = boundary.check(path, in: root) {
                let diagnostic = ModuleBoundary.diagnostic(refusal, at: path)
                return .failure(Failure("\(diagnostic.location): \(diagnostic.message); \(diagnostic.hint ?? "")", at: diagnostic.location))
            }
            do throws(Failure) { return .success(try readPO(url, as: path, sourceNotes: index == 0)) } catch { return .failure(error) }
        }
        var files: [POFile?] = []
        for result in read {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): throw error
            }
        }
        return files
    }

    /// Brings each locale's table (in `identity.locales` order) up to date with the units, side by side.
    private static func merged(_ units: [SourceUnit], tables: [LocaleTable], identity: ModuleIdentity, root: URL, module: Module?,
                               digest: String?, keepTranslations: Bool) -> ModuleStrings {
        let results = tables.concurrentMap { table -> (LocaleTable, [SourceChange]) in
            var table = table
            let changes = table.merge(with: units, keepTranslations: keepTranslations)
            return (table, changes)
        }
        var merged: [String: LocaleTable] = [:]
        var changes: [String: [SourceChange]] = [:]
        for (table, tableChanges) in results {
            changes[table.locale] = tableChanges
            merged[table.locale] = table
        }
        let tables = merged
        return ModuleStrings(root: root, module: module, identity: identity, units: units, tables: tables, changes: changes, sourceDigest: digest)
    }

    /// The units a template records, as extraction made them; nil when an entry is not one this tool wrote.
    static func units(fromTemplate template: POFile) -> [SourceUnit]? {
        var units: [SourceUnit] = []
        units.reserveCapacity(template.entries.count)
        // The units of a page come one after another: they share its file name and page id rather
        // than each making its own.
        var file = "", page: String?
        for entry in template.entries where !entry.obsolete {
            guard let id = entry.context else { return nil }
            let kind = kind(of: entry)
            let location: SourceLocation
            if kind == .interface {
                location = InterfaceMessages.location
            } else {
                guard let reference = entry.references.first.flatMap(split(reference:)) else { return nil }
                location = SourceLocation(file: ByteSearch.sameBytes(reference.file, file) ? file : String(reference.file),
                                          line: reference.line)
            }
            if !ByteSearch.sameBytes(location.file, file) {
                file = location.file
                page = Self.page(in: location)
            }
            units.append(SourceUnit(id: id, text: entry.id, plural: entry.idPlural, kind: kind, page: page,
                                    notes: entry.extractedComments,
                                    maxLength: entry.extractedComments.lazy.compactMap(UnitExtractor.limit(inNote:)).first,
                                    location: location))
        }
        return units
    }

    /// `pages/02-address.md:14` as written in a `#:` reference.
    private static func location(ofReference reference: String) -> SourceLocation? {
        split(reference: reference).map { SourceLocation(file: String($0.file), line: $0.line) }
    }

    private static func split(reference: String) -> (file: Substring, line: Int)? {
        guard let colon = reference.lastIndex(of: ":"), let line = Int(reference[reference.index(after: colon)...]) else { return nil }
        return (reference[..<colon], line)
    }

    /// The page of a unit at `location`: the stem of `pages/<id>.md`.
    private static func page(in location: SourceLocation) -> String? {
        let file = location.file
        guard file.hasPrefix("pages/"), file.hasSuffix(".md") else { return nil }
        return String(file.dropFirst("pages/".count).dropLast(".md".count))
    }

    /// The page a unit id names (`02-address/p-3fa2c1`), nil for metadata and interface messages. Only a
    /// guess, for a template entry without a reference: component fields are named by the component's id.
    private static func page(of id: String) -> String? {
        let bytes = id.utf8
        guard let slash = bytes.firstIndex(of: 0x2F) else { return nil }
        let first = id[..<slash]
        return first == "module" || first == "ui" ? nil : String(first)
    }

    /// Each kind with the end of the note that names it (": paragraph"), the last kinds first.
    private static let kindsByNoteEnding = UnitKind.allCases.reversed().map { kind in (kind, ": " + kind.phrase) }

    /// The kind recorded in a template entry's notes ("Page 02-address: paragraph").
    private static func kind(of entry: POEntry) -> UnitKind {
        let note = entry.extractedComments.first ?? ""
        for (kind, ending) in kindsByNoteEnding where note.hasSuffix(ending) { return kind }
        if entry.context?.hasPrefix("module/") == true { return .metadata }
        if entry.context?.hasPrefix("ui/") == true { return .interface }
        return .field
    }

    /// A template or a table; a table (`sourceNotes: false`) without the notes and references it takes
    /// from the template.
    static func readPO(_ url: URL, as path: String, sourceNotes: Bool = true) throws(Failure) -> POFile {
        let text: String
        switch TextFile.read(url, as: path, limit: tableSizeLimit) {
        case .success(let contents): text = contents
        case .failure(let diagnostic):
            // A NUL byte in a translation (written by an older import) is one bad string, not a binary
            // file: the table is read, the checks name the string, and `strings update` removes it.
            guard diagnostic.code == .binaryFile, let contents = textWithNUL(url) else {
                throw Failure("\(diagnostic.location): \(diagnostic.message)", at: diagnostic.location)
            }
            text = contents
        }
        do { return try POParser.parse(text, sourceNotes: sourceNotes) } catch {
            throw Failure("\(path):\(error.line): \(error.message)", at: SourceLocation(file: path, line: error.line))
        }
    }

    /// The largest table or template read: a module's tables are written by the tool, a few megabytes
    /// for the largest modules.
    public static let tableSizeLimit = 64 * 1024 * 1024

    /// A table that is valid UTF-8 text apart from NUL bytes; nil for anything else (a real binary file).
    private static func textWithNUL(_ url: URL) -> String? {
        guard let data = try? Data(contentsOf: url), data.count <= tableSizeLimit,
              var text = String(validating: data, as: UTF8.self) else { return nil }
        // Text: at most a few NULs, each inside a line of PO (a binary file has them everywhere).
        guard data.prefix(4096).filter({ $0 == 0 }).count < 16 else { return nil }
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst() }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Translations holding characters no translation may hold (`ControlCharacters`), per locale:
    /// written by an import before they were refused. `strings update` removes them.
    public var controlCharacters: [(locale: String, id: String)] {
        tables.keys.sorted().flatMap { locale in
            tables[locale]!.entries.values.filter { entry in entry.translation.contains(where: ControlCharacters.contains(in:)) }
                .map { (locale, $0.id) }.sorted { $0.1 < $1.1 }
        }
    }

    /// Removes those characters; each string keeps the rest of its translation and goes to needs
    /// review (a stale one stays stale), so that a person looks at it. Returns what was changed.
    public mutating func removeControlCharacters() -> [(locale: String, id: String, removed: String)] {
        var changed: [(locale: String, id: String, removed: String)] = []
        for (locale, id) in controlCharacters {
            guard var entry = tables[locale]?.entries[id] else { continue }
            let source = entry.source + (entry.sourcePlural ?? "")
            let found = Set(entry.translation.flatMap { $0.unicodeScalars.filter { ControlCharacters.isRefused($0) && !source.unicodeScalars.contains($0) } })
            guard !found.isEmpty else { continue }
            entry.translation = entry.translation.map { ControlCharacters.removed(from: $0, keeping: source) }
            if !entry.hasTranslation { entry.translation = []; entry.status = .new } else if entry.status != .stale { entry.status = .needsReview }
            tables[locale]!.entries[id] = entry
            changed.append((locale, id, found.sorted { $0.value < $1.value }.map(ControlCharacters.describe).joined(separator: ", ")))
        }
        return changed
    }

    /// The files that hold this state: the template and one PO per locale.
    public func files() -> [String: String] {
        var files = [StringTableFiles.template: POWriter.write(StringTableFiles.template(for: units, module: identity,
                                                                                         sourceDigest: sourceDigest))]
        for (locale, table) in tables {
            files[StringTableFiles.path(for: locale)] = POWriter.write(StringTableFiles.po(for: table, units: units, module: identity))
        }
        return files
    }

    /// Writes the template and every table; all of them or, on failure, none.
    public func write() throws(Failure) {
        try AtomicFiles.write(files(), under: root)
    }
}
