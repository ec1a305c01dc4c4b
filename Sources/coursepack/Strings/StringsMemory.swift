import ArgumentParser
import CoursepackLocalize
import Foundation

struct StringsMemory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Exchange the translation memory with other tools as TMX (1.4b; OmegaT's TMX 1.1 is read too).",
        subcommands: [Import.self, Export.self, Add.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add the units of a TMX file to the memory.")

        @Argument(help: "A TMX file (TMX 1.4b, or OmegaT's TMX 1.1).", completion: .file())
        var file: String

        @Option(help: "The translation memory file (default: the per-user memory).", completion: .file())
        var memory: String?

        func run() throws {
            let data = try StringsImport.contents(of: file)
            let head = String(decoding: data.prefix(4096), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
            if head.hasPrefix("msgid") || head.hasPrefix("#") {
                throw CommandFailure(message: "\(file): this is a PO file, not TMX: import it into its module with `coursepack strings import`, which adds its translations to the memory; nothing was imported")
            }
            if head.hasPrefix("<"), let format = try? XLIFF.format(of: data) {
                throw CommandFailure(message: "\(file): this is an XLIFF \(format == .xliff12 ? "1.2" : "2") file, not TMX: import it into its module with `coursepack strings import`; nothing was imported")
            }
            let entries: [TranslationMemoryEntry]
            do { entries = try TMX.read(data) } catch {
                throw CommandFailure(message: "\(file)\(error.line.map { ":\($0)" } ?? ""): \(error.message); nothing was imported")
            }
            let lock = try MemoryOption.lock(memory)
            defer { withExtendedLifetime(lock) {} }
            let tm = try MemoryOption.open(memory)
            let added: Int
            do { added = try tm.add(entries) } catch { throw CommandFailure(message: "the translation memory: \(error)") }
            print("\(file): \(entries.count) translation units read, \(added) new in the memory")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the memory, or one language pair of it, as TMX 1.4b.")

        @Option(help: "Where to write the TMX file.", completion: .file())
        var out: String

        @Option(help: "Only units from this source locale.")
        var from: String?

        @Option(help: "Only units into this target locale.")
        var to: String?

        @Option(help: "The translation memory file (default: the per-user memory).", completion: .file())
        var memory: String?

        func run() throws {
            let tm = try MemoryOption.open(memory)
            let entries: [TranslationMemoryEntry]
            do { entries = try tm.entries(from: from, to: to) } catch { throw CommandFailure(message: "the translation memory: \(error)") }
            let url = URL(fileURLWithPath: out)
            do {
                try AtomicFiles.write([url.lastPathComponent: String(decoding: TMX.write(entries, sourceLocale: from ?? entries.first?.sourceLocale ?? "en"), as: UTF8.self)],
                                      under: url.deletingLastPathComponent())
            } catch { throw CommandFailure(message: error.description) }
            print("wrote \(out): \(entries.count) translation units")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a module's translated and final strings to the memory.")

        @OptionGroup var module: ModuleOption

        @Option(help: "The translation memory file (default: the per-user memory).", completion: .file())
        var memory: String?

        func run() throws {
            let strings = try module.strings()
            let lock = try MemoryOption.lock(memory)
            defer { withExtendedLifetime(lock) {} }
            var entries: [TranslationMemoryEntry] = []
            for (locale, table) in strings.tables.sorted(by: { $0.key < $1.key }) {
                for unit in strings.units where unit.plural == nil {
                    guard let entry = table.entries[unit.id], entry.status.isUsable, let target = entry.translation.first else { continue }
                    entries.append(TranslationMemoryEntry(source: unit.text, target: target, sourceLocale: strings.identity.sourceLanguage,
                                                          targetLocale: locale, origin: strings.identity.id, created: nil))
                }
            }
            let tm = try MemoryOption.open(memory)
            let added: Int
            do { added = try tm.add(entries) } catch { throw CommandFailure(message: "the translation memory: \(error)") }
            print("\(entries.count) translations of \(strings.identity.id) offered to the memory, \(added) new")
        }
    }
}
