import ArgumentParser
import CoursepackLoad
import CoursepackLocalize
import Foundation

struct StringsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring a translator's file back: XLIFF 2.0/2.1, XLIFF 1.2 or PO, string by string.",
        usage: "coursepack strings import [<module>] <file> [--module <module>] [--no-memory]",
        discussion: """
            Each string is checked (placeholders and inline codes, links, Markdown, unsafe HTML, control \
            characters, plural forms, numbers, punctuation, length); a bad one is reported with its id and \
            the reason and skipped, the others import. A string translated against an older source imports \
            as needs review. A file that fails as a whole (malformed, another module, a locale the module \
            does not have, larger than \(ExchangeFiles.sizeLimitDescription)) changes nothing. Exit status: \
            0 all imported, 1 some strings refused, 2 nothing imported (no string of the file is one of the \
            module's, or the file cannot be read).
            """)

    @Option(name: .customLong("module"), help: "The module folder (or give it before the file).", completion: .directory)
    var moduleOption: String?

    @Argument(help: ArgumentHelp("[<module>] <file>: the module folder (default: the current folder) and the translated file.",
                                 valueName: "module-and-file"),
              completion: .file())
    var paths: [String] = []

    @Flag(help: "Do not add the imported translations to the translation memory.")
    var noMemory = false

    @Option(help: "A folder that holds the module and whose files its links may reach (pages shared in one repository). Default: the module folder alone.",
            completion: .directory)
    var root: String?

    func validate() throws {
        guard (1...2).contains(paths.count) else {
            throw ValidationError(paths.isEmpty ? "give the translated file" : "give at most a module folder and one file")
        }
        if paths.count == 2, let moduleOption, moduleOption != paths[0] {
            throw ValidationError("the module is given twice ('\(paths[0])' and --module '\(moduleOption)'): give one")
        }
    }

    var file: String { paths[paths.count - 1] }
    var module: ModuleFolder { ModuleFolder(path: moduleOption ?? (paths.count == 2 ? paths[0] : "."), root: root) }

    func run() throws {
        let data = try Self.contents(of: file)
        let lock = try module.lock()
        defer { withExtendedLifetime(lock) {} }
        // The translator's file is read on another core while the module's tables are: for a large
        // module both take a while.
        let reading = Background { [file] in Self.read(data, file: file) }
        var strings = try module.strings()
        var exchange = try reading.value.get()
        if exchange.file.keysAreTokens {
            // XLIFF 2.0 units without `name`: read again, their `id` tokens mapped back to string ids.
            let locale = LanguageTag.resolve(exchange.file.targetLocale, among: strings.identity.locales) ?? exchange.file.targetLocale
            let keys = XLIFF.tokenKeys(for: ExchangeBuilder.file(for: strings, locale: locale))
            exchange = try Self.read(data, file: file, tokenKeys: keys).get()
        }
        defer { KeptUntilExit.keep((strings, exchange)) }
        let report: Importer.Report
        do { report = try Importer.apply(exchange.file, to: &strings) } catch { throw CommandFailure(message: "\(file): \(error.description)") }

        guard report.matched > 0 else {
            // Not a file for this module: nothing is written, not even the other tools' markup.
            let reason = exchange.file.units.isEmpty
                ? (report.withoutID > 0 ? "its \(report.withoutID) entries have no string id (msgctxt)" : "it holds no strings")
                : "none of its \(exchange.file.units.count) strings is a string of this module" + Self.examples(report.unknown)
            FileHandle.standardError.write(Data("coursepack: error: \(file): nothing imported: \(reason); export a file from this module with `coursepack strings export`\n".utf8))
            throw ExitCode(ExitStatus.couldNotRun)
        }
        // An unchanged file leaves the tables as they are: nothing to rewrite.
        var files = report.imported.isEmpty && report.notesChanged.isEmpty ? [:] : strings.files()
        if let preserved = ExchangeFiles.preservedFile(exchange.file, format: exchange.format, locale: report.locale,
                                                       keeping: Set(strings.units.map(\.id))) {
            files[preserved.path] = preserved.contents
        }
        do { try AtomicFiles.write(files, under: strings.root) } catch { throw CommandFailure(message: error.description) }
        if !noMemory { try ImportedMemory.add(exchange.file, strings: strings, report: report) }

        let into = report.fileLocale.map { "\(report.locale) (the file says \($0))" } ?? report.locale
        print("\(file): \(report.imported.count) strings imported into \(into)"
              + (report.notesChanged.isEmpty ? "" : "; translator's notes changed on \(report.notesChanged.count) more"))
        for id in report.againstOlderSource { print("  needs review: \(id) was translated against an older source") }
        for (id, reasons) in report.warnings { for reason in reasons { print("  warning: \(id): \(reason)") } }
        for (id, reasons) in report.rejected { for reason in reasons { print("  refused: \(id): \(reason)") } }
        if !report.unknown.isEmpty {
            print("  skipped \(report.unknown.count) strings the module does not have (any more)" + Self.examples(report.unknown))
        }
        if report.withoutID > 0 {
            print("  skipped \(report.withoutID) entries without a string id (msgctxt): they cannot be matched to the module")
        }
        if !report.rejected.isEmpty {
            print("\(report.rejected.count) strings refused; fix them in the file and import it again")
            throw ExitCode(ExitStatus.problemsFound)
        }
    }

    /// `: a, b, c and 12 more`, for a list that may run to thousands.
    static func examples(_ ids: [String], shown: Int = 3) -> String {
        guard !ids.isEmpty else { return "" }
        let listed = ids.prefix(shown).joined(separator: ", ")
        return ": " + listed + (ids.count > shown ? " and \(ids.count - shown) more" : "")
    }
}

