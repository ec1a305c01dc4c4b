import ArgumentParser
import CoursepackCheck
import CoursepackLoad
import CoursepackLocalize
import Foundation

struct Strings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage a module's translations: string tables, exchange files, checks and the translation memory.",
        discussion: """
            Every translatable text of a module (paragraphs, headings, list items, table cells, the \
            translatable fields of components and of module.yaml, the player's interface) is a string with a \
            stable id. locales/source.pot records them; locales/<tag>.po holds each target locale's \
            translations with their status: new, translated, needs review, final or stale (the source \
            changed after it was translated; the old translation and the old source are kept).
            """,
        subcommands: [StringsStatus.self, StringsUpdate.self, StringsExport.self, StringsImport.self,
                      StringsPseudo.self, StringsFill.self, StringsMemory.self])
}

/// The module folder argument shared by the `strings` commands.
struct ModuleOption: ParsableArguments {
    @Option(name: .customLong("module"), help: "The module folder.", completion: .directory)
    var path: String = "."

    /// Loads the module and its strings; a module that cannot be read is a failure to run.
    func strings(keepTranslations: Bool = false) throws -> ModuleStrings {
        // Tables written from the source as it is now: no page needs to be read.
        if let current = ModuleStrings.loadIfCurrent(at: URL(fileURLWithPath: path).standardizedFileURL) { return current }
        let loaded: ModuleLoader.Result
        do { loaded = try ModuleLoader.load(URL(fileURLWithPath: path)) } catch { throw CommandFailure(message: error.description) }
        guard let module = loaded.module, module.manifest != nil else {
            let reason = loaded.diagnostics.first.map { "\($0.location): \($0.message)" } ?? "not a module"
            throw CommandFailure(message: "\(path): \(reason)")
        }
        do { return try ModuleStrings.load(module, keepTranslations: keepTranslations) } catch {
            throw CommandFailure(message: "\(path): \(error.description)")
        }
    }
}
