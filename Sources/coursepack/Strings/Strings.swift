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

/// The module folder of a `strings` command: `--module <folder>` or the first argument, as
/// `validate` and `pack` take it; the current folder by default.
struct ModuleOption: ParsableArguments {
    @Option(name: .customLong("module"), help: "The module folder (or give it as the first argument).", completion: .directory)
    var option: String?

    @Argument(help: "The module folder (default: the current folder).", completion: .directory)
    var argument: String?

    @Option(help: "A folder that holds the module and whose files its links may reach (pages shared in one repository). Default: the module folder alone.",
            completion: .directory)
    var root: String?

    var path: String { option ?? argument ?? "." }

    func validate() throws {
        if let option, let argument, option != argument {
            throw ValidationError("the module is given twice ('\(argument)' and --module '\(option)'): give one")
        }
    }

    var folder: ModuleFolder { ModuleFolder(path: path, root: root) }
}

/// A module folder as the `strings` commands read and change it.
struct ModuleFolder {
    let path: String
    /// The wider folder the module's links may reach (`--root`); nil: the module folder alone.
    var root: String? = nil

    var url: URL { URL(fileURLWithPath: path).standardizedFileURL }

    /// Locks the module's translations for a command that changes them, saying so when another
    /// command holds them: read, change and write happen under the lock, so no change is lost.
    func lock() throws -> FileLock {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandFailure(message: "\(path): no such folder")
        }
        guard isFolder.boolValue else { throw CommandFailure(message: "\(path): not a folder; give the module folder") }
        do {
            return try FileLock.module(url) { message in FileHandle.standardError.write(Data("coursepack: \(message)\n".utf8)) }
        } catch { throw CommandFailure(message: error.description) }
    }

    /// Loads the module and its strings; a module that cannot be read is a failure to run.
    func strings(keepTranslations: Bool = false) throws -> ModuleStrings {
        // Tables written from the source as it is now: no page needs to be read.
        if root == nil, let current = ModuleStrings.loadIfCurrent(at: url) { return current }
        let loaded: ModuleLoader.Result
        do { loaded = try ModuleLoader.load(URL(fileURLWithPath: path), root: root.map { URL(fileURLWithPath: $0) }) } catch {
            throw CommandFailure(message: error.description)
        }
        guard let module = loaded.module, module.manifest != nil else {
            let reason = loaded.diagnostics.first.map { "\($0.location): \($0.message)" } ?? "not a module"
            throw CommandFailure(message: "\(path): \(reason)")
        }
        // A page the loader refused (a link out of the module, a named pipe, a loop) would silently lose
        // its strings from the template and the tables: refuse to run instead.
        if let refused = loaded.diagnostics.first(where: { Self.refusalCodes.contains($0.code) && Self.holdsText($0.location.file) }) {
            let hint = refused.hint.map { "; \($0)" } ?? ""
            throw CommandFailure(message: "\(path): \(refused.location): \(refused.message)\(hint)")
        }
        do { return try ModuleStrings.load(module, keepTranslations: keepTranslations) } catch {
            throw CommandFailure(message: "\(path): \(error.description)")
        }
    }

    private static let refusalCodes: Set<DiagnosticCode> = [.linkLeavesModule, .specialFile, .unreadablePath]

    /// A file whose strings the commands extract: the manifest and the pages.
    private static func holdsText(_ file: String) -> Bool {
        file.hasSuffix(".md") || file.hasSuffix(".yaml") || file.hasSuffix(".yml")
    }

    /// The module locale `tag` names (`ar`, `AR`, `ar_SA` for a module with `ar`), or a failure that
    /// lists the module's locales.
    static func locale(_ tag: String, of strings: ModuleStrings) throws -> String {
        guard let locale = LanguageTag.resolve(tag, among: strings.identity.locales) else {
            throw CommandFailure(message: "the module has no locale '\(tag)'; its locales: \(strings.identity.locales.joined(separator: ", "))")
        }
        return locale
    }
}

extension ModuleOption {
    func strings(keepTranslations: Bool = false) throws -> ModuleStrings { try folder.strings(keepTranslations: keepTranslations) }
}
