import ArgumentParser
import CoursepackLocalize
import Foundation

struct StringsUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Bring locales/source.pot and every locales/<tag>.po up to date with the module's source.",
        discussion: """
            New strings appear untranslated, changed ones go stale (their translation and previous source \
            are kept), removed ones are kept as obsolete entries. With --keep-translations, changed strings \
            keep their translations and status (for a fix that does not change the meaning, such as a typo); \
            each such change is logged in locales/kept-translations.log.
            """)

    @OptionGroup var module: ModuleOption

    @Flag(help: "Keep the translations of changed strings as they are (a typo fix); the change is logged.")
    var keepTranslations = false

    func run() throws {
        let lock = try module.folder.lock()
        defer { withExtendedLifetime(lock) {} }
        var strings = try module.strings(keepTranslations: keepTranslations)
        // Characters no translation may hold, written by an import before they were refused: removed,
        // and the string goes to needs review, so that the module is usable again.
        let repaired = strings.removeControlCharacters()
        var files = strings.files()
        let changed = Set(strings.changes.values.flatMap { $0.map(\.id) })
        if keepTranslations, !changed.isEmpty {
            files[KeptTranslationsLog.path] = KeptTranslationsLog.appending(strings: strings, to: module.path)
        }
        do { try AtomicFiles.write(files, under: strings.root) } catch {
            throw CommandFailure(message: error.description)
        }
        let report = StatusReport(strings)
        for repair in repaired {
            print("\(repair.locale): \(repair.id): removed the control character(s) \(repair.removed); the string needs review")
        }
        print("\(strings.units.count) strings; \(changed.count) changed since the last update" +
              (keepTranslations && !changed.isEmpty ? " (translations kept, logged in \(KeptTranslationsLog.path))" : ""))
        print(report.text, terminator: "")
    }
}

/// `locales/kept-translations.log`: one line per source change whose translations were kept.
enum KeptTranslationsLog {
    static let path = "locales/kept-translations.log"

    static func appending(strings: ModuleStrings, to modulePath: String) -> String {
        let url = strings.root.appendingPathComponent(path)
        var log = (try? String(contentsOf: url, encoding: .utf8)) ?? "# Source changes whose translations were kept (coursepack strings update --keep-translations)\n"
        let date = ISO8601DateFormatter().string(from: Date())
        var seen: Set<String> = []
        for change in strings.changes.values.flatMap({ $0 }) where seen.insert(change.id).inserted {
            log += "\(date)\t\(change.id)\t\(escape(change.before))\t->\t\(escape(change.after))\n"
        }
        return log
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: "\\n")
    }
}
