import ArgumentParser
import CoursepackLoad
import CoursepackLocalize
import Foundation

struct StringsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring a translator's file back: XLIFF 2.0/2.1, XLIFF 1.2 or PO, string by string.",
        discussion: """
            Each string is checked (placeholders and inline codes, links, Markdown, unsafe HTML, plural \
            forms, numbers, punctuation, length); a bad one is reported with its id and the reason and \
            skipped, the others import. A string translated against an older source imports as needs \
            review. A file that fails as a whole (malformed, another module, a locale the module does not \
            have) changes nothing. Exit status: 0 all imported, 1 some strings refused, 2 nothing imported.
            """)

    @OptionGroup var module: ModuleOption

    @Argument(help: "The translated file.", completion: .file())
    var file: String

    @Flag(help: "Do not add the imported translations to the translation memory.")
    var noMemory = false

    func run() throws {
        // The translator's file is read on another core while the module's tables are: for a large
        // module both take a while.
        let reading = Background { [file] in Self.read(file) }
        var strings = try module.strings()
        let exchange = try reading.value.get()
        defer { KeptUntilExit.keep((strings, exchange)) }
        let report: Importer.Report
        do { report = try Importer.apply(exchange.file, to: &strings) } catch { throw CommandFailure(message: "\(file): \(error.description)") }
        // An unchanged file leaves the tables as they are: nothing to rewrite.
        var files = report.imported.isEmpty ? [:] : strings.files()
        if let preserved = ExchangeFiles.preservedFile(exchange.file, format: exchange.format) { files[preserved.path] = preserved.contents }
        do { try AtomicFiles.write(files, under: strings.root) } catch { throw CommandFailure(message: error.description) }
        if !noMemory { ImportedMemory.add(exchange.file, strings: strings, report: report) }

        print("\(file): \(report.imported.count) strings imported into \(exchange.file.targetLocale)")
        for id in report.againstOlderSource { print("  needs review: \(id) was translated against an older source") }
        for (id, reasons) in report.warnings { for reason in reasons { print("  warning: \(id): \(reason)") } }
        for (id, reasons) in report.rejected { for reason in reasons { print("  refused: \(id): \(reason)") } }
        for id in report.unknown { print("  skipped: \(id) is not a string of this module (any more)") }
        if !report.rejected.isEmpty {
            print("\(report.rejected.count) strings refused; fix them in the file and import it again")
            throw ExitCode(ExitStatus.problemsFound)
        }
    }
}

extension StringsImport {
    static func read(_ file: String) -> Result<(file: ExchangeFile, format: ExchangeFormat), CommandFailure> {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            return .failure(CommandFailure(message: "\(file): cannot be read (\(error.localizedDescription))"))
        }
        do { return .success(try ExchangeFiles.read(data)) } catch {
            let position = "\(error.line.map { ":\($0)" } ?? "")\(error.column.map { ":\($0)" } ?? "")"
            return .failure(CommandFailure(message: "\(file)\(position): \(error.message); nothing was imported"))
        }
    }
}

/// Imported translations go to the per-user memory, for the next module.
enum ImportedMemory {
    static func add(_ file: ExchangeFile, strings: ModuleStrings, report: Importer.Report) {
        let imported = Set(report.imported)
        let entries = file.units.filter { imported.contains($0.id) && $0.sourcePlural == nil && !$0.target.isEmpty }.map {
            TranslationMemoryEntry(source: $0.source, target: $0.target[0], sourceLocale: file.sourceLocale,
                                   targetLocale: file.targetLocale, origin: strings.identity.id, created: nil)
        }
        guard !entries.isEmpty, let memory = try? TranslationMemory(url: TranslationMemory.defaultURL()) else { return }
        _ = try? memory.add(entries)
    }
}