extension StringsImport {
    /// The file's bytes, refused before reading when it is a folder or over the size limit.
    static func contents(of file: String) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
            throw CommandFailure(message: "\(file): no such file")
        }
        guard !isFolder.boolValue else {
            throw CommandFailure(message: "\(file): is a folder; give the translated file (.po or .xlf)")
        }
        do { return try ExchangeFiles.contents(of: URL(fileURLWithPath: file)) } catch {
            throw CommandFailure(message: "\(file): \(error.message); nothing was imported")
        }
    }

    static func read(_ data: Data, file: String, tokenKeys: [String: String]? = nil) -> Result<(file: ExchangeFile, format: ExchangeFormat), CommandFailure> {
        do { return .success(try ExchangeFiles.read(data, tokenKeys: tokenKeys)) } catch {
            let position = "\(error.line.map { ":\($0)" } ?? "")\(error.column.map { ":\($0)" } ?? "")"
            return .failure(CommandFailure(message: "\(file)\(position): \(error.message); nothing was imported"))
        }
    }
}

/// Imported translations go to the per-user memory, for the next module: those a package may show
/// (translated and final), as `tm add` adds them.
enum ImportedMemory {
    static func add(_ file: ExchangeFile, strings: ModuleStrings, report: Importer.Report) throws {
        let imported = Set(report.imported)
        guard let table = strings.tables[report.locale] else { return }
        let entries = strings.units.filter { imported.contains($0.id) && $0.plural == nil }.compactMap { unit -> TranslationMemoryEntry? in
            guard let entry = table.entries[unit.id], entry.status.isUsable, let target = entry.translation.first else { return nil }
            return TranslationMemoryEntry(source: unit.text, target: target, sourceLocale: strings.identity.sourceLanguage,
                                          targetLocale: report.locale, origin: strings.identity.id, created: nil)
        }
        guard !entries.isEmpty else { return }
        let lock = try MemoryOption.lock(nil)
        defer { withExtendedLifetime(lock) {} }
        guard let memory = try? TranslationMemory(url: TranslationMemory.defaultURL()) else { return }
        _ = try? memory.add(entries)
    }
}
