import ArgumentParser
import CoursepackLocalize
import Foundation

struct StringsFill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "Pre-fill untranslated strings from the translation memory.",
        discussion: """
            Exact matches fill untranslated strings as needs review; fuzzy matches (at or above the \
            threshold) are listed as suggestions. A string that has a translation is never overwritten. \
            The memory is shared across modules: $COURSEPACK_TM, else ~/.local/share/coursepack/memory.sqlite.
            """)

    @OptionGroup var module: ModuleOption

    @Option(help: "The target locale.")
    var locale: String

    @Option(help: "The lowest similarity (0-100) for a fuzzy suggestion.")
    var threshold: Int = 75

    @Option(help: "The translation memory file (default: the per-user memory).", completion: .file())
    var memory: String?

    func validate() throws {
        guard (1...100).contains(threshold) else { throw ValidationError("--threshold must be between 1 and 100") }
    }

    func run() throws {
        let lock = try module.folder.lock()
        defer { withExtendedLifetime(lock) {} }
        var strings = try module.strings()
        let tag = try ModuleFolder.locale(locale, of: strings)
        guard var table = strings.tables[tag] else {
            throw CommandFailure(message: "the module has no locale '\(locale)'; its locales: \(strings.identity.locales.joined(separator: ", "))")
        }
        let tm = try MemoryOption.open(memory)
        let open = strings.units.filter { $0.plural == nil && !(table.entries[$0.id]?.hasTranslation ?? false) }
        let suggestions: [[MemoryMatch]]
        do {
            suggestions = try tm.suggestions(for: open.map(\.text), from: strings.identity.sourceLanguage, to: tag,
                                             threshold: threshold, limit: 3)
        } catch { throw CommandFailure(message: "the translation memory: \(error)") }
        var filled = 0
        var listed: [String] = []
        for (unit, matches) in zip(open, suggestions) {
            if let exact = matches.first(where: \.isExact) {
                var entry = table.entries[unit.id] ?? TranslationEntry(id: unit.id, source: unit.text)
                entry.translation = [exact.entry.target]
                entry.status = .needsReview
                table.entries[unit.id] = entry
                filled += 1
            } else if let best = matches.first {
                listed.append("  \(unit.id) (\(best.score)%): \(best.entry.target)")
            }
        }
        strings.tables[tag] = table
        do { try strings.write() } catch { throw CommandFailure(message: error.description) }
        print("\(filled) strings filled from exact matches (marked needs review); \(listed.count) fuzzy suggestions:")
        for line in listed { print(line) }
    }
}

enum MemoryOption {
    static func url(_ path: String?) -> URL {
        path.map { URL(fileURLWithPath: $0) } ?? TranslationMemory.defaultURL()
    }

    static func open(_ path: String?) throws -> TranslationMemory {
        let url = url(path)
        do { return try TranslationMemory(url: url) } catch {
            throw CommandFailure(message: "cannot open the translation memory \(url.path): \(error)")
        }
    }

    /// Locks the memory for a command that adds to it, saying so when another command holds it.
    static func lock(_ path: String?) throws -> FileLock {
        let url = url(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return try FileLock.memory(url) { message in FileHandle.standardError.write(Data("coursepack: \(message)\n".utf8)) }
        } catch let error as FileLock.Failure {
            throw CommandFailure(message: error.description)
        } catch {
            throw CommandFailure(message: "cannot create the folder of the translation memory \(url.path): \(error.localizedDescription)")
        }
    }
}
